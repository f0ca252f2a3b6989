// An action audited with its reason: the button opens a short form asking why, then runs it.
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice } from '../lib/ui';

interface Props {
  id: string;
  label: string;
  /** the reason offered at first (this session's reading reason) */
  initial?: string;
  run: (reason: string) => Promise<unknown>;
  primary?: boolean;
}

export function ReasonPrompt({ id, label, initial = '', run, primary }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) return;
    setBusy(true);
    setError(undefined);
    try {
      await run(reason.trim());
      setOpen(false);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className={primary ? 'button-primary' : 'button-secondary'} onClick={() => { setReason((now) => now || initial); setOpen(true); }} data-testid={`${id}-open`}>
        {label}
      </button>
    );
  }
  return (
    <form className="reason-prompt" onSubmit={(e) => void submit(e)} data-testid={`${id}-form`}>
      <label htmlFor={`${id}-reason`}>{t('cases.reason.label')}</label>
      <small className="muted" id={`${id}-hint`}>{t('cases.reason.hint')}</small>
      <div className="search-row">
        <input id={`${id}-reason`} value={reason} minLength={3} maxLength={500} required aria-describedby={`${id}-hint`} autoFocus onChange={(e) => setReason(e.target.value)} />
        <button type="submit" className="button-primary" disabled={busy}>{busy ? t('cases.working') : label}</button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
    </form>
  );
}
