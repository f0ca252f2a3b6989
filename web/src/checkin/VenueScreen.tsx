// /v/:code: the page a phone's camera opens from a venue's poster. The details once, then one tap.
import { useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { ApiError, NetworkError } from '../lib/api';
import { Link } from '../lib/router';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { getVenueByCode, type OwnCheckin, type PublicVenue, type SelfPerson } from './api';
import { CheckinDone, checkOut } from './CheckinDone';
import { DeclarationForm } from './DeclarationForm';
import { PersonForm } from './PersonForm';
import { addPending, cachedVenue, openVisitAt, rememberVenue, saveMe, useStore } from './storage';
import { newId, sendCheckin } from './sync';
import { formatTime, formatTimeDay } from './time';
import './checkin.css';

async function loadVenue(code: string, signal: AbortSignal): Promise<PublicVenue> {
  try {
    const venue = await getVenueByCode(code, signal);
    rememberVenue(code, venue);
    return venue;
  } catch (error) {
    const known = error instanceof NetworkError ? cachedVenue(code) : undefined;
    if (known) return known;
    throw error;
  }
}

export default function VenueScreen({ code }: { code: string }) {
  const { t } = useI18n();
  const { data: venue, error, loading, reload } = useAsync((signal) => loadVenue(code, signal), [code]);

  if (loading && !venue) return <Loading />;
  if (error !== undefined || !venue) {
    const problem = error instanceof ApiError ? (error.fields.code ?? '') : '';
    if (!problem) return <ErrorNotice error={error} onRetry={reload} />;
    return (
      <section className="checkin-page" aria-labelledby="venue-problem">
        <div className="notice notice-error checkin-problem" role="alert" data-testid="venue-problem">
          <h1 id="venue-problem">{/revoked/.test(problem) ? t('checkin.revokedTitle') : t('checkin.invalidTitle')}</h1>
          <p>{/revoked/.test(problem) ? t('checkin.revoked') : t('checkin.invalid')}</p>
        </div>
        <p>
          <Link to="/me">{t('checkin.nav.me')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="checkin-page" aria-labelledby="venue-name">
      <div className="checkin-venue" data-testid="venue">
        <p className="checkin-eyebrow">{t(`checkin.kind.${venue.kind}`)}</p>
        <h1 id="venue-name">{venue.name}</h1>
        <p className="checkin-address">{[venue.address, venue.communeName].filter(Boolean).join(', ')}</p>
      </div>
      {venue.status === 'closed' ? (
        <p className="notice notice-info" role="status" data-testid="venue-problem">
          {t('checkin.closed')}
        </p>
      ) : (
        <CheckinPanel venue={venue} code={code} />
      )}
    </section>
  );
}

function CheckinPanel({ venue, code }: { venue: PublicVenue; code: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { me, pending, checkins } = useStore();
  const [editing, setEditing] = useState(!me);
  const [tapId, setTapId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const status = useRef<HTMLDivElement>(null);

  const waiting = pending.find((item) => item.venueCode === code);
  const done = tapId ? checkins.find((item) => item.id === tapId) : undefined;
  const earlier = !done ? openVisitAt(checkins, venue.id) : undefined;

  /** One tap: the id is made here once and reused until the server has answered. */
  const checkIn = async (): Promise<unknown> => {
    const item = waiting ?? { id: newId(), venueCode: code, venue, tappedAt: new Date().toISOString() };
    addPending(item);
    setTapId(item.id);
    setBusy(true);
    setError(undefined);
    const outcome = await sendCheckin(item);
    setBusy(false);
    if (outcome.kind === 'failed') {
      setTapId(null);
      return outcome.error;
    }
    requestAnimationFrame(() => status.current?.querySelector<HTMLElement>('[tabindex="-1"]')?.focus());
    return undefined;
  };

  const tap = async () => {
    const failure = await checkIn();
    if (failure === undefined) return;
    setError(failure);
    if (failure instanceof ApiError && Object.keys(failure.fields).some((key) => key.startsWith('person'))) setEditing(true);
  };

  const submitDetails = async (person: SelfPerson) => {
    // New details may be another person: the old personal code no longer speaks for them.
    const same = me && JSON.stringify(me.person) === JSON.stringify(person);
    saveMe({ person, personCode: same ? me.personCode : null });
    const failure = await checkIn();
    if (failure === undefined) setEditing(false);
    return failure;
  };

  if (editing || !me) {
    return (
      <div className="checkin-card">
        <h2>{me ? t('checkin.editTitle') : t('checkin.firstTitle')}</h2>
        <p className="muted">{t('checkin.firstIntro')}</p>
        <PersonForm prefix="venue-person" initial={me?.person} submitLabel={t('checkin.saveAndCheckIn')} busyLabel={t('checkin.checkingIn')}
          onSubmit={submitDetails} onCancel={me ? () => setEditing(false) : undefined} />
      </div>
    );
  }

  return (
    <>
      <div ref={status} aria-live="polite" className="checkin-status">
        {done && <CheckinDone checkin={done} />}
        {!done && waiting && tapId === waiting.id && !busy && (
          <div className="notice notice-info checkin-queued" data-testid="checkin-queued">
            <h2 tabIndex={-1}>{t('checkin.queuedTitle')}</h2>
            <p>{t('checkin.queued', { time: formatTime(waiting.tappedAt) })}</p>
          </div>
        )}
      </div>
      {done && venue.kind === 'entry_checkpoint' && (
        <div className="checkin-card">
          <h2>{t('checkin.declare.atCheckpoint')}</h2>
          <DeclarationForm venueCode={code} venue={venue} />
        </div>
      )}
      {!done && (
        <div className="checkin-card">
          {earlier && <OpenVisit checkin={earlier} />}
          {waiting && tapId !== waiting.id && <p className="notice notice-info">{t('checkin.queued', { time: formatTime(waiting.tappedAt) })}</p>}
          <button type="button" className="button-primary checkin-big-button checkin-tap" disabled={busy} onClick={() => void tap()}>
            {busy ? t('checkin.checkingIn') : waiting ? t('checkin.sendNow') : t('checkin.checkIn')}
          </button>
          {error !== undefined && <ErrorNotice error={error} />}
          <p className="checkin-who">
            {t('checkin.as', { name: me.person.fullName })}{' '}
            <button type="button" className="button-link" onClick={() => setEditing(true)}>
              {t('checkin.editDetails')}
            </button>
          </p>
        </div>
      )}
      <p className="checkin-links">
        <Link to="/me">{t('checkin.nav.me')}</Link>
        <Link to={`/declare?venue=${encodeURIComponent(code)}`}>{t('checkin.nav.declare')}</Link>
      </p>
    </>
  );
}

/** A visit here that has not ended yet (opened from an earlier scan): check out from it. */
function OpenVisit({ checkin }: { checkin: OwnCheckin }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  return (
    <div className="checkin-open-visit" data-testid="open-visit">
      <p>{t('checkin.openVisit', { time: formatTimeDay(checkin.checkedInAt) })}</p>
      <button type="button" className="button-secondary" onClick={() => void checkOut(checkin).catch(setError)}>
        {t('checkin.checkOut')}
      </button>
      {error !== undefined && <ErrorNotice error={error} />}
    </div>
  );
}
