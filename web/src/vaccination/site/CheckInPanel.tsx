// Check a person in: scan their personal QR with the camera (the scanner's CameraScanner) or type
// their national ID / paste their personal code. The visit id is made here, so a retry is one visit.
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../../i18n';
import { CameraScanner } from '../../venues/CameraScanner';
import { normaliseNationalId, parseScanned } from '../../venues/scanCodes';
import '../../venues/scanner.css';
import type { CheckInBy } from './api';

interface Props {
  busy: boolean;
  onCheckIn: (by: CheckInBy) => void;
}

/** A typed or scanned text as a way to name the person, or null. */
export function identifierOf(text: string): CheckInBy | null {
  const nationalId = normaliseNationalId(text);
  if (nationalId) return { nationalId };
  const scanned = parseScanned(text);
  return scanned.kind === 'person' ? { personCode: scanned.code } : null;
}

export function CheckInPanel({ busy, onCheckIn }: Props) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [flash, setFlash] = useState<'ok' | 'bad' | null>(null);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const by = identifierOf(value);
    setInvalid(!by);
    if (!by) return;
    setValue('');
    onCheckIn(by);
  };
  const onCode = (text: string) => {
    const by = identifierOf(text);
    setFlash(by ? 'ok' : 'bad');
    window.setTimeout(() => setFlash(null), 1200);
    if (by) onCheckIn(by);
  };
  return (
    <section className="card" aria-labelledby="vsite-checkin-title">
      <h2 id="vsite-checkin-title">{t('vsite.checkInTitle')}</h2>
      <form className="scanner-typed" onSubmit={submit}>
        <label htmlFor="vsite-identifier">{t('vsite.identifier')}</label>
        <small id="vsite-identifier-hint" className="muted">{t('vsite.identifierHint')}</small>
        <div className="scanner-typed-row">
          <input
            id="vsite-identifier"
            autoComplete="off"
            maxLength={300}
            value={value}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'vsite-identifier-hint vsite-identifier-error' : 'vsite-identifier-hint'}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="submit" className="button-primary" disabled={busy}>{busy ? t('vsite.checkingIn') : t('vsite.checkIn')}</button>
        </div>
        {invalid && <p id="vsite-identifier-error" className="field-error">{t('vsite.identifierInvalid')}</p>}
      </form>
      <details>
        <summary>{t('vsite.scanTitle')}</summary>
        <CameraScanner onCode={onCode} flash={flash} />
      </details>
    </section>
  );
}
