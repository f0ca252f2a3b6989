// Staff: health declarations per checkpoint and day (counts), and a checkpoint's flagged declarations.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { formatDate, formatNumber } from '../lib/format';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { useUnits } from '../units/UnitsProvider';
import { addDays, todayInVietnam } from './api';
import { declarationSummary, type SummaryRow } from './declarationsApi';
import { FlaggedList } from './FlaggedList';
import { ReasonForm, useReadReason } from './ReadReason';
import './scanner.css';
import './venues.css';

export default function DeclarationsScreen() {
  const { t, locale } = useI18n();
  const { units } = useUnits();
  const [date, setDate] = useState(todayInVietnam);
  const [unitCode, setUnitCode] = useState('');
  const [chosen, setChosen] = useState<SummaryRow | null>(null);
  const [reason, setReason] = useReadReason();
  const summary = useAsync((signal) => declarationSummary({ date, unitCode: unitCode || undefined }, signal), [date, unitCode]);
  const n = (value: number) => formatNumber(value, locale);
  const rows = summary.data?.items ?? [];

  return (
    <div data-testid="staff-declarations">
      <h1>{t('staffDecl.title')}</h1>
      <div className="filters">
        <div className="field">
          <label htmlFor="decl-date">{t('staffDecl.date')}</label>
          <div className="decl-date-row">
            <button type="button" className="button-secondary button-small" aria-label={t('staffDecl.dayBefore')} onClick={() => { setChosen(null); setDate(addDays(date, -1)); }}>‹</button>
            <input id="decl-date" type="date" value={date} max={todayInVietnam()} onChange={(e) => { setChosen(null); if (e.target.value) setDate(e.target.value); }} />
            <button type="button" className="button-secondary button-small" aria-label={t('staffDecl.dayAfter')} disabled={date >= todayInVietnam()} onClick={() => { setChosen(null); setDate(addDays(date, 1)); }}>›</button>
          </div>
        </div>
        <div className="field field-grow">
          <label htmlFor="decl-unit">{t('staffDecl.unit')}</label>
          <select id="decl-unit" value={unitCode} onChange={(e) => { setChosen(null); setUnitCode(e.target.value); }}>
            <option value="">{t('staffDecl.allUnits')}</option>
            {units.filter((u) => u.level !== 'commune').map((u) => <option key={u.code} value={u.code}>{u.name}</option>)}
          </select>
        </div>
      </div>
      {summary.error !== undefined && <ErrorNotice error={summary.error} onRetry={summary.reload} />}
      {summary.loading && !summary.data && <Loading />}
      {summary.data && rows.length === 0 && <p className="muted">{t('staffDecl.noneThatDay', { date: formatDate(date) })}</p>}
      {rows.length > 0 && (
        <div className="table-scroll table-scroll-cards">
          <table className="table table-cards" data-testid="decl-summary">
            <caption className="visually-hidden">{t('staffDecl.summaryCaption', { date: formatDate(date) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staffDecl.checkpoint')}</th>
                <th scope="col" className="numeric">{t('staffDecl.total')}</th>
                <th scope="col" className="numeric">{t('staffDecl.flag.red')}</th>
                <th scope="col" className="numeric">{t('staffDecl.flag.yellow')}</th>
                <th scope="col" className="numeric">{t('staffDecl.flag.green')}</th>
                <th scope="col" className="numeric">{t('staffDecl.in')}</th>
                <th scope="col" className="numeric">{t('staffDecl.out')}</th>
                <th scope="col"><span className="visually-hidden">{t('venues.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.venueId} ${row.date}`} aria-selected={chosen?.venueId === row.venueId || undefined}>
                  <th scope="row">{row.venueName}</th>
                  <td className="numeric" data-label={t('staffDecl.total')}>{n(row.total)}</td>
                  <td className="numeric" data-label={t('staffDecl.flag.red')}>{n(row.red)}</td>
                  <td className="numeric" data-label={t('staffDecl.flag.yellow')}>{n(row.yellow)}</td>
                  <td className="numeric" data-label={t('staffDecl.flag.green')}>{n(row.green)}</td>
                  <td className="numeric" data-label={t('staffDecl.in')}>{n(row.in)}</td>
                  <td className="numeric" data-label={t('staffDecl.out')}>{n(row.out)}</td>
                  <td>
                    <button type="button" className="button-secondary button-small" disabled={row.red + row.yellow === 0} onClick={() => setChosen(row)}>
                      {t('staffDecl.showFlagged')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen && !reason && <ReasonForm onReason={setReason} />}
      {chosen && reason && (
        <>
          <p className="muted decl-reason-line">
            {t('staffDecl.readingAs', { reason })}{' '}
            <button type="button" className="button-link" onClick={() => setReason('')}>{t('staffDecl.changeReason')}</button>
          </p>
          <FlaggedList key={`${chosen.venueId} ${date}`} venueId={chosen.venueId} venueName={chosen.venueName} date={date} reason={reason} />
        </>
      )}
    </div>
  );
}
