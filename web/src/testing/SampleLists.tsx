// The collector's queue as they see it: samples the server refused (with the reason, to resend or
// drop), the samples of the open tube, and the tubes this phone filled in the session.
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { localiseServerMessage } from '../i18n/serverMessages';
import { scanLabel, timeOf } from '../venues/ScanLists';
import type { LocalTube, QueuedSample } from './sampleQueue';
import type { SampleQueueState } from './useSampleQueue';

/** Who a sample is, without a whole national ID or code on a screen others can see. */
export function sampleLabel(sample: Pick<QueuedSample, 'nationalId' | 'personCode' | 'walkIn' | 'name'>, t: Translate): string {
  if (sample.name) return sample.name;
  if (sample.walkIn) return sample.walkIn.fullName;
  return scanLabel(sample, t);
}

/** The collection API's reasons (English, "field: reason"), said the way a collector can act on them. */
const PROBLEMS: [RegExp, MessageKey][] = [
  [/no registered person has this national ID/, 'collect.problem.unknownNationalId'],
  [/not a valid personal code|belongs to no registered person/, 'collect.problem.badCode'],
  [/the tube is full/, 'collect.problem.full'],
  [/this person is already in the tube/, 'collect.problem.alreadyIn'],
  [/already used in another session/, 'collect.problem.otherSession'],
  [/the tube is (sealed|received|resulted)/, 'collect.problem.sealed'],
  [/retest tube the system planned/, 'collect.problem.retestTube'],
  [/wrong check digit/, 'collect.problem.checkDigit'],
  [/the session is closed/, 'collect.problem.closed'],
  [/no such session/, 'collect.problem.noSession'],
  [/not a member of the representative's household/, 'collect.problem.notHousehold'],
  [/not a member of the session's organisation/, 'collect.problem.notOrganisation'],
  [/is the sampled member themselves/, 'collect.problem.self'],
  [/is in the future/, 'collect.problem.future'],
];

export function problemText(problem: string | undefined, t: Translate, lang: 'vi' | 'en'): string {
  const known = PROBLEMS.find(([pattern]) => pattern.test(problem ?? ''));
  if (known) return t(known[1]);
  const [field, ...rest] = (problem ?? '').split(': ');
  return rest.length > 0 ? `${field}: ${localiseServerMessage(rest.join(': '), lang)}` : localiseServerMessage(problem ?? '', lang);
}

export function RejectedSamples({ queue }: { queue: SampleQueueState }) {
  const { t, lang } = useI18n();
  if (queue.rejected.length === 0) return null;
  return (
    <section className="card scanner-rejected" aria-labelledby="collect-rejected-title" data-testid="rejected-samples">
      <h2 id="collect-rejected-title">{t('collect.rejectedTitle', { count: queue.rejected.length })}</h2>
      <p className="muted">{t('collect.rejectedHint')}</p>
      <ul className="plain-list">
        {queue.rejected.map((sample) => (
          <li key={sample.id} className="scanner-rejected-item">
            <div>
              {/* in full here: the collector needs the number to register the person or correct it */}
              <strong className="mono">{sample.nationalId ? t('scanner.fullNationalId', { id: sample.nationalId }) : sampleLabel(sample, t)}</strong>
              {' · '}{timeOf(sample.sampledAt)} · {t('collect.tube')} <span className="mono">{sample.tubeBarcode}</span>
              <p className="field-error" title={sample.problem}>{problemText(sample.problem, t, lang)}</p>
            </div>
            <div className="actions">
              <button type="button" className="button-secondary button-small" onClick={() => void queue.retry(sample.id)}>{t('scanner.resend')}</button>
              <button type="button" className="button-secondary button-small" onClick={() => void queue.remove(sample.id)}>{t('scanner.drop')}</button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The open tube's samples taken on this phone; one not sent yet can be taken back. */
export function TubeSamples({ queue }: { queue: SampleQueueState }) {
  const { t } = useI18n();
  const samples = queue.tubeSamples.filter((s) => s.state !== 'rejected').sort((a, b) => b.sampledAt.localeCompare(a.sampledAt));
  if (samples.length === 0) return null;
  return (
    <section className="card" aria-labelledby="collect-samples-title">
      <h2 id="collect-samples-title">{t('collect.samplesTitle')}</h2>
      <ul className="plain-list scanner-recent" data-testid="tube-samples">
        {samples.map((sample) => (
          <li key={sample.id}>
            <span className="mono">{timeOf(sample.sampledAt)}</span> {sampleLabel(sample, t)}
            {sample.represents && sample.represents.length > 0 && (
              <small className="muted">{t('collect.representing', { count: sample.represents.length })}</small>
            )}
            <span className={sample.state === 'sent' ? 'badge' : 'chip'}>{t(sample.state === 'sent' ? 'scanner.state.sent' : 'scanner.state.waiting')}</span>
            {sample.state === 'waiting' && (
              <button type="button" className="button-secondary button-small" onClick={() => void queue.remove(sample.id)}>{t('collect.takeBack')}</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const SEAL_KEYS: Record<LocalTube['seal'], MessageKey> = {
  none: 'collect.tubeState.open',
  waiting: 'collect.tubeState.sealWaiting',
  sent: 'collect.tubeState.sealed',
  rejected: 'collect.tubeState.sealRefused',
};

/** Tubes of this session on this phone, newest first: to reopen one, or see that its seal went. */
export function DeviceTubes({ queue, sessionId, current, onOpen }: { queue: SampleQueueState; sessionId: string; current: string | null; onOpen: (barcode: string) => void }) {
  const { t } = useI18n();
  const tubes = queue.tubes.filter((tube) => tube.sessionId === sessionId).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  if (tubes.length === 0) return null;
  return (
    <section className="card" aria-labelledby="collect-tubes-title">
      <h2 id="collect-tubes-title">{t('collect.deviceTubes')}</h2>
      <ul className="plain-list scanner-recent" data-testid="device-tubes">
        {tubes.map((tube) => (
          <li key={tube.barcode} data-barcode={tube.barcode} data-seal={tube.seal}>
            <span className="mono">{tube.barcode}</span>
            <span className={tube.seal === 'sent' ? 'badge' : 'chip'}>{t(SEAL_KEYS[tube.seal])}</span>
            {tube.barcode !== current && tube.seal === 'none' && (
              <button type="button" className="button-secondary button-small" onClick={() => onOpen(tube.barcode)}>{t('collect.reopen')}</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
