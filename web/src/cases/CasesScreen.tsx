// Staff: cases in your scope, latest first, and recording a new one.
import { useState } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { ErrorNotice, Loading, Pagination } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { listCases, type CaseStatus } from './api';
import { CaseForm } from './CaseForm';
import './cases.css';

const PAGE_SIZE = 20;
const STATUSES: CaseStatus[] = ['active', 'recovered', 'deceased'];

export default function CasesScreen() {
  const { t } = useI18n();
  const { can } = useSession();
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const cases = useAsync((signal) => listCases({ status: status || undefined, limit: PAGE_SIZE, offset }, signal), [status, offset]);
  const items = cases.data?.items ?? [];

  return (
    <section aria-labelledby="cases-title" data-testid="cases-screen">
      <div className="page-head">
        <h1 id="cases-title">{t('cases.title')}</h1>
        {can('cases:write') && !adding && (
          <button type="button" className="button-primary" onClick={() => setAdding(true)}>+ {t('cases.new')}</button>
        )}
      </div>
      {adding && <CaseForm onCreated={(created) => navigate(`/staff/cases/${created.id}`)} />}
      <div className="filters">
        <div className="field">
          <label htmlFor="cases-status">{t('cases.col.status')}</label>
          <select id="cases-status" value={status} onChange={(e) => { setOffset(0); setStatus(e.target.value); }}>
            <option value="">{t('cases.allStatuses')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`cases.status.${s}`)}</option>)}
          </select>
        </div>
      </div>
      {cases.error !== undefined && <ErrorNotice error={cases.error} onRetry={cases.reload} />}
      {cases.loading && !cases.data && <Loading />}
      {cases.data && items.length === 0 && <p className="muted">{t('cases.none')}</p>}
      {items.length > 0 && (
        <div className="table-scroll table-scroll-cards">
          <table className="table table-cards" data-testid="cases-table">
            <caption className="visually-hidden">{t('cases.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.col.person')}</th>
                <th scope="col">{t('cases.col.confirmedAt')}</th>
                <th scope="col">{t('cases.col.status')}</th>
                <th scope="col">{t('cases.col.source')}</th>
                <th scope="col">{t('cases.col.window')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row"><Link to={`/staff/cases/${c.id}`}>{c.personName}</Link></th>
                  <td data-label={t('cases.col.confirmedAt')}>{formatDateTime(c.confirmedAt ?? c.reportedAt)}{c.classification === 'suspected' && ` (${t('cases.suspected')})`}</td>
                  <td data-label={t('cases.col.status')}>{t(`cases.status.${c.status}`)}</td>
                  <td data-label={t('cases.col.source')}>{t(`cases.source.${c.source}`)}</td>
                  <td data-label={t('cases.col.window')}>{formatDateTime(c.infectiousFrom)} – {formatDateTime(c.infectiousTo)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cases.data && cases.data.total > PAGE_SIZE && <Pagination total={cases.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />}
    </section>
  );
}
