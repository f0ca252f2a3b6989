// The one-time details form: checked here first, then the server's field errors shown at their fields.
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { localiseServerMessage } from '../i18n/serverMessages';
import { ApiError } from '../lib/api';
import { errorText } from '../lib/ui';
import type { SelfPerson } from './api';
import { focusFirstError, PersonFields } from './PersonFields';
import { draftErrorsFrom, personProblems, toDraft, toPerson, type DraftErrors } from './validate';

interface Props {
  prefix: string;
  initial?: SelfPerson;
  submitLabel: string;
  busyLabel: string;
  /** Resolves with the error to show, or undefined when done. */
  onSubmit: (person: SelfPerson) => Promise<unknown>;
  onCancel?: () => void;
  children?: ReactNode;
}

export function PersonForm({ prefix, initial, submitLabel, busyLabel, onSubmit, onCancel, children }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState(() => toDraft(initial));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problems = personProblems(draft, t);
    setErrors(problems);
    setFailure(undefined);
    if (Object.keys(problems).length > 0) {
      focusFirstError(prefix, problems);
      return;
    }
    setBusy(true);
    const error = await onSubmit(toPerson(draft));
    setBusy(false);
    if (error === undefined) return;
    const fromServer = error instanceof ApiError ? draftErrorsFrom(error.fields, (m) => localiseServerMessage(m, i18n.lang)) : {};
    setErrors(fromServer);
    if (Object.keys(fromServer).length > 0) focusFirstError(prefix, fromServer);
    else setFailure(errorText(error, i18n));
  };

  return (
    <form className="checkin-form" onSubmit={(event) => void submit(event)} noValidate aria-describedby={`${prefix}-privacy`}>
      {children}
      <PersonFields prefix={prefix} draft={draft} errors={errors} onChange={(change) => setDraft({ ...draft, ...change })} />
      <p id={`${prefix}-privacy`} className="checkin-privacy">
        {t('checkin.privacy')}
      </p>
      <div aria-live="assertive">
        {failure && (
          <p className="notice notice-error" role="alert">
            {failure}
          </p>
        )}
        {Object.keys(errors).length > 0 && <p className="visually-hidden">{t('common.fixFields')}</p>}
      </div>
      <button type="submit" className="button-primary checkin-big-button" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
      {onCancel && (
        <button type="button" className="button-link checkin-cancel" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </form>
  );
}
