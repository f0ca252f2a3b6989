// /me: "was I where a case was?" The open list of exposure notices is compared here, on the phone,
// with the check-ins this phone keeps; the phone's history never leaves it. Checked on load, when the
// page comes back to the front (focus, visibility) and on demand.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice } from '../lib/ui';
import { getExposureNotices, matchExposures, visitsOf, type ExposureMatch, type PublicNotices } from './exposure';
import { useStore } from './storage';
import { formatTime, formatTimeDay } from './time';

interface Fetched {
  notices: PublicNotices;
  asOf: string;
}

function useNotices(): { fetched: Fetched | undefined; error: unknown; checking: boolean; check: () => void } {
  const [fetched, setFetched] = useState<Fetched>();
  const [error, setError] = useState<unknown>();
  const [checking, setChecking] = useState(true);
  const check = useCallback(() => {
    setChecking(true);
    getExposureNotices().then(
      (notices) => {
        setFetched({ notices, asOf: new Date().toISOString() });
        setError(undefined);
        setChecking(false);
      },
      (cause: unknown) => {
        setError(cause);
        setChecking(false);
      },
    );
  }, []);
  useEffect(() => {
    check();
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [check]);
  return { fetched, error, checking, check };
}

/** "09:30–11:30 · 07/03/2025", or both ends in full when the window crosses midnight. */
export function windowText(from: string, to: string): string {
  const start = formatTimeDay(from);
  const end = formatTimeDay(to);
  return start.slice(8) === end.slice(8) ? `${formatTime(from)}–${formatTime(to)}${start.slice(5)}` : `${start} – ${end}`;
}

export function ExposureCheck() {
  const { t } = useI18n();
  const { checkins, pending } = useStore();
  const { fetched, error, checking, check } = useNotices();
  const visits = useMemo(() => visitsOf(checkins, pending), [checkins, pending]);
  const matches = useMemo(() => (fetched ? matchExposures(visits, fetched.notices.items) : []), [fetched, visits]);

  if (matches.length > 0) return <ExposureWarning matches={matches} />;
  return (
    <section className="checkin-card exposure-check" aria-labelledby="exposure-title" data-testid="exposure-check" aria-busy={checking}>
      <h2 id="exposure-title">{t('checkin.exposure.title')}</h2>
      {error !== undefined && <ErrorNotice error={error} onRetry={check} />}
      {fetched && (
        <p className="exposure-calm" data-testid="exposure-none" role="status">
          {visits.length === 0
            ? t('checkin.exposure.nothingToCompare', { time: formatTimeDay(fetched.asOf) })
            : t('checkin.exposure.none', { time: formatTimeDay(fetched.asOf), notices: fetched.notices.items.length, days: fetched.notices.days })}
        </p>
      )}
      {!fetched && error === undefined && <p className="muted">{t('checkin.exposure.checking')}</p>}
      <p className="muted">{t('checkin.exposure.private')}</p>
    </section>
  );
}

function ExposureWarning({ matches }: { matches: ExposureMatch[] }) {
  const { t } = useI18n();
  return (
    <section className="checkin-card exposure-warning" role="alert" aria-labelledby="exposure-warning-title" data-testid="exposure-warning">
      <h2 id="exposure-warning-title">{t('checkin.exposure.warningTitle')}</h2>
      <p>{t('checkin.exposure.warningIntro')}</p>
      <ul className="exposure-list">
        {matches.map(({ notice, visitStart }) => (
          <li key={notice.id} data-testid="exposure-match">
            <strong>{notice.venueName}</strong>
            {notice.address && <span>{notice.address}</span>}
            <span>{t('checkin.exposure.caseWas', { window: windowText(notice.from, notice.to) })}</span>
            <span>{t('checkin.exposure.youWere', { time: formatTimeDay(visitStart) })}</span>
          </li>
        ))}
      </ul>
      <h3>{t('checkin.exposure.whatToDo')}</h3>
      <ol className="exposure-steps">
        <li>{t('checkin.exposure.step.call')}</li>
        <li>{t('checkin.exposure.step.watch')}</li>
        <li>{t('checkin.exposure.step.test')}</li>
        <li>{t('checkin.exposure.step.limit')}</li>
      </ol>
      <p className="muted">{t('checkin.exposure.private')}</p>
    </section>
  );
}
