// The pre-vaccination screening checklist (the server's configuration): yes/no for each question,
// the temperature, and the outcome. The server derives what the answers allow and names the field it
// refuses; its reasons are shown beside that field.
import { useMemo, useState, type SubmitEvent } from 'react';
import { useI18n } from '../../i18n';
import { ApiError } from '../../lib/api';
import { ErrorNotice, Field } from '../../lib/ui';
import { useAsync } from '../../lib/useAsync';
import { getChecklist, saveScreening, type Outcome, type Screening, type Visit } from './api';

const OUTCOMES: readonly Outcome[] = ['vaccinate', 'postpone', 'refer'];

export function ScreeningForm({ visit, onSaved }: { visit: Visit; onSaved: (screening: Screening) => void }) {
  const { t, lang } = useI18n();
  const checklist = useAsync((signal) => getChecklist(signal), []);
  const previous = visit.screening;
  const [answers, setAnswers] = useState<Record<string, boolean>>(() => ({ ...(previous?.answers ?? {}) }));
  const [temperature, setTemperature] = useState(previous?.temperatureC?.toString() ?? '');
  const [outcome, setOutcome] = useState<Outcome>(previous?.outcome ?? 'vaccinate');
  const [postponeUntil, setPostponeUntil] = useState(previous?.postponeUntil ?? '');
  const [referTo, setReferTo] = useState(previous?.referTo ?? '');
  const [reason, setReason] = useState(previous?.reason ?? '');
  const [note, setNote] = useState(previous?.note ?? '');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fields = error instanceof ApiError ? error.fields : {};
  const asked = useMemo(() => (checklist.data?.questions ?? []).filter((q) => !q.derived), [checklist.data]);
  const age = new Date().getFullYear() - visit.person.birthYear;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const own = Object.fromEntries(Object.entries(answers).filter(([id]) => asked.some((q) => q.id === id)));
      const saved = await saveScreening(visit.id, {
        answers: own, outcome,
        ...(temperature.trim() ? { temperatureC: Number(temperature.replace(',', '.')) } : {}),
        ...(outcome === 'postpone' ? { postponeUntil } : {}),
        ...(outcome === 'refer' ? { referTo } : {}),
        ...(reason.trim() ? { reason } : {}),
        ...(note.trim() ? { note } : {}),
      });
      onSaved(saved);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  if (checklist.error !== undefined) return <ErrorNotice error={checklist.error} onRetry={checklist.reload} />;
  if (!checklist.data) return null;
  return (
    <form className="card" aria-labelledby="vsite-screening-title" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="vsite-screening-title">{t('vsite.screeningTitle')}</h2>
      <p><small className="muted">{checklist.data.source}</small></p>
      <button type="button" className="button-secondary" onClick={() => setAnswers(Object.fromEntries(asked.map((q) => [q.id, false])))}>{t('vsite.allNo')}</button>
      {checklist.data.questions.map((q) => {
        const text = lang === 'en' ? q.text.en : q.text.vi;
        const fieldError = fields[`answers.${q.id}`];
        if (q.derived === 'age') {
          return <p key={q.id}>{text}: <strong>{t('vsite.derived', { answer: age >= (q.minAge ?? 0) ? t('common.yes') : t('common.no') })}</strong></p>;
        }
        return (
          <fieldset key={q.id} className={fieldError ? 'field field-invalid' : 'field'} aria-describedby={fieldError ? `vsite-q-${q.id}-error` : undefined}>
            <legend>{text} <small className="muted">({t(`vsite.kind.${q.kind}`)})</small></legend>
            {[true, false].map((value) => (
              <label key={String(value)} className="inline-choice">
                <input type="radio" name={`vsite-q-${q.id}`} checked={answers[q.id] === value} onChange={() => setAnswers((a) => ({ ...a, [q.id]: value }))} />
                {value ? t('common.yes') : t('common.no')}
              </label>
            ))}
            {fieldError && <p id={`vsite-q-${q.id}-error`} className="field-error">{fieldError}</p>}
          </fieldset>
        );
      })}
      <Field id="vsite-temperature" label={t('vsite.temperature')} error={fields.temperatureC}>
        {(describedBy) => <input id="vsite-temperature" inputMode="decimal" value={temperature} aria-describedby={describedBy} onChange={(e) => setTemperature(e.target.value)} />}
      </Field>
      <fieldset className={fields.outcome ? 'field field-invalid' : 'field'} aria-describedby={fields.outcome ? 'vsite-outcome-error' : undefined}>
        <legend>{t('vsite.outcome')}</legend>
        {OUTCOMES.map((value) => (
          <label key={value} className="inline-choice">
            <input type="radio" name="vsite-outcome" checked={outcome === value} onChange={() => setOutcome(value)} />
            {t(`vsite.outcome.${value}`)}
          </label>
        ))}
        {fields.outcome && <p id="vsite-outcome-error" className="field-error">{fields.outcome}</p>}
      </fieldset>
      {outcome === 'postpone' && (
        <Field id="vsite-postpone-until" label={t('vsite.postponeUntil')} error={fields.postponeUntil}>
          {(d) => <input id="vsite-postpone-until" type="date" value={postponeUntil} aria-describedby={d} onChange={(e) => setPostponeUntil(e.target.value)} />}
        </Field>
      )}
      {outcome === 'refer' && (
        <Field id="vsite-refer-to" label={t('vsite.referTo')} error={fields.referTo}>
          {(d) => <input id="vsite-refer-to" maxLength={200} value={referTo} aria-describedby={d} onChange={(e) => setReferTo(e.target.value)} />}
        </Field>
      )}
      {outcome !== 'vaccinate' && (
        <Field id="vsite-reason" label={t('vsite.reason')} error={fields.reason}>
          {(d) => <input id="vsite-reason" maxLength={500} value={reason} aria-describedby={d} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      )}
      <Field id="vsite-note" label={t('vsite.note')} error={fields.note}>
        {(d) => <textarea id="vsite-note" maxLength={1000} rows={2} value={note} aria-describedby={d} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {error !== undefined && Object.keys(fields).length === 0 && <ErrorNotice error={error} />}
      {error !== undefined && Object.keys(fields).length > 0 && <p className="field-error" role="alert">{t('common.fixFields')}</p>}
      <button type="submit" className="button-primary" disabled={busy}>{busy ? t('common.saving') : t('vsite.saveScreening')}</button>
      {previous && <p role="status">{t('vsite.screened', { outcome: t(`vsite.outcome.${previous.outcome}`) })} {t(`vsite.assessment.${previous.assessment}`)}</p>}
    </form>
  );
}
