// /staff/vaccination/coverage: coverage of a unit (the user's own by default) and the units under it,
// by age group, by vaccine and week by week; each share says its denominator, none is invented.
import { lazy, Suspense, useState } from 'react';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/useAsync';
import { ErrorNotice, Field, Loading } from '../../lib/ui';
import { AGE_GROUPS, getCoverage, getCoverageSeries, MEASURES, type GroupCoverage, type Method, type UnitCoverage } from './api';
import './coverage.css';

const CoverageChart = lazy(() => import('./CoverageChart'));

function Cell({ value }: { value: { count: number; share: number | null } }) {
  const { t, locale } = useI18n();
  const share = value.share === null ? t('vcov.noShare') : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value.share);
  return <span className="vcov-share">{t('vcov.countShare', { count: formatNumber(value.count, locale), share })}</span>;
}

function GroupsTable({ unit }: { unit: UnitCoverage }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-scroll table-scroll-cards" tabIndex={0} role="region" aria-label={t('vcov.groupsTable')}>
      <table className="table table-cards" data-testid="vcov-groups">
        <caption>{t('vcov.groupsTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('vcov.group')}</th>
            {MEASURES.map((m) => <th key={m} scope="col">{t(`vcov.measure.${m}`)}</th>)}
            <th scope="col">{t('vcov.denominatorCol')}</th>
          </tr>
        </thead>
        <tbody>
          {AGE_GROUPS.map((group) => {
            const g: GroupCoverage = unit.groups[group];
            return (
              <tr key={group} data-group={group}>
                <th scope="row" data-label={t('vcov.group')}>{t(`vcov.group.${group}`)}</th>
                {MEASURES.map((m) => <td key={m} data-label={t(`vcov.measure.${m}`)}><Cell value={g[m]} /></td>)}
                <td data-label={t('vcov.denominatorCol')} title={g.denominator.note}>{g.denominator.value === null ? '—' : formatNumber(g.denominator.value, locale)}<br /><small className="muted">{g.denominator.note}</small></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ChildrenTable({ children, onOpen }: { children: UnitCoverage[]; onOpen: (code: string) => void }) {
  const { t } = useI18n();
  if (children.length === 0) return <p className="muted">{t('vcov.noChildren')}</p>;
  return (
    <div className="table-scroll table-scroll-cards" tabIndex={0} role="region" aria-label={t('vcov.childrenTable')}>
      <table className="table table-cards" data-testid="vcov-children">
        <caption>{t('vcov.childrenTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('vcov.unit')}</th>
            {MEASURES.map((m) => <th key={m} scope="col">{t(`vcov.measure.${m}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {children.map((child) => (
            <tr key={child.unitCode}>
              <th scope="row" data-label={t('vcov.unit')}>
                <button type="button" className="button-link" onClick={() => onOpen(child.unitCode)} aria-label={t('vcov.open', { name: child.unitName })}>{child.unitName}</button>
              </th>
              {MEASURES.map((m) => <td key={m} data-label={t(`vcov.measure.${m}`)}><Cell value={child.groups.adults18[m]} /></td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProductTable({ unit }: { unit: UnitCoverage }) {
  const { t, locale } = useI18n();
  if (unit.byProduct.length === 0) return <p className="muted">{t('vcov.noDoses')}</p>;
  const doses = new Map(unit.dosesGiven.map((d) => [d.productCode, d.doses]));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('vcov.byProduct')}>
      <table className="table" data-testid="vcov-products">
        <caption>{t('vcov.byProduct')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('vcov.product')}</th>
            {MEASURES.map((m) => <th key={m} scope="col">{t(`vcov.measure.${m}`)}</th>)}
            <th scope="col">{t('vcov.dosesGiven')}</th>
          </tr>
        </thead>
        <tbody>
          {unit.byProduct.map((p) => (
            <tr key={p.productCode}>
              <th scope="row">{p.productCode}</th>
              <td>{formatNumber(p.atLeastOne, locale)}</td>
              <td>{formatNumber(p.full, locale)}</td>
              <td>{formatNumber(p.booster, locale)}</td>
              <td>{formatNumber(doses.get(p.productCode) ?? 0, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function CoverageScreen() {
  const { t } = useI18n();
  const { can, user } = useSession();
  const [unitCode, setUnitCode] = useState<string | undefined>();
  const [asOf, setAsOf] = useState('');
  const [denominator, setDenominator] = useState<Method>('population');
  const [weeks, setWeeks] = useState(12);
  const report = useAsync((signal) => getCoverage({ unitCode, asOf: asOf || undefined, denominator }, signal), [unitCode, asOf, denominator]);
  const series = useAsync((signal) => getCoverageSeries({ unitCode, to: asOf || undefined, weeks, denominator }, signal), [unitCode, asOf, weeks, denominator]);
  const unit = report.data?.unit;
  // the way up only as far as the user's own unit
  const parent = unit && unit.unitCode !== user?.unitCode ? unit.parentCode : null;

  return (
    <section className="vcov" aria-labelledby="vcov-title" data-testid="vcov">
      <h1 id="vcov-title">{t('vcov.title')}</h1>
      <form className="card vcov-filter" aria-label={t('vcov.filter')} onSubmit={(e) => e.preventDefault()}>
        <Field id="vcov-asof" label={t('vcov.asOf')}>
          {(d) => <input id="vcov-asof" type="date" value={asOf} aria-describedby={d} onChange={(e) => setAsOf(e.target.value)} />}
        </Field>
        <Field id="vcov-denominator" label={t('vcov.denominator')}>
          {(d) => (
            <select id="vcov-denominator" value={denominator} aria-describedby={d} onChange={(e) => setDenominator(e.target.value as Method)}>
              <option value="population">{t('vcov.method.population')}</option>
              <option value="registered">{t('vcov.method.registered')}</option>
            </select>
          )}
        </Field>
        <Field id="vcov-weeks" label={t('vcov.weeks')}>
          {(d) => <input id="vcov-weeks" type="number" min={1} max={104} value={weeks} aria-describedby={d} onChange={(e) => setWeeks(Math.min(104, Math.max(1, Number(e.target.value) || 1)))} />}
        </Field>
      </form>
      {can('vaccination:export') && <p><Link to="/staff/vaccination/export">{t('vcov.toExport')}</Link></p>}
      {report.loading && <Loading />}
      {report.error !== undefined && <ErrorNotice error={report.error} onRetry={report.reload} />}
      {unit && (
        <>
          <h2>{unit.unitName}</h2>
          {parent && <button type="button" className="button-secondary" onClick={() => setUnitCode(parent)}>{t('vcov.up')}</button>}
          <p className="muted vcov-note">{t('vcov.denominatorNote')}</p>
          <GroupsTable unit={unit} />
          <h3>{t('vcov.series')}</h3>
          {series.error !== undefined && <ErrorNotice error={series.error} onRetry={series.reload} />}
          {series.data && (
            <Suspense fallback={<Loading />}>
              <CoverageChart series={series.data} />
            </Suspense>
          )}
          <h3>{t('vcov.children')}</h3>
          <ChildrenTable children={report.data!.children} onOpen={setUnitCode} />
          <ProductTable unit={unit} />
        </>
      )}
    </section>
  );
}
