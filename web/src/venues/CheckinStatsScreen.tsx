// Staff: check-in statistics computed from the records: the province's three figures (QR points,
// scans in all, scans a day), scans per day, per commune, the busiest venues and the checkpoints.
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { formatDate, formatDateTime, formatNumber } from '../lib/format';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { useUnits } from '../units/UnitsProvider';
import { addDays, fetchCheckinStats, todayInVietnam } from './api';
import '../stats/stats.css';
import './venues.css';

const ScansChart = lazy(() => import('./ScansChart'));
const PERIODS = [7, 14, 30] as const;
/** A province has about a hundred communes: the busiest first, the rest on request. */
const COMMUNES_SHOWN = 15;

function Figure({ value, label, testId }: { value: string; label: string; testId: string }) {
  return (
    <div className="stats-figure" data-testid={testId}>
      <strong>{value}</strong>
      <span>{label}</span>
    </div>
  );
}

function Table({ caption, head, count, footer, children }: { caption: string; head: ReactNode; count: number; footer?: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section>
      <h2>{caption}</h2>
      {count === 0 ? (
        <p className="muted">{t('cstats.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead><tr>{head}</tr></thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
      {footer}
    </section>
  );
}

export default function CheckinStatsScreen() {
  const { t, locale } = useI18n();
  const { units } = useUnits();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(14);
  const [unitCode, setUnitCode] = useState('');
  const [allCommunes, setAllCommunes] = useState(false);
  const to = todayInVietnam();
  const from = addDays(to, -(days - 1));
  const { data, error, loading, reload } = useAsync((signal) => fetchCheckinStats({ from, to, unitCode: unitCode || undefined }, signal), [from, to, unitCode]);
  const n = (value: number) => formatNumber(value, locale);

  return (
    <div data-testid="checkin-stats">
      <h1>{t('cstats.title')}</h1>
      <div className="stats-controls">
        <div className="field">
          <label htmlFor="cstats-period">{t('cstats.period')}</label>
          <select id="cstats-period" value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof PERIODS)[number])}>
            {PERIODS.map((p) => <option key={p} value={p}>{t('cstats.lastDays', { days: p })}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cstats-unit">{t('staffDecl.unit')}</label>
          <select id="cstats-unit" value={unitCode} onChange={(e) => setUnitCode(e.target.value)}>
            <option value="">{t('staffDecl.allUnits')}</option>
            {units.filter((u) => u.level !== 'commune').map((u) => <option key={u.code} value={u.code}>{u.name}</option>)}
          </select>
        </div>
      </div>
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <div className={loading ? 'stale' : undefined}>
          <div className="stats-summary">
            <Figure testId="cstats-registered" value={n(data.venues.registered)} label={t('cstats.registered')} />
            <Figure testId="cstats-all-time" value={n(data.scans.allTime)} label={t('cstats.allTime')} />
            <Figure testId="cstats-per-day" value={n(Math.round(data.scans.perDay))} label={t('cstats.perDay', { days })} />
            <Figure testId="cstats-active" value={n(data.venues.activeInPeriod)} label={t('cstats.activeInPeriod')} />
          </div>
          <p className="stats-source">{t('cstats.asOf', { from: formatDate(data.from), to: formatDate(data.to), asOf: formatDateTime(data.asOf), total: n(data.scans.total) })}</p>
          <section>
            <h2>{t('cstats.perDayTitle')}</h2>
            <Suspense fallback={<Loading />}><ScansChart days={data.days} /></Suspense>
            <details>
              <summary>{t('cstats.asTable')}</summary>
              <table className="table">
                <thead><tr><th scope="col">{t('staffDecl.date')}</th><th scope="col" className="numeric">{t('cstats.scans')}</th><th scope="col" className="numeric">{t('cstats.people')}</th></tr></thead>
                <tbody>
                  {data.days.map((d) => <tr key={d.date}><th scope="row">{formatDate(d.date)}</th><td className="numeric">{n(d.scans)}</td><td className="numeric">{n(d.people)}</td></tr>)}
                </tbody>
              </table>
            </details>
          </section>
          <Table caption={t('cstats.checkpoints')} count={data.checkpoints.length} head={<><th scope="col">{t('staffDecl.checkpoint')}</th><th scope="col" className="numeric">{t('cstats.scans')}</th><th scope="col" className="numeric">{t('cstats.declarations')}</th><th scope="col" className="numeric">{t('cstats.flagged')}</th></>}>
            {data.checkpoints.map((c) => (
              <tr key={c.id}><th scope="row">{c.name}</th><td className="numeric">{n(c.scans)}</td><td className="numeric">{c.declarations === null ? '—' : n(c.declarations)}</td><td className="numeric">{c.flagged === null ? '—' : n(c.flagged)}</td></tr>
            ))}
          </Table>
          <div className="cstats-columns">
            <Table
              caption={t('cstats.communes')}
              count={data.communes.length}
              footer={data.communes.length > COMMUNES_SHOWN && (
                <button type="button" className="button-link" aria-expanded={allCommunes} onClick={() => setAllCommunes(!allCommunes)}>
                  {allCommunes ? t('cstats.fewerCommunes') : t('cstats.allCommunes', { count: data.communes.length })}
                </button>
              )}
              head={<><th scope="col">{t('venues.commune')}</th><th scope="col" className="numeric">{t('cstats.venues')}</th><th scope="col" className="numeric">{t('cstats.activeVenues')}</th><th scope="col" className="numeric">{t('cstats.scans')}</th></>}>
              {(allCommunes ? data.communes : data.communes.slice(0, COMMUNES_SHOWN)).map((c) => (
                <tr key={c.code}><th scope="row">{c.name}</th><td className="numeric">{n(c.venues)}</td><td className="numeric">{n(c.activeVenues)}</td><td className="numeric">{n(c.scans)}</td></tr>
              ))}
            </Table>
            <Table caption={t('cstats.topVenues')} count={data.topVenues.length} head={<><th scope="col">{t('venues.name')}</th><th scope="col" className="numeric">{t('cstats.scans')}</th></>}>
              {data.topVenues.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.name}<br /><small className="muted">{v.communeName}</small></th>
                  <td className="numeric">{n(v.scans)}</td>
                </tr>
              ))}
            </Table>
          </div>
        </div>
      )}
    </div>
  );
}
