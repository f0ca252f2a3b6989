import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { localiseServerMessage } from '../i18n/serverMessages';
import { ApiError } from '../lib/api';
import { ErrorNotice, Field, SuccessNotice } from '../lib/ui';
import { changePassword } from './api';

/** Change your own password (the first admin's printed password, or one an administrator set). */
export default function PasswordScreen() {
  const { t, lang } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  const fields = error instanceof ApiError ? error.fields : {};
  const fieldError = (name: string) => (fields[name] ? localiseServerMessage(fields[name], lang) : undefined);
  const mismatch = repeat !== '' && repeat !== next;

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      await changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>{t('account.title')}</h1>
      {done && <SuccessNotice>{t('account.changed')}</SuccessNotice>}
      {error !== undefined && Object.keys(fields).length === 0 && <ErrorNotice error={error} />}
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
        <Field id="current-password" label={t('account.current')} error={fieldError('currentPassword')}>
          {(describedBy) => <input aria-describedby={describedBy} id="current-password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />}
        </Field>
        <Field id="new-password" label={t('account.new')} hint={t('account.rule')} error={fieldError('newPassword')}>
          {(describedBy) => <input aria-describedby={describedBy} id="new-password" type="password" autoComplete="new-password" minLength={10} value={next} onChange={(e) => setNext(e.target.value)} required />}
        </Field>
        <Field id="repeat-password" label={t('account.repeat')} error={mismatch ? t('account.mismatch') : undefined}>
          {(describedBy) => <input aria-describedby={describedBy} id="repeat-password" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required />}
        </Field>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy || mismatch || !current || next.length < 10}>
            {t('account.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
