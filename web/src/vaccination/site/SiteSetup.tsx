// Choose the site (in the vaccinator's scope) and the lot in use there (stock on hand at the site).
import { useEffect } from 'react';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { ErrorNotice, Loading } from '../../lib/ui';
import { useAsync } from '../../lib/useAsync';
import { listSites, siteStock, type StockLine } from './api';

interface Props {
  siteId: string | null;
  lotId: string | null;
  onSite: (siteId: string | null) => void;
  onLot: (line: StockLine | null) => void;
  /** changes after each dose, so the doses left are read again */
  stockVersion: number;
}

export function SiteSetup({ siteId, lotId, onSite, onLot, stockVersion }: Props) {
  const { t } = useI18n();
  const sites = useAsync((signal) => listSites(signal), []);
  const stock = useAsync(async (signal) => (siteId ? (await siteStock(siteId, signal)).items.filter((line) => line.holder.siteId === siteId) : []), [siteId, stockVersion]);
  const usable = (stock.data ?? []).filter((line) => line.onHand > 0 && !line.warnings.includes('expired'));
  // the lot remembered on this device, with its doses left as read now (gone once it runs out)
  useEffect(() => {
    if (!stock.data || !lotId) return;
    onLot(stock.data.find((line) => line.lot.id === lotId && line.onHand > 0 && !line.warnings.includes('expired')) ?? null);
  }, [stock.data]);
  return (
    <section className="card" aria-labelledby="vsite-setup-title">
      <h2 id="vsite-setup-title">{t('vsite.setup')}</h2>
      {sites.error !== undefined && <ErrorNotice error={sites.error} onRetry={sites.reload} />}
      {sites.loading && !sites.data && <Loading />}
      <div className="field">
        <label htmlFor="vsite-site">{t('vsite.site')}</label>
        <select id="vsite-site" value={siteId ?? ''} onChange={(e) => onSite(e.target.value || null)}>
          <option value="">{t('vsite.chooseSite')}</option>
          {(sites.data?.items ?? []).filter((s) => s.active).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </div>
      {siteId && (
        <div className="field">
          <label htmlFor="vsite-lot">{t('vsite.lot')}</label>
          {stock.error !== undefined && <ErrorNotice error={stock.error} onRetry={stock.reload} />}
          <select id="vsite-lot" value={lotId ?? ''} onChange={(e) => onLot(usable.find((line) => line.lot.id === e.target.value) ?? null)}>
            <option value="">{t('vsite.chooseLot')}</option>
            {usable.map((line) => (
              <option key={line.lot.id} value={line.lot.id}>
                {t('vsite.lotOption', { product: line.lot.productCode, lot: line.lot.lotNumber, expires: formatDate(line.lot.expiresOn), onHand: line.onHand })}
              </option>
            ))}
          </select>
          {stock.data && usable.length === 0 && <p className="muted">{t('vsite.noLots')}</p>}
        </div>
      )}
    </section>
  );
}
