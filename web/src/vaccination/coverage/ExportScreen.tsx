// /staff/vaccination/export: "X of Y doses updated on the national platform" for the user's unit and
// the units under it; create an export, download it (FHIR NDJSON or CSV: an audited read), record
// the platform's answer, and queue rejected doses again.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { downloadWithToken } from '../../lib/download';
import { formatDateTime, formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/useAsync';
import { ErrorNotice, Loading, SuccessNotice } from '../../lib/ui';
import { createExport, exportFileUrl, getExportStatus, listExports, type Batch, type ExportStatus, type StatusCounts } from './api';
import { AnswerForm, RejectedPanel } from './ExportForms';
import './coverage.css';

function StatusTable({ status }: { status: ExportStatus }) {
  const { t, locale } = useI18n();
  const percent = (share: number | null) => (share === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share));
  const columns = ['total', 'pending', 'exported', 'acknowledged', 'rejected'] as const;
  const row = (counts: StatusCounts, own: boolean) => (
    <tr key={counts.unitCode} className={own ? 'row-district' : undefined}>
      <th scope="row" data-label={t('vexp.col.unit')}>{counts.unitName}</th>
      {columns.map((c) => <td key={c} data-label={t(`vexp.col.${c}`)}>{formatNumber(counts[c], locale)}</td>)}
      <td data-label={t('vexp.col.share')}>{percent(counts.acknowledgedShare)}</td>
    </tr>
  );
  return (
    <>
      <p className="vexp-summary" data-testid="vexp-summary">
        {t('vexp.summary', { acknowledged: formatNumber(status.unit.acknowledged, locale), total: formatNumber(status.unit.total, locale), share: percent(status.unit.acknowledgedShare) })}
      </p>
      <div className="table-scroll table-scroll-cards" tabIndex={0} role="region" aria-label={t('vexp.statusTable')}>
        <table className="table table-cards" data-testid="vexp-status">
          <caption>{t('vexp.statusTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('vexp.col.unit')}</th>
              {columns.map((c) => <th key={c} scope="col">{t(`vexp.col.${c}`)}</th>)}
              <th scope="col">{t('vexp.col.share')}</th>
            </tr>
          </thead>
          <tbody>{[row(status.unit, true), ...status.children.map((child) => row(child, false))]}</tbody>
        </table>
      </div>
    </>
  );
}

function BatchTable({ batches, reason }: { batches: Batch[]; reason: string }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<unknown>();
  if (batches.length === 0) return <p className="muted">{t('vexp.noBatches')}</p>;
  const download = (batch: Batch, format: 'ndjson' | 'csv') => {
    setError(undefined);
    downloadWithToken(exportFileUrl(batch.id, format, reason), `vigil-immunizations-${batch.id.slice(0, 8)}.${format}`).catch(setError);
  };
  return (
    <>
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="table-scroll table-scroll-cards" tabIndex={0} role="region" aria-label={t('vexp.batches')}>
        <table className="table table-cards" data-testid="vexp-batches">
          <thead>
            <tr>
              <th scope="col">{t('vexp.col.createdAt')}</th>
              <th scope="col">{t('vexp.col.unit')}</th>
              <th scope="col">{t('vexp.col.doses')}</th>
              <th scope="col">{t('vexp.col.answers')}</th>
              <th scope="col">{t('vexp.download')}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => (
              <tr key={batch.id}>
                <th scope="row" data-label={t('vexp.col.createdAt')}>{formatDateTime(batch.createdAt)}</th>
                <td data-label={t('vexp.col.unit')}>{batch.unitCode}</td>
                <td data-label={t('vexp.col.doses')}>{formatNumber(batch.doseCount, locale)}</td>
                <td data-label={t('vexp.col.answers')}>{t('vexp.answers', batch.answers)}</td>
                <td data-label={t('vexp.download')}>
                  <button type="button" className="button-secondary button-small" onClick={() => download(batch, 'ndjson')}>{t('vexp.downloadNdjson')}</button>{' '}
                  <button type="button" className="button-secondary button-small" onClick={() => download(batch, 'csv')}>{t('vexp.downloadCsv')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export default function ExportScreen() {
  const { t } = useI18n();
  const status = useAsync((signal) => getExportStatus(undefined, signal), []);
  const batches = useAsync((signal) => listExports(signal), []);
  const [reason, setReason] = useState(() => t('vexp.reasonDefault'));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Batch>();
  const [createError, setCreateError] = useState<unknown>();
  const reload = () => {
    status.reload();
    batches.reload();
  };
  const create = async () => {
    setCreating(true);
    setCreateError(undefined);
    setCreated(undefined);
    try {
      setCreated(await createExport(undefined));
      reload();
    } catch (error) {
      setCreateError(error);
    } finally {
      setCreating(false);
    }
  };

  return (
    <section className="vexp" aria-labelledby="vexp-title" data-testid="vexp">
      <h1 id="vexp-title">{t('vexp.title')}</h1>
      <p><Link to="/staff/vaccination/coverage">{t('vexp.toCoverage')}</Link></p>
      <h2>{t('vexp.status')}</h2>
      {status.loading && <Loading />}
      {status.error !== undefined && <ErrorNotice error={status.error} onRetry={status.reload} />}
      {status.data && <StatusTable status={status.data} />}

      <h2>{t('vexp.batches')}</h2>
      <div className="vexp-form">
        <button type="button" className="button-primary" onClick={() => void create()} disabled={creating} data-testid="vexp-create">
          {creating ? t('vexp.creating') : t('vexp.create')}
        </button>
        <label htmlFor="vexp-reason">{t('vexp.reason')}</label>
        <input id="vexp-reason" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} />
      </div>
      {created && <SuccessNotice>{t('vexp.created', { count: created.doseCount })}</SuccessNotice>}
      {createError !== undefined && <ErrorNotice error={createError} />}
      {batches.error !== undefined && <ErrorNotice error={batches.error} onRetry={batches.reload} />}
      {batches.data && <BatchTable batches={batches.data.items} reason={reason.trim() || t('vexp.reasonDefault')} />}

      {batches.data && batches.data.items.length > 0 && <AnswerForm batches={batches.data.items} onDone={reload} />}
      {status.data && <RejectedPanel rejected={status.data.rejected} onDone={reload} />}
    </section>
  );
}
