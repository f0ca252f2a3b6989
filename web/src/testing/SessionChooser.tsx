// The collector picks today's session once (open sessions in their scope); the list is remembered, so
// the page also works when it is reopened without network.
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { unitLabel, useUnits } from '../units/UnitsProvider';
import { todayInVietnam } from '../venues/api';
import { listSessions, type Session } from './api';
import { storedSessions, storeSessions } from './collectorStore';

interface Props {
  current: Session | null;
  onPick: (session: Session) => void;
  onCancel?: () => void;
}

export function SessionChooser({ current, onPick, onCancel }: Props) {
  const { t } = useI18n();
  const { byCode } = useUnits();
  const [offline, setOffline] = useState(false);
  const list = useAsync(async (signal) => {
    try {
      const page = await listSessions({ status: 'open', date: todayInVietnam(), limit: 100, offset: 0 }, signal);
      storeSessions(page.items);
      setOffline(false);
      return page.items;
    } catch (error) {
      if (!navigator.onLine) {
        setOffline(true);
        return storedSessions();
      }
      throw error;
    }
  }, []);

  useEffect(() => {
    const again = () => list.reload();
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [list.reload]);

  const sessions = list.data ?? [];
  return (
    <section className="card" aria-labelledby="session-chooser-title" data-testid="session-chooser">
      <h2 id="session-chooser-title">{t('collect.chooseSession')}</h2>
      {offline && <p className="notice notice-info">{t('collect.sessionsOffline')}</p>}
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && sessions.length === 0 && <p className="muted">{t('collect.noSessionsToday')}</p>}
      <ul className="plain-list collect-sessions">
        {sessions.map((session) => (
          <li key={session.id}>
            <button type="button" className="collect-session-pick" aria-current={current?.id === session.id} onClick={() => onPick(session)}>
              <strong>{session.name}</strong>
              <small className="muted">
                {unitLabel(byCode.get(session.communeCode), byCode)} · {t(`testing.mode.${session.mode}`)} · {t(`testing.testType.${session.testType}`)}
              </small>
              <small className="muted">{formatDateTime(session.startsAt)} – {formatDateTime(session.endsAt)}</small>
            </button>
          </li>
        ))}
      </ul>
      {onCancel && (
        <div className="actions">
          <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      )}
    </section>
  );
}
