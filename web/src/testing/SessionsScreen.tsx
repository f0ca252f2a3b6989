// Staff: sampling sessions in their scope (latest first), planning a new one, and printing fresh
// label sheets for tubes.
import { useState } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { ErrorNotice, Loading, Pagination } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { unitLabel, useUnits } from '../units/UnitsProvider';
import { listSessions, type SessionStatus } from './api';
import { LabelsForm } from './LabelsForm';
import { SessionForm } from './SessionForm';
import './testing.css';

const PAGE_SIZE = 20;

export default function SessionsScreen() {
  const { t } = useI18n();
  const { can, user } = useSession();
  const { byCode } = useUnits();
  const [status, setStatus] = useState<SessionStatus | ''>('open');
  const [date, setDate] = useState('');
  const [offset, setOffset] = useState(0);
  const [panel, setPanel] = useState<'none' | 'create' | 'labels'>('none');
  const sessions = useAsync((signal) => listSessions({ status: status || undefined, date: date || undefined, limit: PAGE_SIZE, offset }, signal), [status, date, offset]);
  const items = sessions.data?.items ?? [];
  const canLabel = can('testing:collect') || can('testing:lab') || can('testing:manage');
  const userCommune = user?.unitCode && byCode.get(user.unitCode)?.level === 'commune' ? user.unitCode : '';

  return (
    <section aria-labelledby="sessions-title" data-testid="sessions-screen">
      <div className="page-head">
        <h1 id="sessions-title">{t('sessions.title')}</h1>
        <div className="actions">
          {can('testing:manage') && panel !== 'create' && (
            <button type="button" className="button-primary" onClick={() => setPanel('create')}>+ {t('sessions.new')}</button>
          )}
          {canLabel && panel !== 'labels' && (
            <button type="button" className="button-secondary" onClick={() => setPanel('labels')}>{t('sessions.labels.open')}</button>
          )}
          {can('testing:collect') && <Link className="button button-secondary" to="/staff/testing/collect">{t('nav.testingCollect')}</Link>}
        </div>
      </div>
      {panel === 'create' && (
        <SessionForm defaultCommune={userCommune} onCreated={(created) => navigate(`/staff/testing/sessions/${created.id}`)} onCancel={() => setPanel('none')} />
      )}
      {panel === 'labels' && <LabelsForm onDone={() => setPanel('none')} />}
      <div className="filters">
        <div className="field">
          <label htmlFor="sessions-status">{t('sessions.col.status')}</label>
          <select id="sessions-status" value={status} onChange={(e) => { setOffset(0); setStatus(e.target.value as SessionStatus | ''); }}>
            <option value="">{t('sessions.allStatuses')}</option>
            <option value="open">{t('sessions.status.open')}</option>
            <option value="closed">{t('sessions.status.closed')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="sessions-date">{t('sessions.date')}</label>
          <input id="sessions-date" type="date" value={date} onChange={(e) => { setOffset(0); setDate(e.target.value); }} />
        </div>
      </div>
      {sessions.error !== undefined && <ErrorNotice error={sessions.error} onRetry={sessions.reload} />}
      {sessions.loading && !sessions.data && <Loading />}
      {sessions.data && items.length === 0 && <p className="muted">{t('sessions.none')}</p>}
      {items.length > 0 && (
        <div className="table-scroll table-scroll-cards">
          <table className="table table-cards" data-testid="sessions-table">
            <caption className="visually-hidden">{t('sessions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sessions.col.name')}</th>
                <th scope="col">{t('sessions.col.commune')}</th>
                <th scope="col">{t('sessions.col.when')}</th>
                <th scope="col">{t('sessions.col.mode')}</th>
                <th scope="col">{t('sessions.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row"><Link to={`/staff/testing/sessions/${s.id}`}>{s.name}</Link></th>
                  <td data-label={t('sessions.col.commune')}>{unitLabel(byCode.get(s.communeCode), byCode)}</td>
                  <td data-label={t('sessions.col.when')}>{formatDateTime(s.startsAt)} – {formatDateTime(s.endsAt)}</td>
                  <td data-label={t('sessions.col.mode')}>{t(`testing.mode.${s.mode}`)} · {t(`testing.testType.${s.testType}`)}</td>
                  <td data-label={t('sessions.col.status')}>{t(`sessions.status.${s.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sessions.data && sessions.data.total > PAGE_SIZE && <Pagination total={sessions.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />}
    </section>
  );
}
