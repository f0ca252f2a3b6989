// /staff/vaccination/stock: stock on hand per holder and lot in the user's area with its warnings
// (expired, expiring, stock out, low), the forms that change it (receive, allocate or transfer,
// wastage) for the roles that may, and the reconciliation.
import { useMemo, useState } from 'react';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ErrorNotice, Field, Loading } from '../../lib/ui';
import { getProducts, getSites, getStock, type Lot, type StockFilter, type StockReport } from './api';
import { productLabel } from './labels';
import { ReconciliationPanel } from './ReconciliationPanel';
import { MoveForm, ShipmentForm, WastageForm } from './StockForms';
import './stock.css';

type Show = 'all' | 'inStock' | 'warnings';
const SHOWS: readonly Show[] = ['all', 'inStock', 'warnings'];

function StockTable({ report, show }: { report: StockReport; show: Show }) {
  const { t, locale } = useI18n();
  const items = report.items.filter((line) => show === 'all' || (show === 'inStock' ? line.onHand > 0 : line.warnings.length > 0));
  if (items.length === 0) return <p className="muted" data-testid="vstock-empty">{t('vstock.empty')}</p>;
  return (
    <div className="table-scroll table-scroll-cards" tabIndex={0} role="region" aria-label={t('vstock.onHandTable')}>
      <table className="table table-cards" data-testid="vstock-table">
        <thead>
          <tr>
            <th scope="col">{t('vstock.col.holder')}</th>
            <th scope="col">{t('vstock.col.product')}</th>
            <th scope="col">{t('vstock.col.lot')}</th>
            <th scope="col">{t('vstock.col.expires')}</th>
            <th scope="col">{t('vstock.col.onHand')}</th>
            <th scope="col">{t('vstock.col.warnings')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((line) => (
            <tr key={`${line.holder.unitCode ?? line.holder.siteId}|${line.lot.id}`} data-warnings={line.warnings.join(' ')}>
              <th scope="row" data-label={t('vstock.col.holder')}>{line.holder.name}</th>
              <td data-label={t('vstock.col.product')}>{productLabel(t, line.lot.productCode)}</td>
              <td data-label={t('vstock.col.lot')}>{line.lot.lotNumber}</td>
              <td data-label={t('vstock.col.expires')}>{formatDate(line.lot.expiresOn)}</td>
              <td data-label={t('vstock.col.onHand')}>{formatNumber(line.onHand, locale)}</td>
              <td data-label={t('vstock.col.warnings')}>
                {line.warnings.map((warning) => <span key={warning} className={`badge vstock-warning vstock-warning-${warning}`}>{t(`vstock.warning.${warning}`)}</span>)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function StockScreen() {
  const { t } = useI18n();
  const { can } = useSession();
  const [unitCode, setUnitCode] = useState('');
  const [productCode, setProductCode] = useState('');
  const [filter, setFilter] = useState<StockFilter>({});
  const [show, setShow] = useState<Show>('all');
  const stock = useAsync((signal) => getStock(filter, signal), [filter]);
  const sites = useAsync((signal) => getSites(signal), []);
  const products = useAsync((signal) => getProducts(signal), []);
  const lots = useMemo(() => {
    const byId = new Map<string, Lot>();
    for (const line of stock.data?.items ?? []) byId.set(line.lot.id, line.lot);
    return [...byId.values()];
  }, [stock.data]);
  const siteList = sites.data?.items ?? [];
  const productList = products.data?.items ?? [];

  return (
    <section className="vstock" aria-labelledby="vstock-title" data-testid="vstock">
      <h1 id="vstock-title">{t('vstock.title')}</h1>
      <form className="card vstock-filter" aria-label={t('vstock.filter')} onSubmit={(e) => { e.preventDefault(); setFilter({ ...(unitCode.trim() ? { unitCode: unitCode.trim() } : {}), ...(productCode ? { productCode } : {}) }); }}>
        <Field id="vstock-filter-unit" label={t('vstock.filterUnit')}>
          {(d) => <input id="vstock-filter-unit" inputMode="numeric" maxLength={5} value={unitCode} aria-describedby={d} onChange={(e) => setUnitCode(e.target.value)} />}
        </Field>
        <Field id="vstock-filter-product" label={t('vstock.field.product')}>
          {(d) => (
            <select id="vstock-filter-product" value={productCode} aria-describedby={d} onChange={(e) => setProductCode(e.target.value)}>
              <option value="">{t('vstock.allProducts')}</option>
              {productList.map((p) => <option key={p.code} value={p.code}>{productLabel(t, p.code)}</option>)}
            </select>
          )}
        </Field>
        <Field id="vstock-filter-show" label={t('vstock.showLines')}>
          {(d) => (
            <select id="vstock-filter-show" value={show} aria-describedby={d} onChange={(e) => setShow(SHOWS.find((s) => s === e.target.value) ?? 'all')}>
              {SHOWS.map((s) => <option key={s} value={s}>{t(`vstock.showLines.${s}`)}</option>)}
            </select>
          )}
        </Field>
        <button type="submit" className="button-secondary">{t('vstock.show')}</button>
      </form>
      {stock.loading && <Loading />}
      {stock.error !== undefined && <ErrorNotice error={stock.error} onRetry={stock.reload} />}
      {stock.data && (
        <>
          <p className="muted">{t('vstock.asOf', { at: formatDateTime(stock.data.asOf) })}</p>
          <StockTable report={stock.data} show={show} />
        </>
      )}
      <div className="vstock-forms">
        {can('vaccination:stock') && <ShipmentForm products={productList} onDone={stock.reload} />}
        {can('vaccination:stock') && <MoveForm lots={lots} sites={siteList} onDone={stock.reload} />}
        {can('vaccination:record') && <WastageForm lots={lots} sites={siteList} onDone={stock.reload} />}
      </div>
      {can('vaccination:stock') && <ReconciliationPanel />}
    </section>
  );
}
