import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { useModalDialog } from '../lib/useModalDialog';
import { ApiError } from '../lib/api';
import { formatDate } from '../lib/format';
import { errorText, Field } from '../lib/ui';
import { publishAssessment, type Assessment } from './api';
import { todayInVietnam, weekRange } from './week';

interface Props {
  assessment: Assessment;
  unitName: string;
  onDone: (published: Assessment) => void;
  onCancel: () => void;
}

/** Asks for the date the levels take effect, then publishes; a modal <dialog> keeps focus inside. */
export function PublishDialog({ assessment, unitName, onDone, onCancel }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const ref = useModalDialog();
  const weekStart = weekRange(assessment.week)?.start ?? '';
  const today = todayInVietnam();
  const [date, setDate] = useState(today > weekStart ? today : weekStart);
  const [dateError, setDateError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();


  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!date) {
      setDateError(t('levels.effectiveRequired'));
      return;
    }
    if (date < weekStart) {
      setDateError(t('levels.effectiveHint', { date: formatDate(weekStart) }));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onDone(await publishAssessment(assessment.id, date));
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };

  const message = () => {
    if (!(error instanceof ApiError)) return errorText(error, i18n);
    if (error.status === 409) {
      const effective = typeof error.detail.effectiveFrom === 'string' ? formatDate(error.detail.effectiveFrom) : '—';
      return t('levels.err.alreadyPublished', { date: effective });
    }
    if (error.fields.effectiveFrom) return t('levels.effectiveHint', { date: formatDate(weekStart) });
    return errorText(error, i18n);
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="publish-title" onCancel={onCancel} data-testid="publish-dialog">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="publish-title">{t('levels.publishTitle')}</h2>
        <p>{t('levels.publishText', { week: assessment.week, count: assessment.results.length, unit: unitName })}</p>
        {error !== undefined && (
          <p className="notice notice-error" role="alert" data-testid="publish-error">
            {message()}
          </p>
        )}
        <Field id="publish-date" label={t('levels.effectiveFrom')} hint={t('levels.effectiveHint', { date: formatDate(weekStart) })} error={dateError}>
          {(describedBy) => (
            <input
              id="publish-date"
              type="date"
              min={weekStart}
              required
              value={date}
              aria-invalid={Boolean(dateError)}
              aria-describedby={describedBy}
              onChange={(e) => {
                setDate(e.target.value);
                setDateError(undefined);
              }}
            />
          )}
        </Field>
        {date && (
          <p aria-live="polite" data-testid="publish-date-text">
            <strong>{t('levels.effectiveChosen', { date: formatDate(date) })}</strong>
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('levels.publishing') : t('levels.publishConfirm')}
          </button>
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
