import './levels.css';
import { useMemo } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDate, formatDateTime, formatNumber } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { unitLabel, useUnits } from '../units/UnitsProvider';
import { unitHistory } from './api';
import { LevelBadge } from './LevelBadge';
import { LevelTimeline, periodsOf } from './LevelTimeline';
import { subtreeOf } from './scope';
import { currentWeek, todayInVietnam } from './week';

/** One unit's published levels over time: a coloured step chart and the list of publications. */
export default function HistoryScreen({ code }: { code: string }) {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const { units, byCode } = useUnits();
  const choices = useMemo(() => subtreeOf(user?.unitCode ?? null, units), [user, units]);
  const unit = byCode.get(code);
  const name = unit?.name ?? code;
  const { data, error, loading, reload } = useAsync((signal) => unitHistory(code, signal), [code]);
  const periods = useMemo(() => periodsOf(data?.items ?? []), [data]);
  const inForce = periods.findLast((period) => period.from <= todayInVietnam());
  const backArea = unit?.level === 'commune' ? (unit.parentCode ?? undefined) : unit?.code;

  return (
    <section aria-labelledby="history-title" className="levels-screen">
      <div className="page-head">
        <h1 id="history-title">{t('levels.historyOf', { name })}</h1>
        <Link to={`/levels?week=${currentWeek()}${backArea ? `&unit=${backArea}` : ''}`}>{t('levels.backToLevels')}</Link>
      </div>
      <div className="levels-toolbar">
        <div className="field">
          <label htmlFor="history-unit">{t('levels.historyUnit')}</label>
          <select id="history-unit" value={code} onChange={(e) => navigate(`/levels/history/${e.target.value}`)}>
            {!unit && <option value={code}>{code}</option>}
            {choices.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {unitLabel(choice, byCode)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && data.items.length === 0 && <p className="card">{t('levels.historyEmpty')}</p>}
      {data && data.items.length > 0 && (
        <>
          <div className="card">
            {inForce && (
              <p>
                <LevelBadge level={inForce.level} /> <span className="muted">{t('levels.inForce')}</span>
              </p>
            )}
            <LevelTimeline periods={periods} name={name} today={todayInVietnam()} />
          </div>
          <div className="table-scroll table-scroll-cards" tabIndex={0} role="region" aria-label={t('levels.historyTable')}>
            <table className="table table-cards" data-testid="history-table">
              <caption className="visually-hidden">{t('levels.historyTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('levels.col.effectiveFrom')}</th>
                  <th scope="col">{t('levels.col.level')}</th>
                  <th scope="col">{t('levels.col.week')}</th>
                  <th scope="col">{t('levels.col.rate')}</th>
                  <th scope="col">{t('levels.col.computed')}</th>
                  <th scope="col">{t('levels.col.publishedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.assessmentId}>
                    <th scope="row" data-label={t('levels.col.effectiveFrom')}>
                      {formatDate(item.effectiveFrom)}
                    </th>
                    <td data-label={t('levels.col.level')}>
                      <LevelBadge level={item.level} />
                    </td>
                    <td data-label={t('levels.col.week')} className="mono">
                      {item.week}
                    </td>
                    <td data-label={t('levels.col.rate')} className="numeric">
                      {formatNumber(item.casesPer100k, locale)}
                    </td>
                    <td data-label={t('levels.col.computed')}>{t('levels.levelShort', { level: item.computedLevel })}</td>
                    <td data-label={t('levels.col.publishedAt')}>{formatDateTime(item.publishedAt)}</td>
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
