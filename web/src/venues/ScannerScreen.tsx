// Staff scanner, phone first: pick the venue or checkpoint once, then scan personal QR codes with the
// camera (or type a national ID). Every scan is queued on the device at once and sent when the network
// allows; a scanned health declaration is shown instead of being queued.
import { useCallback, useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { errorText } from '../lib/ui';
import { CameraScanner } from './CameraScanner';
import { DeclarationCard } from './DeclarationCard';
import { scanDeclaration, type Declaration } from './declarationsApi';
import { normaliseNationalId, parseScanned } from './scanCodes';
import { QueueStatus, RecentScans, RejectedScans, scanLabel, timeOf } from './ScanLists';
import type { NewScan } from './scanQueue';
import { useScanQueue } from './useScanQueue';
import { VenueChooser, storeVenue, storedVenue, type ScannerVenue } from './VenueChooser';
import './scanner.css';

type Tone = 'ok' | 'repeat' | 'bad';
interface Feedback {
  tone: Tone;
  text: string;
  /** changes on every scan, so the same message twice still flashes */
  serial: number;
}

const FLASH_MS = 1200;

/**
 * A typed national ID, or the text of a QR read by a handheld scanner that types like a keyboard
 * (many checkpoints have one): a URL or code followed by Enter.
 */
function TypedEntry({ onNationalId, onCode }: { onNationalId: (nationalId: string) => Promise<boolean>; onCode: (text: string) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const text = value;
    const nationalId = normaliseNationalId(text);
    const isCode = !nationalId && parseScanned(text).kind !== 'unknown';
    setInvalid(!nationalId && !isCode);
    if (!nationalId && !isCode) return;
    // cleared at once: a handheld scanner may type the next code before this one is stored
    setValue('');
    if (isCode) onCode(text);
    else if (nationalId && !(await onNationalId(nationalId))) setValue((current) => current || text);
  };
  return (
    <form className="card scanner-typed" onSubmit={(event) => void submit(event)} aria-labelledby="scanner-typed-title">
      <h2 id="scanner-typed-title">{t('scanner.typedTitle')}</h2>
      <label htmlFor="scanner-national-id">{t('scanner.nationalId')}</label>
      <small id="scanner-national-id-hint" className="muted">{t('scanner.nationalIdHint')}</small>
      <div className="scanner-typed-row">
        <input
          id="scanner-national-id"
          inputMode="numeric"
          autoComplete="off"
          maxLength={300}
          value={value}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'scanner-national-id-hint scanner-national-id-error' : 'scanner-national-id-hint'}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="button-primary">{t('scanner.record')}</button>
      </div>
      {invalid && <p id="scanner-national-id-error" className="field-error">{t('scanner.nationalIdInvalid')}</p>}
    </form>
  );
}

export default function ScannerScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const queue = useScanQueue();
  const [venue, setVenue] = useState<ScannerVenue | null>(storedVenue);
  const [choosing, setChoosing] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [flash, setFlash] = useState<Tone | null>(null);
  const [declaration, setDeclaration] = useState<Declaration | null>(null);
  const serial = useRef(0);
  /** the declaration on screen: held in front of the camera, it is not fetched (and audited) again */
  const shownDeclaration = useRef<string | null>(null);

  const say = useCallback((tone: Tone, text: string) => {
    serial.current += 1;
    setFeedback({ tone, text, serial: serial.current });
    setFlash(tone);
  }, []);

  useEffect(() => {
    if (!flash) return;
    const timer = window.setTimeout(() => setFlash(null), FLASH_MS);
    return () => window.clearTimeout(timer);
  }, [flash, feedback]);

  const record = useCallback(async (scan: Omit<NewScan, 'venueId' | 'venueName'>): Promise<boolean> => {
    if (!venue) return false;
    try {
      const { scan: stored, repeatOf } = await queue.add({ ...scan, venueId: venue.id, venueName: venue.name });
      if (repeatOf) say('repeat', t('scanner.repeat', { who: scanLabel(stored, t), time: timeOf(stored.checkedInAt) }));
      else say('ok', t('scanner.recorded', { who: scanLabel(stored, t), time: timeOf(stored.checkedInAt) }));
      return true;
    } catch (error) {
      say('bad', errorText(error, i18n));
      return false;
    }
  }, [venue, queue, say, t, i18n]);

  const onCode = useCallback((text: string) => {
    const scanned = parseScanned(text);
    switch (scanned.kind) {
      case 'person':
        void record({ personCode: scanned.code, method: 'personal_qr' });
        return;
      case 'declaration':
        if (shownDeclaration.current === scanned.code) return;
        if (!navigator.onLine) {
          say('bad', t('scanner.declarationOffline'));
          return;
        }
        scanDeclaration(scanned.code, venue?.id).then(
          (found) => {
            shownDeclaration.current = scanned.code;
            setDeclaration(found);
            say(found.flag === 'red' ? 'bad' : 'ok', t('scanner.declarationShown', { name: found.person.fullName }));
          },
          (error: unknown) => say('bad', errorText(error, i18n)),
        );
        return;
      case 'venue':
        say('bad', t('scanner.venueCode'));
        return;
      case 'unknown':
        say('bad', t('scanner.unknownCode'));
        return;
    }
  }, [record, say, t, i18n, venue]);

  const pick = (next: ScannerVenue) => {
    storeVenue(next);
    setVenue(next);
    setChoosing(false);
    setFeedback(null);
  };

  if (!venue || choosing) {
    return (
      <div className="scanner" data-testid="scanner">
        <h1>{t('scanner.title')}</h1>
        <VenueChooser current={venue} onPick={pick} onCancel={venue ? () => setChoosing(false) : undefined} />
      </div>
    );
  }

  return (
    <div className="scanner" data-testid="scanner">
      <div className="scanner-head">
        <h1>{t('scanner.title')}</h1>
        <p className="scanner-venue" data-testid="scanner-venue">
          <span><strong>{venue.name}</strong> <small className="muted">{venue.communeName}</small></span>
          <button type="button" className="button-secondary button-small" onClick={() => setChoosing(true)}>{t('scanner.changeVenue')}</button>
        </p>
      </div>
      {queue.storageError !== undefined && <p className="notice notice-error" role="alert">{t('scanner.storageFailed')}</p>}
      <QueueStatus queue={queue} />
      <div className="scanner-feedback-slot" aria-live="assertive">
        {feedback && (
          <p key={feedback.serial} className={`scanner-feedback scanner-feedback-${feedback.tone}`} data-testid="scan-feedback" data-tone={feedback.tone}>
            <span aria-hidden="true">{feedback.tone === 'ok' ? '✓' : feedback.tone === 'repeat' ? '↺' : '✕'}</span> {feedback.text}
          </p>
        )}
      </div>
      {declaration && (
        <DeclarationCard
          declaration={declaration}
          onClose={() => {
            shownDeclaration.current = null;
            setDeclaration(null);
          }}
        />
      )}
      <CameraScanner onCode={onCode} flash={flash} />
      <TypedEntry onNationalId={(nationalId) => record({ nationalId, method: 'national_id' })} onCode={onCode} />
      <RejectedScans queue={queue} />
      <RecentScans queue={queue} />
    </div>
  );
}
