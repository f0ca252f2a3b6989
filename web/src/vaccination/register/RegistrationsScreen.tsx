// /staff/vaccination/registrations: people registered but not yet vaccinated in the user's area,
// filtered by unit, priority group and age, by priority then registration time; the list and its CSV
// are audited reads (with the reason given here).
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../../i18n';
import { ApiError } from '../../lib/api';
import { downloadWithToken } from '../../lib/download';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ErrorNotice, Field, Loading, Pagination, SuccessNotice } from '../../lib/ui';
import { getPriorityGroups, listRegistrations, registrationsCsvUrl, type RegistrationFilters, type StaffRegistration, withdrawRegistration } from './api';
import './register.css';

const PAGE = 50;

export default function RegistrationsScreen() {
  const { t, lang, locale } = useI18n();
  const groups = useAsync((signal) => getPriorityGroups(signal), []);
  const [draft, setDraft] = useState<RegistrationFilters>(() => ({ status: '', reason: t('vreg.staff.reasonDefault') }));
  const [filters, setFilters] = useState<RegistrationFilters>(draft);
  const [offset, setOffset] = useState(0);
  const [downloadError, setDownloadError] = useState<unknown>();
  const list = useAsync((signal) => listRegistrations(filters, PAGE, offset, signal), [filters, offset]);
  const groupLabel = (code: string) => {
    const group = groups.data?.items.find((g) => g.code === code);
    return group ? `${group.order}. ${lang === 'vi' ? group.vi : group.en}` : code;
  };
  const change = (patch: RegistrationFilters) => setDraft((d) => ({ ...d, ...patch }));
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    setOffset(0);
    setFilters({ ...draft });
  };
  const download = () => {
    setDownloadError(undefined);
    downloadWithToken(registrationsCsvUrl(filters), `vaccination-registrations-${new Date().toISOString().slice(0, 10)}.csv`).catch(setDownloadError);
  };
  const [withdrawn, setWithdrawn] = useState<string>();
  const [withdrawError, setWithdrawError] = useState<unknown>();
  // the reason is required and audited; a native prompt keeps the table simple on a phone
  const withdraw = async (registration: StaffRegistration) => {
    const reason = window.prompt(t('vreg.staff.withdrawReason', { name: registration.fullName }))?.trim();
    if (!reason) return;
    setWithdrawn(undefined);
    setWithdrawError(undefined);
    try {
      await withdrawRegistration(registration.id, reason);
      setWithdrawn(t('vreg.staff.withdrawn', { name: registration.fullName }));
      list.reload();
    } catch (error) {
      setWithdrawError(error);
    }
  };
  const input = (name: 'unitCode' | 'minAge' | 'maxAge', label: Parameters<typeof t>[0], extra: Record<string, string | number> = {}) => (
    <Field id={`vreg-f-${name}`} label={t(label)} error={list.error instanceof ApiError ? list.error.fields[name] : undefined}>
      {(describedBy) => <input id={`vreg-f-${name}`} value={draft[name] ?? ''} aria-describedby={describedBy} onChange={(e) => change({ [name]: e.target.value })} {...extra} />}
    </Field>
  );

  return (
    <section aria-labelledby="vreg-staff-title" data-testid="vreg-registrations">
      <h1 id="vreg-staff-title">{t('vreg.staff.title')}</h1>
      <p className="muted">{t('vreg.staff.intro')}</p>
      <form className="card filters" onSubmit={apply} aria-label={t('vreg.staff.apply')}>
        {input('unitCode', 'vreg.staff.unitCode', { inputMode: 'numeric', maxLength: 5 })}
        <Field id="vreg-f-group" label={t('vreg.staff.group')}>
          {(describedBy) => (
            <select id="vreg-f-group" value={draft.priorityGroup ?? ''} aria-describedby={describedBy} onChange={(e) => change({ priorityGroup: e.target.value })}>
              <option value="">{t('vreg.staff.allGroups')}</option>
              {groups.data?.items.map((g) => <option key={g.code} value={g.code}>{groupLabel(g.code)}</option>)}
            </select>
          )}
        </Field>
        {input('minAge', 'vreg.staff.minAge', { inputMode: 'numeric', maxLength: 3 })}
        {input('maxAge', 'vreg.staff.maxAge', { inputMode: 'numeric', maxLength: 3 })}
        <Field id="vreg-f-status" label={t('vreg.staff.status')}>
          {(describedBy) => (
            <select id="vreg-f-status" value={draft.status ?? ''} aria-describedby={describedBy} onChange={(e) => change({ status: e.target.value })}>
              <option value="">{t('vreg.staff.status.all')}</option>
              <option value="waiting">{t('vreg.staff.status.waiting')}</option>
              <option value="booked">{t('vreg.staff.status.booked')}</option>
            </select>
          )}
        </Field>
        <div className="field field-grow">
          <label htmlFor="vreg-f-reason">{t('vreg.staff.reason')}</label>
          <input id="vreg-f-reason" value={draft.reason ?? ''} maxLength={300} onChange={(e) => change({ reason: e.target.value })} />
        </div>
        <div className="vreg-actions">
          <button type="submit" className="button-primary" data-testid="vreg-apply">{t('vreg.staff.apply')}</button>
          <button type="button" className="button-secondary" onClick={download} data-testid="vreg-csv">{t('vreg.staff.csv')}</button>
        </div>
      </form>
      {downloadError !== undefined && <ErrorNotice error={downloadError} />}
      {withdrawn && <SuccessNotice><span data-testid="vreg-withdrawn">{withdrawn}</span></SuccessNotice>}
      {withdrawError !== undefined && <ErrorNotice error={withdrawError} />}
      {list.loading && !list.data && <Loading />}
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <p aria-live="polite" data-testid="vreg-total">{t('vreg.staff.total', { n: formatNumber(list.data.total, locale) })}</p>
          {list.data.items.length === 0 ? <p className="muted">{t('vreg.staff.none')}</p> : (
            <div className="table-scroll table-scroll-cards" tabIndex={0} role="region" aria-label={t('vreg.staff.title')}>
              <table className="table table-cards" data-testid="vreg-table">
                <thead>
                  <tr>
                    {(['name', 'age', 'phone', 'commune', 'group', 'registered', 'status', 'actions'] as const).map((c) => <th key={c} scope="col">{t(`vreg.staff.col.${c}`)}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((r) => (
                    <tr key={r.id} data-registration-id={r.id}>
                      <th scope="row" data-label={t('vreg.staff.col.name')}>{r.fullName}</th>
                      <td data-label={t('vreg.staff.col.age')}>{t('vreg.staff.ageValue', { year: r.birthYear, age: r.age })}</td>
                      <td data-label={t('vreg.staff.col.phone')}>{r.phone ?? '—'}</td>
                      <td data-label={t('vreg.staff.col.commune')}>{r.communeName}</td>
                      <td data-label={t('vreg.staff.col.group')}>{groupLabel(r.priorityGroup)}</td>
                      <td data-label={t('vreg.staff.col.registered')}>{formatDateTime(r.createdAt)}</td>
                      <td data-label={t('vreg.staff.col.status')}>{t(r.status === 'booked' ? 'vreg.staff.status.booked' : 'vreg.staff.status.waiting')}</td>
                      <td data-label={t('vreg.staff.col.actions')}>
                        <button type="button" className="button-secondary button-small" aria-label={t('vreg.staff.withdrawLabel', { name: r.fullName })} onClick={() => void withdraw(r)} data-testid="vreg-staff-withdraw">
                          {t('vreg.staff.withdraw')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.data.total > PAGE && <Pagination total={list.data.total} limit={PAGE} offset={offset} onOffset={setOffset} />}
        </>
      )}
    </section>
  );
}
