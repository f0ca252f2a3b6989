// /staff/vaccination/sessions: create a session with its time slots; see the coming sessions with the
// places booked and left per slot, who booked (an audited read), send invitations by priority and
// reminders to the people booked.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ErrorNotice, Loading, SuccessNotice } from '../../lib/ui';
import { cancelBooking, cancelSession, closeSession, getSessionBookings, inviteToSession, listSessions, sendReminders, type Session } from './api';
import { SessionForm } from './SessionForm';
import './register.css';

function Bookings({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const { t } = useI18n();
  const [generation, setGeneration] = useState(0);
  const bookings = useAsync((signal) => getSessionBookings(session.id, t('vreg.sessions.bookingsReason'), signal), [session.id, generation]);
  const [failure, setFailure] = useState<unknown>();
  const cancel = async (id: string) => {
    setFailure(undefined);
    try {
      await cancelBooking(id);
      setGeneration((n) => n + 1);
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  };
  if (bookings.loading && !bookings.data) return <Loading />;
  if (bookings.error !== undefined) return <ErrorNotice error={bookings.error} onRetry={bookings.reload} />;
  return (
    <div data-testid={`vreg-bookings-${session.id}`}>
      {failure !== undefined && <ErrorNotice error={failure} />}
      {bookings.data?.slots.map((slot) => (
        <div key={slot.slotId}>
          <h4>{t('vreg.slots.slot', { start: slot.start, end: slot.end })}</h4>
          {slot.bookings.length === 0 ? <p className="muted">{t('vreg.sessions.noBookings')}</p> : (
            <ul>
              {slot.bookings.map((b) => (
                <li key={b.id} data-booking-id={b.id}>
                  {b.fullName} ({b.birthYear}) {b.phone ?? ''}{' '}
                  {b.status === 'booked' && <button type="button" className="button-secondary button-small" onClick={() => void cancel(b.id)}>{t('vreg.sessions.cancelBooking')}</button>}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

function SessionCard({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [count, setCount] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    setMessage(undefined);
    setFailure(undefined);
    try {
      setMessage(await run());
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const invite = () => act(async () => {
    const result = await inviteToSession(session.id, count ? Number(count) : undefined);
    return t('vreg.sessions.invited', { invited: result.invited, withoutPhone: result.withoutPhone });
  });
  const remind = () => act(async () => {
    const result = await sendReminders({ sessionId: session.id });
    return t('vreg.sessions.reminded', { date: formatDate(result.sessionDate), enqueued: result.enqueued, alreadyReminded: result.alreadyReminded });
  });
  const close = () => {
    if (!window.confirm(t('vreg.sessions.closeConfirm'))) return;
    void act(async () => {
      await closeSession(session.id);
      return t('vreg.sessions.closed');
    });
  };
  const cancel = () => {
    // the reason goes into the SMS to everyone booked, so it is asked every time
    const reason = window.prompt(t('vreg.sessions.cancelReason'))?.trim();
    if (!reason) return;
    void act(async () => {
      const result = await cancelSession(session.id, reason);
      return t('vreg.sessions.cancelled', { cancelled: result.cancelledBookings, notified: result.notified, withoutPhone: result.withoutPhone });
    });
  };
  const isOpen = session.status === 'open';
  return (
    <li className="card" data-testid={`vreg-s-${session.id}`}>
      <h3>{t('vreg.sessions.summary', { date: formatDate(session.sessionDate), site: session.site.name, product: session.productName })}</h3>
      <p data-testid="vreg-session-status" data-status={session.status}><strong>{t(`vreg.sessions.status.${session.status as 'open' | 'closed' | 'cancelled'}`)}</strong></p>
      <p>{t('vreg.sessions.places', { booked: session.booked, capacity: session.capacity, remaining: session.remaining })}</p>
      <ul className="muted">
        {session.slots.map((slot) => <li key={slot.id}>{t('vreg.sessions.slotPlaces', { start: slot.start, end: slot.end, booked: slot.booked, capacity: slot.capacity })}</li>)}
      </ul>
      {message && <SuccessNotice>{message}</SuccessNotice>}
      {failure !== undefined && <ErrorNotice error={failure} />}
      <div className="vreg-actions">
        {isOpen && (
          <>
            <div className="field">
              <label htmlFor={`vreg-count-${session.id}`}>{t('vreg.sessions.inviteCount')}</label>
              <input id={`vreg-count-${session.id}`} type="number" min={1} inputMode="numeric" placeholder={String(session.remaining)} value={count} onChange={(e) => setCount(e.target.value)} />
            </div>
            <button type="button" className="button-primary" disabled={busy} onClick={() => void invite()} data-testid="vreg-invite">{t('vreg.sessions.invite')}</button>
          </>
        )}
        {session.status !== 'cancelled' && (
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void remind()} data-testid="vreg-remind">{t('vreg.sessions.remind')}</button>
        )}
        {isOpen && <button type="button" className="button-secondary" disabled={busy} onClick={close} data-testid="vreg-session-close">{t('vreg.sessions.close')}</button>}
        {session.status !== 'cancelled' && <button type="button" className="button-secondary" disabled={busy} onClick={cancel} data-testid="vreg-session-cancel">{t('vreg.sessions.cancel')}</button>}
        <button type="button" className="button-secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('vreg.sessions.hideBookings') : t('vreg.sessions.showBookings')}
        </button>
      </div>
      {open && <Bookings session={session} onChanged={onChanged} />}
    </li>
  );
}

export default function VaccinationSessionsScreen() {
  const { t } = useI18n();
  const sessions = useAsync((signal) => listSessions({}, signal), []);
  const [created, setCreated] = useState<Session>();
  const [reminded, setReminded] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const remindTomorrow = async () => {
    setReminded(undefined);
    setFailure(undefined);
    try {
      const result = await sendReminders({});
      setReminded(t('vreg.sessions.reminded', { date: formatDate(result.sessionDate), enqueued: result.enqueued, alreadyReminded: result.alreadyReminded }));
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section aria-labelledby="vreg-sessions-title" data-testid="vreg-sessions-screen">
      <h1 id="vreg-sessions-title">{t('vreg.sessions.title')}</h1>
      <SessionForm key={created?.id} onCreated={(session) => {
        setCreated(session);
        sessions.reload();
      }} />
      {created && <SuccessNotice>{t('vreg.sessions.created')}</SuccessNotice>}
      <h2>{t('vreg.sessions.list')}</h2>
      <p>
        <button type="button" className="button-secondary" onClick={() => void remindTomorrow()} data-testid="vreg-remind-tomorrow">{t('vreg.sessions.remindTomorrow')}</button>
      </p>
      {reminded && <SuccessNotice>{reminded}</SuccessNotice>}
      {failure !== undefined && <ErrorNotice error={failure} />}
      {sessions.loading && !sessions.data && <Loading />}
      {sessions.error !== undefined && <ErrorNotice error={sessions.error} onRetry={sessions.reload} />}
      {sessions.data?.items.length === 0 && <p className="muted">{t('vreg.sessions.none')}</p>}
      <ul className="vreg-bookings">
        {sessions.data?.items.map((session) => <SessionCard key={session.id} session={session} onChanged={sessions.reload} />)}
      </ul>
    </section>
  );
}
