// /staff/vaccination/people/:id: one person's doses, read with a stated reason (the read is
// audited), and their vaccination certificate issued on screen (the QR) or printed (PDF).
import { type SubmitEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { ApiError } from '../../lib/api';
import { downloadWithToken } from '../../lib/download';
import { formatDateTime } from '../../lib/format';
import { ErrorNotice, errorText, Field } from '../../lib/ui';
import { certificatePdfPath, type DoseHistory, getDoseHistory, issueCertificate, type VaccinationCertificate } from './api';
import { CertificateView } from './CertificateView';
import { productLabel } from './labels';
import './stock.css';

function Doses({ history }: { history: DoseHistory }) {
  const { t } = useI18n();
  if (history.doses.length === 0) return <p className="muted" data-testid="vaccination-person-no-doses">{t('vstock.person.noDoses')}</p>;
  return (
    <div className="table-scroll table-scroll-cards" tabIndex={0} role="region" aria-label={t('vstock.person.doses')}>
      <table className="table table-cards" data-testid="vaccination-person-doses">
        <thead>
          <tr>
            <th scope="col">{t('vstock.col.dose')}</th>
            <th scope="col">{t('vstock.col.product')}</th>
            <th scope="col">{t('vstock.col.lot')}</th>
            <th scope="col">{t('vstock.col.site')}</th>
            <th scope="col">{t('vstock.col.time')}</th>
          </tr>
        </thead>
        <tbody>
          {history.doses.map((dose) => (
            <tr key={dose.id}>
              <td data-label={t('vstock.col.dose')}>
                {dose.doseNumber} {dose.kind === 'booster' && <span className="badge">{t('vstock.booster')}</span>}
              </td>
              <td data-label={t('vstock.col.product')}>{productLabel(t, dose.productCode)}</td>
              <td data-label={t('vstock.col.lot')}>{dose.lotNumber}</td>
              <td data-label={t('vstock.col.site')}>{dose.siteName}</td>
              <td data-label={t('vstock.col.time')}>{formatDateTime(dose.administeredAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function PersonDosesScreen({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [reason, setReason] = useState(t('vstock.person.defaultReason'));
  const [reasonError, setReasonError] = useState<string>();
  const [history, setHistory] = useState<DoseHistory>();
  const [loadError, setLoadError] = useState<unknown>();
  const [certificate, setCertificate] = useState<VaccinationCertificate>();
  const [actionError, setActionError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>, onError: (error: unknown) => void) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  const show = (event: SubmitEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(t('vstock.person.reasonRequired'));
      return;
    }
    setReasonError(undefined);
    setLoadError(undefined);
    void run(async () => setHistory(await getDoseHistory(id, reason.trim())), (error) => {
      if (error instanceof ApiError && error.fields.reason) setReasonError(error.fields.reason);
      else setLoadError(error);
    });
  };

  const issue = () => {
    setActionError(undefined);
    void run(async () => setCertificate(await issueCertificate(id, reason.trim())), (error) => setActionError(errorText(error, i18n)));
  };
  const print = () => {
    setActionError(undefined);
    void run(() => downloadWithToken(certificatePdfPath(id, reason.trim()), 'chung-nhan-tiem-chung.pdf'), (error) => setActionError(errorText(error, i18n)));
  };

  return (
    <section className="vaccination-person" aria-labelledby="vaccination-person-title" data-testid="vaccination-person">
      <h1 id="vaccination-person-title">{history ? t('vstock.person.titleOf', { name: history.person.fullName, year: history.person.birthYear }) : t('vstock.person.title')}</h1>
      <form className="card" onSubmit={show} noValidate aria-label={t('vstock.person.reasonForm')}>
        <Field id="vaccination-person-reason" label={t('vstock.person.reason')} hint={t('vstock.person.reasonHint')} error={reasonError}>
          {(d) => <input id="vaccination-person-reason" maxLength={300} value={reason} aria-describedby={d} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <button type="submit" className="button-primary" disabled={busy} data-testid="vaccination-person-show">{t('vstock.person.show')}</button>
      </form>
      {loadError !== undefined && <ErrorNotice error={loadError} />}
      {history && (
        <>
          <p data-testid="vaccination-person-series">{history.primarySeriesComplete ? t('vstock.person.seriesComplete') : t('vstock.person.seriesIncomplete')}</p>
          <Doses history={history} />
          {history.doses.length > 0 && (
            <div className="actions">
              <button type="button" className="button-primary" disabled={busy} onClick={issue} data-testid="vaccination-person-issue">{t('vstock.person.issue')}</button>
              <button type="button" className="button-secondary" disabled={busy} onClick={print} data-testid="vaccination-person-print">{t('vstock.person.print')}</button>
            </div>
          )}
          {actionError && <p className="notice notice-error" role="alert">{actionError}</p>}
          {certificate && <CertificateView certificate={certificate} testId="vaccination-person-certificate" />}
        </>
      )}
    </section>
  );
}
