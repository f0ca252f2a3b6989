// Open sessions near the citizen's commune: pick a time slot with places left and book it with the
// registration's manage token. A slot that filled up meanwhile is said plainly and the list reloads.
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n';
import { ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ErrorNotice, Loading } from '../../lib/ui';
import { bookSelf, getOpenSessions, type PublicBooking } from './api';
import { newId } from './storage';

interface Props { manageToken: string; communeCode: string; onBooked: (booking: PublicBooking) => void }

export function SessionPicker({ manageToken, communeCode, onBooked }: Props) {
  const { t } = useI18n();
  const sessions = useAsync((signal) => getOpenSessions(communeCode, signal), [communeCode]);
  const [slotId, setSlotId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  // one id per chosen slot: pressing again after a lost answer is the same booking
  const bookingId = useMemo(() => (slotId ? newId() : ''), [slotId]);

  const book = async () => {
    if (!slotId) return;
    setBusy(true);
    setProblem(undefined);
    setFailure(undefined);
    try {
      const { booking } = await bookSelf({ id: bookingId, manageToken, slotId });
      onBooked(booking);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.fields.slotId) {
        setProblem(/already booked/.test(error.fields.slotId) ? t('vreg.slots.alreadyBooked') : t('vreg.slots.takenMeanwhile'));
        setSlotId('');
        sessions.reload();
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="vreg-slots-title" data-testid="vreg-sessions">
      <h2 id="vreg-slots-title">{t('vreg.slots.title')}</h2>
      {sessions.loading && !sessions.data && <Loading />}
      {sessions.error !== undefined && <ErrorNotice error={sessions.error} onRetry={sessions.reload} />}
      {problem && <p className="notice notice-error" role="alert" data-testid="vreg-book-problem">{problem}</p>}
      {failure !== undefined && <ErrorNotice error={failure} />}
      {sessions.data?.items.length === 0 && <p className="muted" data-testid="vreg-no-sessions">{t('vreg.slots.none')}</p>}
      {sessions.data?.items.map((session) => (
        <fieldset key={session.id} className="vreg-session" data-testid={`vreg-session-${session.id}`}>
          <legend>{t('vreg.slots.session', { date: formatDate(session.sessionDate), site: session.site.name, commune: session.site.communeName })}</legend>
          <p className="muted">{t('vreg.slots.product', { product: session.productName })}</p>
          <div className="vreg-slots">
            {session.slots.map((slot) => (
              <label key={slot.id} className={slot.remaining === 0 ? 'vreg-slot vreg-slot-full' : 'vreg-slot'}>
                <input type="radio" name="vreg-slot" value={slot.id} checked={slotId === slot.id} disabled={slot.remaining === 0 || busy}
                  data-testid={`vreg-slot-${slot.id}`} data-slot-start={slot.start} onChange={() => setSlotId(slot.id)} />
                <span>{t('vreg.slots.slot', { start: slot.start, end: slot.end })}</span>
                <small>{slot.remaining === 0 ? t('vreg.slots.full') : t('vreg.slots.left', { n: slot.remaining })}</small>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {sessions.data && sessions.data.items.length > 0 && (
        <button type="button" className="button-primary vreg-big" disabled={!slotId || busy} onClick={() => void book()} data-testid="vreg-book">
          {busy ? t('common.saving') : t('vreg.slots.book')}
        </button>
      )}
    </section>
  );
}
