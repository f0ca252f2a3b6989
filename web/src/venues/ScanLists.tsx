// The queue as staff see it: the network and what waits to be sent, scans the server refused (with its
// reason, to resend or drop), and the last scans.
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { ErrorNotice } from '../lib/ui';
import type { QueuedScan } from './scanQueue';
import type { ScanQueueState } from './useScanQueue';

/** "12:03:41" in Vietnam's time. */
export const timeOf = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** Who a scan was, without showing a whole national ID or code on a screen others can see. */
export function scanLabel(scan: Pick<QueuedScan, 'nationalId' | 'personCode'>, t: Translate): string {
  if (scan.nationalId) return t('scanner.byNationalId', { tail: scan.nationalId.slice(-4) });
  return t('scanner.byQr', { tail: (scan.personCode ?? '').slice(-4) });
}

/** The server's reasons for refusing a scan (English, for logs), said the way staff need to act on them. */
const PROBLEMS: [RegExp, MessageKey][] = [
  [/no registered person has this national ID/, 'scanner.problem.unknownNationalId'],
  [/not a valid personal code/, 'scanner.problem.badCode'],
  [/older than the retention period/, 'scanner.problem.tooOld'],
  [/is in the future/, 'scanner.problem.future'],
  [/no such venue/, 'scanner.problem.noVenue'],
  [/outside your scope/, 'scanner.problem.scope'],
  [/no such person/, 'scanner.problem.noPerson'],
];

export function problemText(problem: string | undefined, t: Translate): string {
  const known = PROBLEMS.find(([pattern]) => pattern.test(problem ?? ''));
  return known ? t(known[1]) : (problem ?? '');
}

/** Also shown by the testing collector, whose queue has the same status fields. */
export function QueueStatus({ queue }: { queue: Pick<ScanQueueState, 'online' | 'waiting' | 'syncing' | 'syncError' | 'syncNow'> }) {
  const { t } = useI18n();
  const { online, waiting, syncing, syncError } = queue;
  const tone = !online ? 'offline' : waiting > 0 ? 'pending' : 'clear';
  const text = !online
    ? t('scanner.offlineWaiting', { count: waiting })
    : waiting > 0
      ? t(syncing ? 'scanner.sending' : 'scanner.waiting', { count: waiting })
      : t('scanner.allSent');
  return (
    <div className={`scanner-status scanner-status-${tone}`} role="status" data-testid="queue-status" data-waiting={waiting} data-online={online}>
      <span className="scanner-status-dot" aria-hidden="true" />
      <span className="scanner-status-text">
        <strong>{online ? t('scanner.online') : t('scanner.offline')}</strong> — {text}
      </span>
      {online && waiting > 0 && !syncing && (
        <button type="button" className="button-secondary button-small" onClick={queue.syncNow}>{t('scanner.sendNow')}</button>
      )}
      {online && syncError !== undefined && waiting > 0 && <div className="scanner-status-error"><ErrorNotice error={syncError} /></div>}
    </div>
  );
}

export function RejectedScans({ queue }: { queue: ScanQueueState }) {
  const { t } = useI18n();
  if (queue.rejected.length === 0) return null;
  return (
    <section className="card scanner-rejected" aria-labelledby="scanner-rejected-title" data-testid="rejected-scans">
      <h2 id="scanner-rejected-title">{t('scanner.rejectedTitle', { count: queue.rejected.length })}</h2>
      <p className="muted">{t('scanner.rejectedHint')}</p>
      <ul className="plain-list">
        {queue.rejected.map((scan) => (
          <li key={scan.id} className="scanner-rejected-item">
            <div>
              {/* in full here: staff need the number to register the person or correct it */}
              <strong className="mono">{scan.nationalId ? t('scanner.fullNationalId', { id: scan.nationalId }) : scanLabel(scan, t)}</strong> · {timeOf(scan.checkedInAt)} · {scan.venueName}
              <p className="field-error" title={scan.problem}>{problemText(scan.problem, t)}</p>
            </div>
            <div className="actions">
              <button type="button" className="button-secondary button-small" onClick={() => void queue.retry(scan.id)}>{t('scanner.resend')}</button>
              <button type="button" className="button-secondary button-small" onClick={() => void queue.remove(scan.id)}>{t('scanner.drop')}</button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RecentScans({ queue }: { queue: ScanQueueState }) {
  const { t } = useI18n();
  const recent = queue.recent.filter((scan) => scan.state !== 'rejected');
  if (recent.length === 0) return null;
  return (
    <section className="card" aria-labelledby="scanner-recent-title">
      <h2 id="scanner-recent-title">{t('scanner.recentTitle')}</h2>
      <ul className="plain-list scanner-recent" data-testid="recent-scans">
        {recent.map((scan) => (
          <li key={scan.id}>
            <span className="mono">{timeOf(scan.checkedInAt)}</span> {scanLabel(scan, t)}
            <span className={scan.state === 'sent' ? 'badge' : 'chip'}>{t(scan.state === 'sent' ? 'scanner.state.sent' : 'scanner.state.waiting')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
