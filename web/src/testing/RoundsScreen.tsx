// Testing programmes ("green fortress") in the staff's scope: each organisation's or area's status
// (every closed round covered and negative), the current round, and starting a new programme.
import { useState } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { ErrorNotice, Loading, Pagination } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { unitLabel, useUnits } from '../units/UnitsProvider';
import { ProgrammeForm } from './ProgrammeForm';
import { listProgrammes, type GreenStatus, type ProgrammeStatus } from './roundsApi';
import './testing.css';

const PAGE_SIZE = 20;

export function GreenBadge({ status }: { status: GreenStatus }) {
  const { t } = useI18n();
  return <span className={`green-status green-status-${status}`} data-green={status}>{t(`rounds.green.${status}`)}</span>;
}

export default function RoundsScreen() {
  const { t } = useI18n();
  const { can, user } = useSession();
  const { byCode } = useUnits();
  const [status, setStatus] = useState<ProgrammeStatus | ''>('active');
  const [green, setGreen] = useState<GreenStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const programmes = useAsync(
    (signal) => listProgrammes({ status: status || undefined, greenStatus: green || undefined, limit: PAGE_SIZE, offset }, signal),
    [status, green, offset],
  );
  const items = programmes.data?.items ?? [];
  const userCommune = user?.unitCode && byCode.get(user.unitCode)?.level === 'commune' ? user.unitCode : '';

  return (
    <section aria-labelledby="rounds-title" data-testid="rounds-screen">
      <div className="page-head">
        <h1 id="rounds-title">{t('rounds.title')}</h1>
        {can('testing:manage') && !adding && <button type="button" className="button-primary" onClick={() => setAdding(true)}>+ {t('rounds.new')}</button>}
      </div>
      <p className="muted">{t('rounds.intro')}</p>
      {adding && <ProgrammeForm defaultCommune={userCommune} onCreated={(p) => navigate(`/staff/testing/rounds/${p.id}`)} onCancel={() => setAdding(false)} />}
      <div className="filters">
        <div className="field">
          <label htmlFor="programmes-status">{t('sessions.col.status')}</label>
          <select id="programmes-status" value={status} onChange={(e) => { setOffset(0); setStatus(e.target.value as ProgrammeStatus | ''); }}>
            <option value="">{t('sessions.allStatuses')}</option>
            <option value="active">{t('rounds.status.active')}</option>
            <option value="ended">{t('rounds.status.ended')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="programmes-green">{t('rounds.greenFilter')}</label>
          <select id="programmes-green" value={green} onChange={(e) => { setOffset(0); setGreen(e.target.value as GreenStatus | ''); }}>
            <option value="">{t('sessions.allStatuses')}</option>
            <option value="green">{t('rounds.green.green')}</option>
            <option value="not_green">{t('rounds.green.not_green')}</option>
            <option value="pending">{t('rounds.green.pending')}</option>
          </select>
        </div>
      </div>
      {programmes.error !== undefined && <ErrorNotice error={programmes.error} onRetry={programmes.reload} />}
      {programmes.loading && !programmes.data && <Loading />}
      {programmes.data && items.length === 0 && <p className="muted">{t('rounds.none')}</p>}
      {items.length > 0 && (
        <div className="table-scroll table-scroll-cards">
          <table className="table table-cards" data-testid="programmes-table">
            <caption className="visually-hidden">{t('rounds.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rounds.col.name')}</th>
                <th scope="col">{t('rounds.col.who')}</th>
                <th scope="col">{t('rounds.col.green')}</th>
                <th scope="col">{t('rounds.col.current')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <th scope="row"><Link to={`/staff/testing/rounds/${p.id}`}>{p.name}</Link></th>
                  <td data-label={t('rounds.col.who')}>{p.organisationName ?? unitLabel(byCode.get(p.communeCode), byCode)} · {t('rounds.every', { hours: p.intervalHours })}</td>
                  <td data-label={t('rounds.col.green')}><GreenBadge status={p.greenStatus.status} /></td>
                  <td data-label={t('rounds.col.current')}>
                    {p.currentRound ? t('rounds.roundOf', { n: p.currentRound.number, from: formatDateTime(p.currentRound.opensAt), to: formatDateTime(p.currentRound.closesAt) }) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {programmes.data && programmes.data.total > PAGE_SIZE && <Pagination total={programmes.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />}
    </section>
  );
}
