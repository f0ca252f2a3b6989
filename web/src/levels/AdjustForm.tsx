import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { errorText, Field } from '../lib/ui';
import { adjustUnit, LEVELS, type Result } from './api';
import { isLevel, levelName } from './labels';

interface Props {
  assessmentId: string;
  result: Result;
  onDone: (result: Result) => void;
  onCancel: () => void;
}

/** Sets a unit's level in the draft; the written reason is required and kept in the audit log. */
export function AdjustForm({ assessmentId, result, onDone, onCancel }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [level, setLevel] = useState(String(result.level));
  const [reason, setReason] = useState(result.adjustment?.reason ?? '');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const id = (name: string) => `adjust-${result.unitCode}-${name}`;
  const serverReason = error instanceof ApiError ? error.fields.reason : undefined;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = Number(level);
    if (reason.trim().length < 5) {
      setMissing(true);
      return;
    }
    if (!isLevel(chosen)) return;
    setBusy(true);
    setError(undefined);
    try {
      onDone(await adjustUnit(assessmentId, result.unitCode, chosen, reason.trim()));
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };

  return (
    <form
      className="adjust-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={id('title')}
      data-testid={`adjust-${result.unitCode}`}
    >
      <h4 id={id('title')} className="visually-hidden">
        {t('levels.adjustTitle', { name: result.unitName })}
      </h4>
      {error !== undefined && !serverReason && (
        <p className="notice notice-error" role="alert">
          {errorText(error, i18n)}
        </p>
      )}
      <div className="form-row">
        <Field id={id('level')} label={t('levels.adjustLevel')} hint={t('levels.adjustClearHint', { level: result.computedLevel })}>
          {(describedBy) => (
            <select id={id('level')} value={level} aria-describedby={describedBy} onChange={(e) => setLevel(e.target.value)}>
              {LEVELS.map((value) => (
                <option key={value} value={String(value)}>
                  {levelName(t, value)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={id('reason')}
          label={t('levels.adjustReason')}
          hint={t('levels.adjustReasonHint')}
          error={missing || serverReason ? t('levels.adjustReasonRequired') : undefined}
        >
          {(describedBy) => (
            <textarea
              id={id('reason')}
              rows={2}
              value={reason}
              aria-invalid={missing || Boolean(serverReason)}
              aria-describedby={describedBy}
              onChange={(e) => {
                setReason(e.target.value);
                setMissing(false);
              }}
            />
          )}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('levels.adjustSave')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
