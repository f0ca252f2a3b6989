// The verdict on one certificate: valid or not and why, then what the certificate says (marked
// unverified when it is not valid), with codes shown by their names.
import { useEffect, useRef } from 'react';
import { formatDate, formatDateTime } from '../lib/format';
import { type Dcc, labelOf, TEST_RESULT, TEST_TYPE, VACCINE_MANUFACTURER, VACCINE_PRODUCT, type Verification } from './hcert';
import { useVerifyMessages } from './i18n';
import type { VerifyMessageKey } from './messages';

function Row({ label, value, testId }: { label: string; value: string | number | null | undefined; testId?: string }) {
  if (value === null || value === undefined || value === '') return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** A DCC birth date may be a year, a year and month, or a full date. */
const formatDob = (dob: string) => (/^\d{4}-\d{2}-\d{2}$/.test(dob) ? formatDate(dob) : dob.split('T')[0]!.split('-').reverse().join('/'));

function Entries({ dcc }: { dcc: Dcc }) {
  const { t, lang } = useVerifyMessages();
  return (
    <>
      {dcc.v?.map((v, index) => (
        <section key={`v${index}`} className="verify-section" data-testid="verify-vaccination">
          <h3>{t('verify.vaccination.title')}</h3>
          <dl className="details">
            <Row label={t('verify.vaccination.product')} value={labelOf(VACCINE_PRODUCT, v.mp, lang)} />
            <Row label={t('verify.vaccination.manufacturer')} value={labelOf(VACCINE_MANUFACTURER, v.ma, lang)} />
            <Row label={t('verify.vaccination.dose')} value={t('verify.vaccination.doseOf', { dn: v.dn, sd: v.sd })} testId="verify-dose" />
            <Row label={t('verify.vaccination.date')} value={formatDate(v.dt)} />
            <Row label={t('verify.entry.country')} value={v.co} />
            <Row label={t('verify.entry.issuer')} value={v.is} />
            <Row label={t('verify.entry.id')} value={v.ci} />
          </dl>
        </section>
      ))}
      {dcc.t?.map((test, index) => (
        <section key={`t${index}`} className="verify-section" data-testid="verify-test">
          <h3>{t('verify.test.title')}</h3>
          <dl className="details">
            <Row label={t('verify.test.type')} value={labelOf(TEST_TYPE, test.tt, lang)} />
            <Row label={t('verify.test.result')} value={labelOf(TEST_RESULT, test.tr, lang)} testId="verify-test-result" />
            <Row label={t('verify.test.sampled')} value={formatDateTime(test.sc)} />
            <Row label={t('verify.test.centre')} value={test.tc} />
            <Row label={t('verify.entry.country')} value={test.co} />
            <Row label={t('verify.entry.issuer')} value={test.is} />
            <Row label={t('verify.entry.id')} value={test.ci} />
          </dl>
        </section>
      ))}
      {dcc.r?.map((r, index) => (
        <section key={`r${index}`} className="verify-section" data-testid="verify-recovery">
          <h3>{t('verify.recovery.title')}</h3>
          <dl className="details">
            <Row label={t('verify.recovery.firstPositive')} value={formatDate(r.fr)} />
            <Row label={t('verify.recovery.validFrom')} value={formatDate(r.df)} />
            <Row label={t('verify.recovery.validUntil')} value={formatDate(r.du)} />
            <Row label={t('verify.entry.country')} value={r.co} />
            <Row label={t('verify.entry.issuer')} value={r.is} />
            <Row label={t('verify.entry.id')} value={r.ci} />
          </dl>
        </section>
      ))}
    </>
  );
}

export function VerificationResult({ result, checkedAt }: { result: Verification; checkedAt: Date }) {
  const { t } = useVerifyMessages();
  const card = useRef<HTMLElement>(null);
  // each verdict is brought into view: after a scan the camera may fill the screen
  useEffect(() => {
    card.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [checkedAt]);
  const dcc = result.payload;
  const name = dcc ? [dcc.nam.fn, dcc.nam.gn].filter(Boolean).join(' ') || [dcc.nam.fnt, dcc.nam.gnt].filter(Boolean).join(' ') : '';
  return (
    <section ref={card} className="card verify-result" aria-live="polite" data-testid="verify-result" data-valid={String(result.valid)} data-reason={result.reason ?? ''}>
      <div className={`verify-verdict ${result.valid ? 'verify-verdict-valid' : 'verify-verdict-invalid'}`} role="status">
        <strong>{result.valid ? t('verify.result.valid') : t('verify.result.invalid')}</strong>
        <span data-testid="verify-reason">{result.valid ? t('verify.result.validDetail') : t(`verify.reason.${result.reason ?? 'malformed'}` as VerifyMessageKey)}</span>
        <small>{t('verify.result.checkedAt', { time: formatDateTime(checkedAt.toISOString()) })}</small>
      </div>
      {dcc && (
        <>
          {!result.valid && <p className="notice notice-error">{t('verify.unverifiedWarning')}</p>}
          <section className="verify-section">
            <h3>{t('verify.holder.title')}</h3>
            <dl className="details">
              <Row label={t('verify.holder.name')} value={name} testId="verify-holder-name" />
              <Row label={t('verify.holder.standardName')} value={[dcc.nam.fnt, dcc.nam.gnt].filter(Boolean).join('<<')} />
              <Row label={t('verify.holder.dob')} value={formatDob(dcc.dob)} testId="verify-holder-dob" />
            </dl>
          </section>
          <Entries dcc={dcc} />
          <section className="verify-section">
            <h3>{t('verify.certificate.title')}</h3>
            <dl className="details">
              <Row label={t('verify.certificate.issuedAt')} value={formatDateTime(result.issuedAt)} />
              <Row label={t('verify.certificate.expiresAt')} value={formatDateTime(result.expiresAt)} testId="verify-expires" />
              <Row label={t('verify.certificate.country')} value={result.issuer} />
              <Row label={t('verify.certificate.signer')} value={result.signer?.subject ?? (result.kid ? `kid ${result.kid}` : t('verify.certificate.unknown'))} />
            </dl>
          </section>
        </>
      )}
    </section>
  );
}
