// A tube's results, newest first: who entered each and how (by hand, CSV, the lab API), and each
// correction with its reason. Nothing is overwritten: a corrected result stays, marked superseded.
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { tubeResults, type CtValues } from './labApi';

export function ctText(ct: CtValues | null): string {
  return ct ? Object.entries(ct).map(([gene, value]) => `${gene} ${value}`).join(' · ') : '';
}

export function TubeHistory({ barcode, version, onCorrect }: { barcode: string; version: number; onCorrect?: () => void }) {
  const { t } = useI18n();
  const history = useAsync((signal) => tubeResults(barcode, signal), [barcode, version]);
  if (history.error !== undefined) return <ErrorNotice error={history.error} onRetry={history.reload} />;
  if (!history.data) return <Loading />;
  const { items, status } = history.data;
  return (
    <section className="card" aria-labelledby="history-title" data-testid="tube-history" data-barcode={barcode}>
      <h2 id="history-title">{t('lab.historyTitle', { barcode })}</h2>
      <p className="muted">{t('lab.tubeStatus', { status: t(`testing.tubeStatus.${status}`) })}</p>
      {items.length === 0 ? (
        <p className="muted">{t('lab.noResults')}</p>
      ) : (
        <ul className="history-list">
          {items.map((r) => (
            <li key={r.id} data-current={r.current} data-outcome={r.outcome}>
              <span className={`outcome outcome-${r.outcome}`}>{t(`testing.outcome.${r.outcome}`)}</span>{' '}
              {r.ctValues && <span className="mono">{ctText(r.ctValues)}</span>}
              <br />
              <small className="muted">
                {formatDateTime(r.enteredAt)} · {r.enteredByName ?? r.enteredBy} · {t(`lab.source.${r.source}`)}
                {!r.current && ` · ${t('lab.superseded')}`}
              </small>
              {r.correctionReason && <small className="history-reason"><br />{t('lab.correctionReason', { reason: r.correctionReason })}</small>}
            </li>
          ))}
        </ul>
      )}
      {onCorrect && items.some((r) => r.current) && (
        <div className="actions">
          <button type="button" className="button-secondary" onClick={onCorrect} data-testid="correct-result">{t('lab.correct')}</button>
        </div>
      )}
    </section>
  );
}
