// The contacts of a case (read with a reason, audited): choose some with the checkboxes and act on
// them together (BulkActions); a name opens the contact's record (follow-up, F2). Phones come masked in lists.
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { listContacts, type Contact } from './api';
import { BulkActions } from './BulkActions';
import { contactPath } from './paths';

export function ContactsPanel({ caseId, reason, generation }: { caseId: string; reason: string; generation: number }) {
  const { t } = useI18n();
  const contacts = useAsync((signal) => listContacts(caseId, reason, signal), [caseId, reason, generation]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const items = useMemo(() => contacts.data?.items ?? [], [contacts.data]);
  const byId = useMemo(() => new Map(items.map((c) => [c.id, c])), [items]);
  const selected = items.filter((c) => chosen.has(c.id)).map((c) => c.id);
  const allChosen = items.length > 0 && selected.length === items.length;

  const toggle = (id: string) => setChosen((now) => {
    const next = new Set(now);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  return (
    <section className="card" aria-labelledby="contacts-title" data-testid="contacts-panel">
      <h2 id="contacts-title">{t('cases.contacts.title')}</h2>
      {contacts.error !== undefined && <ErrorNotice error={contacts.error} onRetry={contacts.reload} />}
      {contacts.loading && !contacts.data && <Loading />}
      {contacts.data && items.length === 0 && <p className="muted">{t('cases.contacts.none')}</p>}
      {items.length > 0 && (
        <div className="table-scroll table-scroll-cards">
          <table className="table table-cards contacts-table" data-testid="contacts-table">
            <caption className="visually-hidden">{t('cases.contacts.title')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input type="checkbox" checked={allChosen} aria-label={t('cases.contacts.chooseAll')}
                    onChange={() => setChosen(allChosen ? new Set() : new Set(items.map((c) => c.id)))} />
                </th>
                <th scope="col">{t('cases.contacts.person')}</th>
                <th scope="col">{t('cases.contacts.status')}</th>
                <th scope="col">{t('cases.contacts.how')}</th>
                <th scope="col">{t('cases.contacts.where')}</th>
                <th scope="col">{t('cases.contacts.last')}</th>
                <th scope="col">{t('cases.contacts.followUp')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => <Row key={c.id} contact={c} chosen={chosen.has(c.id)} onToggle={() => toggle(c.id)} />)}
            </tbody>
          </table>
        </div>
      )}
      {items.length > 0 && <BulkActions caseId={caseId} selected={selected} byId={byId} onDone={contacts.reload} />}
    </section>
  );
}

function Row({ contact: c, chosen, onToggle }: { contact: Contact; chosen: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <tr data-testid="contact-row" aria-selected={chosen}>
      <td>
        <input type="checkbox" checked={chosen} onChange={onToggle} aria-label={t('cases.contacts.choose', { name: c.personName })} />
      </td>
      <th scope="row">
        <Link to={contactPath(c.caseId, c.id)}>{c.personName}</Link> <span className="badge">{c.degree}</span>
        {c.phone && <small className="muted contact-phone">{c.phone}</small>}
      </th>
      <td data-label={t('cases.contacts.status')} data-testid="contact-status">{t(`cases.contactStatus.${c.status}`)}</td>
      <td data-label={t('cases.contacts.how')}>{t(`cases.foundBy.${c.foundBy}`)}</td>
      <td data-label={t('cases.contacts.where')}>
        {c.exposures.map((e) => (
          <span key={e.venueId} className="contact-exposure">
            {e.venueName} · {formatDateTime(e.firstOverlapStart)} ({t('cases.contacts.minutes', { n: e.overlapMinutes })})
          </span>
        ))}
      </td>
      <td data-label={t('cases.contacts.last')}>{formatDateTime(c.lastExposureAt)}</td>
      <td data-label={t('cases.contacts.followUp')}>
        {c.followUpOutcome ? t(`cases.outcome.${c.followUpOutcome}`) : c.followUpUntil ? t('cases.contacts.until', { date: formatDate(c.followUpUntil) }) : '—'}
      </td>
    </tr>
  );
}
