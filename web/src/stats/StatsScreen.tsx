// Public statistics: the province's latest day, each district's figures with source and as-of time,
// a chart over time for any unit, and vaccination per district.
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../i18n';
import { formatDate, formatDateTime, formatNumber } from '../lib/format';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { useLiveEvents } from '../map/live';
import { listUnits } from '../units/api';
import { fetchDaily, fetchUnitSeries, STATS_CSV_URL, type DayStats } from './api';
import './stats.css';

const StatsChart = lazy(() => import('./StatsChart'));

function Figure({ label, value }: { label: string; value: number | null }) {
  const { locale } = useI18n();
  return (
    <div className="stats-figure">
      <strong>{value === null ? '—' : formatNumber(value, locale)}</strong>
      <span>{label}</span>
    </div>
  );
}

function Source({ day }: { day: DayStats }) {
  const { t } = useI18n();
  return (
    <p className="stats-source" data-testid="stats-source">
      {t('stats.sourceAsOf', { source: day.source, time: formatDateTime(day.asOf), date: formatDate(day.date) })}
    </p>
  );
}

function Series({ code }: { code: string }) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useAsync((signal) => fetchUnitSeries(code, signal), [code]);
  useLiveEvents(['stats'], reload);
  if (loading && !data) return <Loading />;
  if (error || !data) return <ErrorNotice error={error} onRetry={reload} />;
  if (data.items.length === 0) return <p className="muted">{t('stats.noFigures')}</p>;
  return (
    <Suspense fallback={<Loading />}>
      <StatsChart items={data.items} />
    </Suspense>
  );
}

export default function StatsScreen() {
  const { t, locale } = useI18n();
  const [code, setCode] = useState('93');
  const daily = useAsync(async (signal) => {
    const [province, districts] = await Promise.all([fetchDaily('province', signal), fetchDaily('district', signal)]);
    return { province: province.items[0], districts: districts.items };
  }, []);
  const units = useAsync((signal) => listUnits({}, signal), []);
  useLiveEvents(['stats'], daily.reload);
  const n = (value: number | null) => (value === null ? '—' : formatNumber(value, locale));
  const province = daily.data?.province;

  return (
    <div data-testid="stats">
      <h1>{t('stats.title')}</h1>
      {daily.error !== undefined && <ErrorNotice error={daily.error} onRetry={daily.reload} />}
      {daily.loading && !daily.data && <Loading />}
      {daily.data && !province && daily.data.districts.length === 0 && <p className="notice notice-info">{t('stats.noFigures')}</p>}
      {province && (
        <section aria-labelledby="stats-province">
          <h2 id="stats-province">{t('stats.provinceOn', { name: province.unitName, date: formatDate(province.date) })}</h2>
          <div className="stats-summary">
            <Figure label={t('stats.confirmedCommunity')} value={province.confirmedCommunity} />
            <Figure label={t('stats.confirmedQuarantine')} value={province.confirmedQuarantine} />
            <Figure label={t('stats.suspected')} value={province.suspected} />
            <Figure label={t('stats.recovered')} value={province.recovered} />
            <Figure label={t('stats.deaths')} value={province.deaths} />
            <Figure label={t('stats.cumulativeConfirmed')} value={province.cumulativeConfirmed} />
            <Figure label={t('stats.confirmed7d')} value={province.confirmed7d} />
            <Figure label={t('stats.per100k')} value={province.confirmed7dPer100k} />
          </div>
          <Source day={province} />
        </section>
      )}

      <section aria-labelledby="stats-over-time">
        <h2 id="stats-over-time">{t('stats.overTime')}</h2>
        <div className="stats-controls">
          <div className="field">
            <label htmlFor="stats-unit">{t('stats.unit')}</label>
            <select id="stats-unit" value={code} onChange={(event) => setCode(event.target.value)}>
              {(units.data?.items ?? [{ code: '93', name: 'Tỉnh Hậu Giang', level: 'province' }]).map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {unit.level === 'commune' ? '\u00a0\u00a0\u00a0' : unit.level === 'district' ? '\u00a0' : ''}
                  {unit.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Series code={code} />
      </section>

      {daily.data && daily.data.districts.length > 0 && (
        <>
          <section aria-labelledby="stats-districts">
            <h2 id="stats-districts">{t('stats.byDistrict', { date: formatDate(daily.data.districts[0]?.date) })}</h2>
            <div className="table-scroll">
              <table className="table" data-testid="stats-districts">
                <thead>
                  <tr>
                    <th scope="col">{t('stats.unit')}</th>
                    <th scope="col" className="numeric">{t('stats.confirmed')}</th>
                    <th scope="col" className="numeric">{t('stats.cumulativeConfirmed')}</th>
                    <th scope="col" className="numeric">{t('stats.confirmed7d')}</th>
                    <th scope="col" className="numeric">{t('stats.per100k')}</th>
                    <th scope="col" className="numeric">{t('stats.recovered')}</th>
                    <th scope="col" className="numeric">{t('stats.deaths')}</th>
                    <th scope="col">{t('stats.source')}</th>
                  </tr>
                </thead>
                <tbody>
                  {daily.data.districts.map((d) => (
                    <tr key={d.unitCode}>
                      <th scope="row">{d.unitName}</th>
                      <td className="numeric">{n(d.confirmed)}</td>
                      <td className="numeric">{n(d.cumulativeConfirmed)}</td>
                      <td className="numeric">{n(d.confirmed7d)}</td>
                      <td className="numeric" title={d.rateNote ?? undefined}>{d.confirmed7dPer100k === null ? (d.rateNote ? '*' : '—') : n(d.confirmed7dPer100k)}</td>
                      <td className="numeric">{n(d.recovered)}</td>
                      <td className="numeric">{n(d.deaths)}</td>
                      <td>
                        <small>
                          {d.source} · {formatDateTime(d.asOf)}
                        </small>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="stats-vaccination">
            <h2 id="stats-vaccination">{t('stats.vaccination')}</h2>
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('stats.unit')}</th>
                    <th scope="col" className="numeric">{t('stats.firstDose')}</th>
                    <th scope="col" className="numeric">{t('stats.fullDose')}</th>
                    <th scope="col" className="numeric">{t('stats.booster')}</th>
                    <th scope="col">{t('stats.adultsCoverage')}</th>
                  </tr>
                </thead>
                <tbody>
                  {daily.data.districts.map((d) => (
                    <tr key={d.unitCode}>
                      <th scope="row">{d.unitName}</th>
                      <td className="numeric">{n(d.vaccinatedFirstDose)}</td>
                      <td className="numeric">{n(d.vaccinatedFull)}</td>
                      <td className="numeric">{n(d.vaccinatedBooster)}</td>
                      <td>
                        {d.adultsCoverage === null ? (
                          '—'
                        ) : (
                          <>
                            <span className="coverage-bar" style={{ width: `${Math.round(d.adultsCoverage * 6)}rem` }} aria-hidden="true" />
                            {new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(d.adultsCoverage)}
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
      <p className="stats-source">
        {t('stats.openData')} <a href={STATS_CSV_URL}>stats.csv</a>
      </p>
    </div>
  );
}
