// Ending a contact's follow-up (health officers, cases:write): completed, lost, or became a case. A
// contact who became a case names that case (one of the person's own): chosen from the person's cases,
// or recorded here first. That case is the edge of the transmission chain. Once only (the server's rule).
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { ErrorNotice, Field, SuccessNotice } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { CASE_SOURCES, createCase, endFollowUp, listCases, OUTCOMES, type CaseSource, type ContactDetail, type Outcome } from './api';
import { localInputToIso, nowLocalInput } from './time';

const NEW_CASE = 'new';

export function EndFollowUp({ contact, onEnded }: { contact: ContactDetail; onEnded: () => void }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome>('completed');
  const [caseChoice, setCaseChoice] = useState('');
  const [confirmedAt, setConfirmedAt] = useState(nowLocalInput);
  const [source, setSource] = useState<CaseSource>(contact.quarantineOrders.length > 0 ? 'in_quarantine' : 'community');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<Outcome | null>(null);
  const becameCase = outcome === 'became_case';
  const cases = useAsync(
    (signal) => (becameCase ? listCases({ personId: contact.personId, limit: 20, offset: 0 }, signal) : Promise.resolve(undefined)),
    [becameCase, contact.personId],
  );
  const own = cases.data?.items ?? [];
  const choice = caseChoice || (cases.data ? (own[0]?.id ?? NEW_CASE) : '');

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setFields({});
    setError(undefined);
    let caseId: string | undefined;
    if (becameCase && choice === NEW_CASE) {
      const at = localInputToIso(confirmedAt);
      if (!at) return setFields({ confirmedAt: t('cases.form.badTime') });
      setBusy(true);
      try {
        caseId = (await createCase({ personId: contact.personId, confirmedAt: at, source })).id;
        cases.reload(); // a failure below leaves the case recorded: it is offered next time
      } catch (cause) {
        if (cause instanceof ApiError) setFields(cause.fields);
        setError(cause);
        setBusy(false);
        return;
      }
    } else if (becameCase) {
      caseId = choice;
    }
    setBusy(true);
    try {
      await endFollowUp(contact.id, { outcome, ...(caseId ? { caseId } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      setDone(outcome);
      onEnded();
    } catch (cause) {
      if (cause instanceof ApiError) setFields(cause.fields);
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="end-title" data-testid="end-follow-up">
      <h2 id="end-title">{t('cases.end.title')}</h2>
      <p className="muted">{t('cases.end.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="end-outcomes">
          <legend>{t('cases.end.outcome')}</legend>
          {OUTCOMES.map((o) => (
            <label key={o} className="end-outcome">
              <input type="radio" name="end-outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {t(`cases.outcome.${o}`)}
            </label>
          ))}
        </fieldset>
        {becameCase && (
          <fieldset className="end-outcomes" data-testid="end-case-choice">
            <legend>{t('cases.end.whichCase')}</legend>
            {cases.error !== undefined && <ErrorNotice error={cases.error} onRetry={cases.reload} />}
            {own.map((k) => (
              <label key={k.id} className="end-outcome">
                <input type="radio" name="end-case" value={k.id} checked={choice === k.id} onChange={() => setCaseChoice(k.id)} />{' '}
                {t('cases.end.caseOn', { date: formatDateTime(k.confirmedAt ?? k.reportedAt) })} · {t(`cases.status.${k.status}`)}
              </label>
            ))}
            {cases.data && (
              <label className="end-outcome">
                <input type="radio" name="end-case" value={NEW_CASE} checked={choice === NEW_CASE} onChange={() => setCaseChoice(NEW_CASE)} /> {t('cases.end.newCase')}
              </label>
            )}
            {fields.caseId && <p className="field-error">{fields.caseId}</p>}
            {choice === NEW_CASE && (
              <div className="filters">
                <Field id="end-confirmed" label={t('cases.form.confirmedAt')} error={fields.confirmedAt}>
                  {(describedBy) => <input id="end-confirmed" type="datetime-local" value={confirmedAt} aria-describedby={describedBy} onChange={(e) => setConfirmedAt(e.target.value)} />}
                </Field>
                <Field id="end-source" label={t('cases.form.source')} error={fields.source}>
                  {(describedBy) => (
                    <select id="end-source" value={source} aria-describedby={describedBy} onChange={(e) => setSource(e.target.value as CaseSource)}>
                      {CASE_SOURCES.map((s) => <option key={s} value={s}>{t(`cases.source.${s}`)}</option>)}
                    </select>
                  )}
                </Field>
              </div>
            )}
          </fieldset>
        )}
        <Field id="end-note" label={t('cases.end.note')} error={fields.note}>
          {(describedBy) => <input id="end-note" value={note} maxLength={1000} aria-describedby={describedBy} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        {error !== undefined && <ErrorNotice error={error} />}
        {done && <SuccessNotice>{t('cases.end.done', { outcome: t(`cases.outcome.${done}`) })}</SuccessNotice>}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy || (becameCase && !choice)}>{busy ? t('cases.working') : t('cases.end.submit')}</button>
        </div>
      </form>
    </section>
  );
}
