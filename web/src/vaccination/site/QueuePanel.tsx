// Today's visits at the site still waiting for their dose: the queue between the check-in, screening
// and vaccination desks. Opening one shows it here (a desk can pick up what another checked in).
import { useEffect } from 'react';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { ErrorNotice } from '../../lib/ui';
import { useAsync } from '../../lib/useAsync';
import { siteQueue } from './api';

const REFRESH_MS = 60_000;

export function QueuePanel({ siteId, version, currentId, onOpen }: { siteId: string; version: number; currentId: string | null; onOpen: (visitId: string) => void }) {
  const { t } = useI18n();
  const queue = useAsync((signal) => siteQueue(siteId, signal), [siteId, version]);
  useEffect(() => {
    const timer = window.setInterval(queue.reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [queue.reload]);
  const items = queue.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="vsite-queue-title">
      <h2 id="vsite-queue-title">{t('vsite.queueTitle')}</h2>
      {queue.error !== undefined && <ErrorNotice error={queue.error} onRetry={queue.reload} />}
      {queue.data && items.length === 0 && <p className="muted">{t('vsite.queueEmpty')}</p>}
      <ul className="plain-list">
        {items.map((item) => (
          <li key={item.id}>
            <button type="button" className="button-secondary" aria-current={item.id === currentId} onClick={() => onOpen(item.id)}>
              {item.person.fullName} ({item.person.birthYear})
            </button>{' '}
            <small className="muted">
              {formatDateTime(item.checkedInAt)} · {item.screeningOutcome ? t(`vsite.outcome.${item.screeningOutcome}`) : t('vsite.notScreened')}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
