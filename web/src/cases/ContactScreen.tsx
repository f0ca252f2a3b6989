// Staff: one contact's record (GET /contacts/{id}, audited with the reading reason), opened from the
// contacts list or the chain at /staff/cases/{caseId}?contact={id}: its facts and exposures, orders, the
// daily follow-up checks, ending follow-up and, from a confirmed F1, tracing its F2 contacts.
import { useEffect, type ReactNode } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { ReasonForm, useReadReason } from '../venues/ReadReason';
import { getContact, type ContactDetail } from './api';
import { DailyChecks } from './DailyChecks';
import { EndFollowUp } from './EndFollowUp';
import { casePath, contactPath } from './paths';
import { TraceF2 } from './TraceF2';

export function ContactScreen({ caseId, contactId }: { caseId: string; contactId: string }) {
  const { t } = useI18n();
  const [reason, setReason] = useReadReason();
  return (
    <section aria-labelledby="contact-title" data-testid="contact-screen">
      <p><Link to={casePath(caseId)}>‹ {t('cases.contact.back')}</Link></p>
      {reason ? <ContactRecord caseId={caseId} contactId={contactId} reason={reason} /> : (
        <>
          <h1 id="contact-title">{t('cases.contact.heading')}</h1>
          <ReasonForm onReason={setReason} />
        </>
      )}
    </section>
  );
}

function ContactRecord({ caseId, contactId, reason }: { caseId: string; contactId: string; reason: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const found = useAsync((signal) => getContact(contactId, reason, signal), [contactId, reason]);
  const contact = found.data;

  // opened from another case's chain: show it on its own case's page
  useEffect(() => {
    if (contact && contact.caseId !== caseId) navigate(contactPath(contact.caseId, contact.id), { replace: true });
  }, [contact, caseId]);

  if (found.error !== undefined) return <ErrorNotice error={found.error} onRetry={found.reload} />;
  if (!contact) return <Loading />;
  const open = contact.status === 'confirmed' && !contact.followUpOutcome;
  return (
    <>
      <h1 id="contact-title">{t('cases.contact.title', { name: contact.personName, degree: contact.degree })}</h1>
      <ContactFacts c={contact} />
      <DailyChecks contact={contact} canRecord={open && can('tracing:run')} onRecorded={found.reload} />
      {open && can('cases:write') && <EndFollowUp contact={contact} onEnded={found.reload} />}
      {contact.degree === 'F1' && contact.status === 'confirmed' && can('tracing:run') && <TraceF2 contact={contact} reason={reason} />}
    </>
  );
}

function ContactFacts({ c }: { c: ContactDetail }) {
  const { t } = useI18n();
  const followUp = c.followUpOutcome
    ? `${t(`cases.outcome.${c.followUpOutcome}`)} · ${formatDateTime(c.followUpEndedAt)}`
    : c.followUpUntil ? t('cases.contacts.until', { date: formatDate(c.followUpUntil) }) : '—';
  const rows: [string, ReactNode][] = [
    [t('cases.contacts.status'), `${c.degree} · ${t(`cases.contactStatus.${c.status}`)}`],
    [t('cases.contacts.how'), t(`cases.foundBy.${c.foundBy}`)],
    [t('cases.contacts.last'), formatDateTime(c.lastExposureAt) || '—'],
    [t('cases.contacts.followUp'), <span key="f" data-testid="contact-follow-up">{followUp}</span>],
    [t('cases.contact.phone'), c.phone ?? '—'],
  ];
  if (c.viaContactId) rows.push([t('cases.contact.via'), <Link key="v" to={contactPath(c.caseId, c.viaContactId)}>{t('cases.contact.openF1')}</Link>]);
  if (c.becameCaseId) rows.push([t('cases.contact.became'), <Link key="b" to={casePath(c.becameCaseId)}>{t('cases.contact.openCase')}</Link>]);
  if (c.note) rows.push([t('cases.contact.note'), c.note]);
  return (
    <div className="card">
      <dl className="case-facts" data-testid="contact-facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {c.exposures.length > 0 && (
        <>
          <h2 className="card-subtitle">{t('cases.contacts.where')}</h2>
          <ul className="case-list">
            {c.exposures.map((e) => (
              <li key={e.venueId}>{e.venueName} · {formatDateTime(e.firstOverlapStart)} – {formatDateTime(e.lastOverlapEnd)} ({t('cases.contacts.minutes', { n: e.overlapMinutes })})</li>
            ))}
          </ul>
        </>
      )}
      {(c.testOrders.length > 0 || c.quarantineOrders.length > 0) && (
        <>
          <h2 className="card-subtitle">{t('cases.contact.orders')}</h2>
          <ul className="case-list" data-testid="contact-orders">
            {c.testOrders.map((o) => (
              <li key={o.id}>{t('cases.action.order_test')} · {formatDate(o.dueOn)}{o.site && ` · ${o.site}`} · {t(`cases.order.${o.status}`)}</li>
            ))}
            {c.quarantineOrders.map((o) => (
              <li key={o.id}>{t('cases.action.order_quarantine')} ({t(`cases.bulk.kind.${o.kind}`)}) · {formatDate(o.startsOn)} – {formatDate(o.endsOn)}{o.place && ` · ${o.place}`} · {t(`cases.order.${o.status}`)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
