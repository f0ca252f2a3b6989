// Staff: the messages the outbox sends to citizens, with the state of each; a failed one can be sent again.
import { useState } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { ErrorNotice, Loading, Pagination, SuccessNotice } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { CHANNELS, type Channel, listMessages, MESSAGE_STATUSES, type MessageStatus, type OutboxMessage, retryMessage } from './api';

const PAGE_SIZE = 25;

export default function NotificationsScreen() {
  const { t } = useI18n();
  const { can } = useSession();
  const [status, setStatus] = useState<MessageStatus | ''>('');
  const [channel, setChannel] = useState<Channel | ''>('');
  const [offset, setOffset] = useState(0);
  const [retried, setRetried] = useState(false);
  const [retryError, setRetryError] = useState<unknown>();
  const messages = useAsync(
    (signal) => listMessages({ status: status || undefined, channel: channel || undefined, limit: PAGE_SIZE, offset }, signal),
    [status, channel, offset],
  );
  const items = messages.data?.items ?? [];

  async function retry(message: OutboxMessage) {
    setRetried(false);
    setRetryError(undefined);
    try {
      await retryMessage(message.id);
      setRetried(true);
      messages.reload();
    } catch (error) {
      setRetryError(error);
    }
  }

  return (
    <section aria-labelledby="outbox-title" data-testid="outbox-screen">
      <h1 id="outbox-title">{t('outbox.title')}</h1>
      <p className="muted">{t('outbox.intro')}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="outbox-status">{t('outbox.col.status')}</label>
          <select id="outbox-status" value={status} onChange={(e) => { setOffset(0); setStatus(e.target.value as MessageStatus | ''); }}>
            <option value="">{t('outbox.allStatuses')}</option>
            {MESSAGE_STATUSES.map((s) => <option key={s} value={s}>{t(`outbox.status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="outbox-channel">{t('outbox.col.channel')}</label>
          <select id="outbox-channel" value={channel} onChange={(e) => { setOffset(0); setChannel(e.target.value as Channel | ''); }}>
            <option value="">{t('outbox.allChannels')}</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{t(`outbox.channel.${c}`)}</option>)}
          </select>
        </div>
      </div>
      {retried && <SuccessNotice>{t('outbox.retried')}</SuccessNotice>}
      {retryError !== undefined && <ErrorNotice error={retryError} />}
      {messages.error !== undefined && <ErrorNotice error={messages.error} onRetry={messages.reload} />}
      {messages.loading && !messages.data && <Loading />}
      {messages.data && items.length === 0 && <p className="muted">{t('outbox.none')}</p>}
      {items.length > 0 && (
        <div className="table-scroll table-scroll-cards">
          <table className="table table-cards" data-testid="outbox-table">
            <caption className="visually-hidden">{t('outbox.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outbox.col.created')}</th>
                <th scope="col">{t('outbox.col.template')}</th>
                <th scope="col">{t('outbox.col.channel')}</th>
                <th scope="col">{t('outbox.col.recipient')}</th>
                <th scope="col">{t('outbox.col.status')}</th>
                <th scope="col">{t('outbox.col.attempts')}</th>
                <th scope="col">{t('outbox.col.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id} data-status={m.status}>
                  <th scope="row">{formatDateTime(m.createdAt)}</th>
                  <td data-label={t('outbox.col.template')}>{t(`outbox.template.${m.template}`)}</td>
                  <td data-label={t('outbox.col.channel')}>{t(`outbox.channel.${m.channel}`)}</td>
                  <td data-label={t('outbox.col.recipient')}>{m.recipient}</td>
                  <td data-label={t('outbox.col.status')}>
                    {t(`outbox.status.${m.status}`)}
                    {m.status === 'queued' && m.nextAttemptAt && <div className="muted">{t('outbox.nextAttempt', { time: formatDateTime(m.nextAttemptAt) })}</div>}
                  </td>
                  <td data-label={t('outbox.col.attempts')}>{m.attempts}</td>
                  <td data-label={t('outbox.col.detail')}>
                    {m.lastError && <span className="muted">{m.lastError}</span>}
                    {m.status === 'failed' && can('notifications:send') && (
                      <button type="button" onClick={() => void retry(m)}>{t('outbox.retry')}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {messages.data && messages.data.total > PAGE_SIZE && <Pagination total={messages.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />}
    </section>
  );
}
