// /results (public): a citizen sees their test results with the test and the dates, "negative by
// representation" said as such. The personal code kept on this phone (/me) looks them up in one tap;
// otherwise the national ID with the birth year, or a personal code typed from the printed card.
import { useState, type SubmitEvent } from 'react';
import { useStore } from '../checkin/storage';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { errorText, Field } from '../lib/ui';
import { normaliseNationalId, parseScanned } from '../venues/scanCodes';
import { QrCode } from '../checkin/QrCode';
import { getCertificate, lookupResults, type LookupBody, type LookupResult, type PublicResult, type TestCertificate } from './lookupApi';
import './testing.css';

type Way = 'nationalId' | 'code';

/** A negative test's certificate, asked for on request (each one is signed and audited). */
function Certificate({ body, item }: { body: LookupBody; item: PublicResult }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [certificate, setCertificate] = useState<TestCertificate>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (certificate) {
    return (
      <div className="lookup-certificate" data-testid="lookup-certificate">
        <QrCode value={certificate.hc1} label={t('lookup.certificate.qr')} testId="lookup-certificate-qr" />
        <small>{t('lookup.certificate.validUntil', { until: formatDateTime(certificate.expiresAt) })}</small>
      </div>
    );
  }
  const ask = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      setCertificate(await getCertificate(body, item.id));
    } catch (error) {
      setFailure(errorText(error, i18n));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button-secondary" disabled={busy} onClick={() => void ask()} data-testid="lookup-certificate-ask">{t('lookup.certificate.ask')}</button>
      {failure && <small role="alert">{failure}</small>}
    </>
  );
}

function Results({ result, body }: { result: LookupResult; body: LookupBody }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="lookup-results-title" data-testid="lookup-results">
      <h2 id="lookup-results-title">{t('lookup.resultsOf', { initials: result.initials })}</h2>
      {result.items.length === 0 ? (
        <p className="muted">{t('lookup.noResults')}</p>
      ) : (
        <ul className="lookup-results">
          {result.items.map((item) => (
            <li key={item.id} data-outcome={item.outcome}>
              <span className={`outcome outcome-${item.outcome}`}>{t(`testing.outcome.${item.outcome}`)}</span>
              <span>{t(`testing.testType.${item.testType}`)}</span>
              <span className="lookup-when">{t('lookup.when', { sampled: formatDateTime(item.sampledAt), resulted: formatDateTime(item.resultedAt) })}</span>
              {item.outcome === 'negative_by_representation' && <small className="muted">{t('lookup.byRepresentation')}</small>}
              {item.outcome === 'retest_pending' && <small className="muted">{t('lookup.retestPending')}</small>}
              {item.outcome === 'positive' && <small>{t('lookup.positive')}</small>}
              {item.outcome === 'invalid' && <small className="muted">{t('lookup.invalid')}</small>}
              {item.outcome === 'negative' && <Certificate body={body} item={item} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function LookupScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useStore();
  const [way, setWay] = useState<Way>('nationalId');
  const [nationalId, setNationalId] = useState('');
  const [birthYear, setBirthYear] = useState('');
  const [code, setCode] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ answer: LookupResult; body: LookupBody } | null>(null);
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const look = async (body: LookupBody) => {
    setBusy(true);
    setFailure(undefined);
    setResult(null);
    try {
      setResult({ answer: await lookupResults(body), body });
    } catch (error) {
      setFailure(error instanceof ApiError && error.status === 404 ? t('lookup.notFound') : errorText(error, i18n));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (way === 'code') {
      const scanned = parseScanned(code);
      if (scanned.kind !== 'person') problems.code = t('lookup.badCode');
      setFields(problems);
      if (scanned.kind === 'person') void look({ personCode: scanned.code });
      return;
    }
    const id = normaliseNationalId(nationalId);
    const year = Number(birthYear.trim());
    if (!id) problems.nationalId = t('lookup.badNationalId');
    if (!/^\d{4}$/.test(birthYear.trim()) || year < 1900 || year > new Date().getFullYear()) problems.birthYear = t('lookup.badBirthYear');
    setFields(problems);
    if (id && !problems.birthYear) void look({ nationalId: id, birthYear: year });
  };

  return (
    <section className="checkin-page lookup" aria-labelledby="lookup-title" data-testid="lookup">
      <h1 id="lookup-title">{t('lookup.title')}</h1>
      <p className="muted">{t('lookup.intro')}</p>
      {me?.personCode && (
        <div className="card">
          <p>{t('lookup.onThisPhone', { name: me.person.fullName })}</p>
          <button type="button" className="button-primary" disabled={busy} onClick={() => void look({ personCode: me.personCode ?? '' })} data-testid="lookup-own">
            {t('lookup.mine')}
          </button>
        </div>
      )}
      <form className="card" onSubmit={submit} noValidate aria-label={t('lookup.formLabel')}>
        <div className="lookup-choice" role="group" aria-label={t('lookup.how')}>
          <button type="button" className="button-secondary button-small" aria-pressed={way === 'nationalId'} onClick={() => setWay('nationalId')}>{t('lookup.byNationalId')}</button>
          <button type="button" className="button-secondary button-small" aria-pressed={way === 'code'} onClick={() => setWay('code')}>{t('lookup.byCode')}</button>
        </div>
        {way === 'nationalId' ? (
          <>
            <Field id="lookup-national-id" label={t('lookup.nationalId')} error={fields.nationalId}>
              {(d) => <input id="lookup-national-id" inputMode="numeric" autoComplete="off" maxLength={20} value={nationalId} aria-describedby={d} onChange={(e) => setNationalId(e.target.value)} />}
            </Field>
            <Field id="lookup-birth-year" label={t('lookup.birthYear')} error={fields.birthYear}>
              {(d) => <input id="lookup-birth-year" inputMode="numeric" maxLength={4} placeholder="1985" value={birthYear} aria-describedby={d} onChange={(e) => setBirthYear(e.target.value)} />}
            </Field>
          </>
        ) : (
          <Field id="lookup-code" label={t('lookup.code')} hint={t('lookup.codeHint')} error={fields.code}>
            {(d) => <input id="lookup-code" autoComplete="off" value={code} aria-describedby={d} onChange={(e) => setCode(e.target.value)} />}
          </Field>
        )}
        <button type="submit" className="button-primary" disabled={busy}>{busy ? t('common.loading') : t('lookup.submit')}</button>
      </form>
      <div aria-live="polite">
        {failure && <p className="notice notice-error" role="alert" data-testid="lookup-failure">{failure}</p>}
        {result && <Results result={result.answer} body={result.body} />}
      </div>
      <p className="muted">{t('lookup.privacy')}</p>
      {!me?.personCode && <p><Link to="/me">{t('lookup.getCode')}</Link></p>}
    </section>
  );
}
