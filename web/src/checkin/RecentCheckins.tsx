// The phone's own recent check-ins: from the server when online, else what this phone remembers.
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { NetworkError } from '../lib/api';
import { ErrorNotice } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { ownHistory, type OwnCheckin } from './api';
import { checkOut } from './CheckinDone';
import { rememberCheckins, useStore } from './storage';
import { formatTime, formatTimeDay } from './time';

export function RecentCheckins({ personCode }: { personCode: string | null }) {
  const { t } = useI18n();
  const { checkins, pending } = useStore();
  const history = useAsync((signal) => (personCode ? ownHistory(personCode, signal) : Promise.resolve(null)), [personCode]);

  useEffect(() => {
    if (history.data) rememberCheckins(history.data.items);
  }, [history.data]);

  const offline = history.error instanceof NetworkError;
  return (
    <section className="checkin-card" aria-labelledby="recent-title" data-testid="recent-checkins">
      <h2 id="recent-title">{t('checkin.me.recent')}</h2>
      {offline && <p className="notice notice-info">{t('checkin.me.offlineList')}</p>}
      {history.error !== undefined && !offline && <ErrorNotice error={history.error} onRetry={history.reload} />}
      {checkins.length === 0 && pending.length === 0 && <p className="muted">{t('checkin.me.noCheckins')}</p>}
      <ul className="checkin-list">
        {pending.map((item) => (
          <li key={item.id} data-testid="recent-pending">
            <strong>{item.venue.name}</strong>
            <span>{formatTimeDay(item.tappedAt)}</span>
            <span className="badge">{t('checkin.me.pending')}</span>
          </li>
        ))}
        {checkins.map((item) => (
          <RecentItem key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}

function RecentItem({ item }: { item: OwnCheckin }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const open = !item.checkedOutAt && new Date(item.endsAt).getTime() > Date.now();
  const until = item.checkedOutAt ? t('checkin.me.outAt', { time: formatTime(item.checkedOutAt) }) : open ? t('checkin.me.autoOutAt', { time: formatTime(item.endsAt) }) : t('checkin.me.endedAt', { time: formatTime(item.endsAt) });
  return (
    <li data-testid="recent-item">
      <strong>{item.venue.name}</strong>
      <span>
        {formatTimeDay(item.checkedInAt)} · {until}
      </span>
      {open && (
        <button type="button" className="button-secondary" onClick={() => void checkOut(item).catch(setError)}>
          {t('checkin.checkOut')}
        </button>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
    </li>
  );
}
