// Reading personal data is audited with a reason: asked once, kept for this browser session (tab).
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';

const STORAGE_KEY = 'vigil.readReason';

export function sessionReason(): string {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

function keepReason(reason: string): void {
  try {
    if (reason) sessionStorage.setItem(STORAGE_KEY, reason);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // kept in the screen's state only
  }
}

export function useReadReason(): [string, (reason: string) => void] {
  const [reason, setReason] = useState(sessionReason);
  return [reason, (next: string) => { keepReason(next); setReason(next); }];
}

export function ReasonForm({ onReason }: { onReason: (reason: string) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (value.trim().length >= 3) onReason(value.trim());
  };
  return (
    <form className="card read-reason" onSubmit={submit} data-testid="read-reason">
      <label htmlFor="read-reason">{t('staffDecl.reasonAsk')}</label>
      <small className="muted" id="read-reason-hint">{t('staffDecl.reasonHint')}</small>
      <div className="scanner-typed-row">
        <input id="read-reason" value={value} minLength={3} maxLength={500} required aria-describedby="read-reason-hint" onChange={(e) => setValue(e.target.value)} />
        <button type="submit" className="button-primary">{t('staffDecl.reasonGo')}</button>
      </div>
    </form>
  );
}
