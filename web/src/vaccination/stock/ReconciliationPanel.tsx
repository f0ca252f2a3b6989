// The reconciliation (vaccination:stock): per lot, delivered against administered + wasted + on
// hand; a gap, or more doses recorded than the lot delivered, is marked.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { ErrorNotice } from '../../lib/ui';
import { getReconciliation, type Reconciliation } from './api';
import { productLabel } from './labels';

export function ReconciliationPanel() {
  const { t, locale } = useI18n();
  const [data, setData] = useState<Reconciliation>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setData(await getReconciliation());
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };
  const n = (value: number) => formatNumber(value, locale);
  return (
    <section className="card" aria-labelledby="vstock-reconciliation-title" data-testid="vstock-reconciliation">
      <h2 id="vstock-reconciliation-title">{t('vstock.rec.title')}</h2>
      <p className="muted">{t('vstock.rec.intro')}</p>
      <button type="button" className="button-secondary" disabled={busy} onClick={() => void load()} data-testid="vstock-reconciliation-load">{t('vstock.rec.load')}</button>
      {error !== undefined && <ErrorNotice error={error} />}
      {data && (
        <>
          <p className={data.balanced ? 'notice notice-success' : 'notice notice-error'} role="status" data-testid="vstock-reconciliation-verdict">
            {data.balanced ? t('vstock.rec.balanced') : t('vstock.rec.unbalanced')}
          </p>
          <div className="table-scroll table-scroll-cards" tabIndex={0} role="region" aria-label={t('vstock.rec.title')}>
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">{t('vstock.col.lot')}</th>
                  <th scope="col">{t('vstock.rec.delivered')}</th>
                  <th scope="col">{t('vstock.rec.administered')}</th>
                  <th scope="col">{t('vstock.rec.wasted')}</th>
                  <th scope="col">{t('vstock.col.onHand')}</th>
                  <th scope="col">{t('vstock.rec.gap')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((line) => (
                  <tr key={line.lot.id} data-gap={line.gap} className={line.gap !== 0 || line.overAdministered ? 'vstock-row-problem' : undefined}>
                    <th scope="row" data-label={t('vstock.col.lot')}>{productLabel(t, line.lot.productCode)} · {line.lot.lotNumber}</th>
                    <td data-label={t('vstock.rec.delivered')}>{n(line.delivered)}</td>
                    <td data-label={t('vstock.rec.administered')}>
                      {n(line.administered)} {line.overAdministered && <span className="badge badge-warning">{t('vstock.rec.over')}</span>}
                    </td>
                    <td data-label={t('vstock.rec.wasted')}>{n(line.wasted)}</td>
                    <td data-label={t('vstock.col.onHand')}>{n(line.onHand)}</td>
                    <td data-label={t('vstock.rec.gap')}>{n(line.gap)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
