// /vaccination/certificate (public): a citizen gets their vaccination certificate (EU DCC) with
// their national ID, birth date and the phone on file, or their personal code (the one kept on this phone in one tap):
// the signed QR a verifier scans, their doses, a PDF to print, and the link to the verifier.
import { type SubmitEvent, useState } from 'react';
import { useStore } from '../../checkin/storage';
import { useI18n } from '../../i18n';
import { ApiError } from '../../lib/api';
import { downloadWithToken } from '../../lib/download';
import { errorText, Field } from '../../lib/ui';
import { normaliseNationalId, parseScanned } from '../../venues/scanCodes';
import { OWN_CERTIFICATE_PDF, ownCertificate, type ProofBody, type VaccinationCertificate } from './api';
import { CertificateView } from './CertificateView';
import './stock.css';

type Way = 'nationalId' | 'code';

export default function CertificateScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useStore();
  const [way, setWay] = useState<Way>('nationalId');
  const [nationalId, setNationalId] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ certificate: VaccinationCertificate; body: ProofBody } | null>(null);
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const ask = async (body: ProofBody) => {
    setBusy(true);
    setFailure(undefined);
    setResult(null);
    try {
      setResult({ certificate: await ownCertificate(body), body });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setFailure(t('vstock.own.notFound'));
      else if (error instanceof ApiError && Object.keys(error.fields).length) {
        // the server names personCode, nationalId, birthDate or phone: show it on that field
        const named = error.fields;
        setFields({ code: named.personCode ?? '', nationalId: named.nationalId ?? '', birthDate: named.birthDate ?? '', phone: named.phone ?? '' });
      } else setFailure(errorText(error, i18n));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (way === 'code') {
      const scanned = parseScanned(code);
      if (scanned.kind !== 'person') problems.code = t('vstock.own.badCode');
      setFields(problems);
      if (scanned.kind === 'person') void ask({ personCode: scanned.code });
      return;
    }
    const id = normaliseNationalId(nationalId);
    if (!id) problems.nationalId = t('vstock.own.badNationalId');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) problems.birthDate = t('vstock.own.badBirthDate');
    if (phone.replace(/\D/g, '').length < 9) problems.phone = t('vstock.own.badPhone');
    setFields(problems);
    if (id && Object.keys(problems).length === 0) void ask({ nationalId: id, birthDate, phone: phone.trim() });
  };

  const [pdfFailure, setPdfFailure] = useState<string>();
  const downloadPdf = async (body: ProofBody) => {
    setPdfFailure(undefined);
    try {
      await downloadWithToken(OWN_CERTIFICATE_PDF, 'chung-nhan-tiem-chung.pdf', body);
    } catch (error) {
      setPdfFailure(errorText(error, i18n));
    }
  };

  return (
    <section className="checkin-page vaccination-own" aria-labelledby="vaccination-own-title" data-testid="vaccination-own">
      <h1 id="vaccination-own-title">{t('vstock.own.title')}</h1>
      <p className="muted">{t('vstock.own.intro')}</p>
      {me?.personCode && (
        <div className="card">
          <button type="button" className="button-primary" disabled={busy} onClick={() => void ask({ personCode: me.personCode ?? '' })} data-testid="vaccination-own-mine">
            {t('vstock.own.mine', { name: me.person.fullName })}
          </button>
        </div>
      )}
      <form className="card" onSubmit={submit} noValidate aria-label={t('vstock.own.form')}>
        <div className="lookup-choice" role="group" aria-label={t('vstock.own.how')}>
          <button type="button" className="button-secondary button-small" aria-pressed={way === 'nationalId'} onClick={() => setWay('nationalId')}>{t('vstock.own.byNationalId')}</button>
          <button type="button" className="button-secondary button-small" aria-pressed={way === 'code'} onClick={() => setWay('code')}>{t('vstock.own.byCode')}</button>
        </div>
        {way === 'nationalId' ? (
          <>
            <Field id="vaccination-own-national-id" label={t('vstock.own.nationalId')} error={fields.nationalId || undefined}>
              {(d) => <input id="vaccination-own-national-id" inputMode="numeric" autoComplete="off" maxLength={20} value={nationalId} aria-describedby={d} onChange={(e) => setNationalId(e.target.value)} />}
            </Field>
            <Field id="vaccination-own-birth-date" label={t('vstock.own.birthDate')} error={fields.birthDate || undefined}>
              {(d) => <input id="vaccination-own-birth-date" type="date" autoComplete="bday" value={birthDate} aria-describedby={d} onChange={(e) => setBirthDate(e.target.value)} />}
            </Field>
            <Field id="vaccination-own-phone" label={t('vstock.own.phone')} hint={t('vstock.own.phoneHint')} error={fields.phone || undefined}>
              {(d) => <input id="vaccination-own-phone" type="tel" inputMode="tel" autoComplete="tel" maxLength={20} value={phone} aria-describedby={d} onChange={(e) => setPhone(e.target.value)} />}
            </Field>
          </>
        ) : (
          <Field id="vaccination-own-code" label={t('vstock.own.code')} hint={t('vstock.own.codeHint')} error={fields.code || undefined}>
            {(d) => <input id="vaccination-own-code" autoComplete="off" value={code} aria-describedby={d} onChange={(e) => setCode(e.target.value)} />}
          </Field>
        )}
        <button type="submit" className="button-primary" disabled={busy} data-testid="vaccination-own-submit">{busy ? t('common.loading') : t('vstock.own.submit')}</button>
      </form>
      <div aria-live="polite">
        {failure && <p className="notice notice-error" role="alert" data-testid="vaccination-own-failure">{failure}</p>}
        {result && (
          <CertificateView
            certificate={result.certificate}
            testId="vaccination-certificate"
            actions={(
              <>
                <button type="button" className="button-secondary" onClick={() => void downloadPdf(result.body)} data-testid="vaccination-certificate-pdf">{t('vstock.cert.pdf')}</button>
                {pdfFailure && <small role="alert">{pdfFailure}</small>}
              </>
            )}
          />
        )}
      </div>
      <p className="muted">{t('vstock.own.privacy')}</p>
    </section>
  );
}
