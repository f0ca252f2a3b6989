// Recording a case: the person (searched by name, phone or CCCD, or an id pasted), confirmation time,
// onset day and source. Server field errors are shown at their field.
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { ErrorNotice, Field } from '../lib/ui';
import { CASE_SOURCES, createCase, type Case, type CaseSource } from './api';
import { PersonSearch, type ChosenPerson } from './PersonSearch';
import { localInputToIso, nowLocalInput } from './time';

export function CaseForm({ onCreated }: { onCreated: (created: Case) => void }) {
  const { t } = useI18n();
  const [person, setPerson] = useState<ChosenPerson | null>(null);
  const [confirmedAt, setConfirmedAt] = useState(nowLocalInput);
  const [onsetDate, setOnsetDate] = useState('');
  const [source, setSource] = useState<CaseSource>('community');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const confirmedIso = localInputToIso(confirmedAt);
    if (!person) problems.personId = t('cases.form.choosePerson');
    if (!confirmedIso) problems.confirmedAt = t('cases.form.badTime');
    setFields(problems);
    if (!person || !confirmedIso) return;
    setBusy(true);
    try {
      onCreated(await createCase({ personId: person.id, confirmedAt: confirmedIso, source, ...(onsetDate ? { onsetDate } : {}) }));
    } catch (cause) {
      if (cause instanceof ApiError && Object.keys(cause.fields).length > 0) setFields(cause.fields);
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card case-form" onSubmit={(e) => void submit(e)} aria-labelledby="case-form-title" data-testid="case-form" noValidate>
      <h2 id="case-form-title">{t('cases.form.title')}</h2>
      <PersonSearch id="case-person" label={t('cases.form.person')} error={fields.personId} chosen={person} onChoose={setPerson} />
      <div className="filters">
        <Field id="case-confirmed" label={t('cases.form.confirmedAt')} error={fields.confirmedAt}>
          {(describedBy) => <input id="case-confirmed" type="datetime-local" value={confirmedAt} aria-describedby={describedBy} onChange={(e) => setConfirmedAt(e.target.value)} />}
        </Field>
        <Field id="case-onset" label={t('cases.form.onsetDate')} error={fields.onsetDate}>
          {(describedBy) => <input id="case-onset" type="date" value={onsetDate} aria-describedby={describedBy} onChange={(e) => setOnsetDate(e.target.value)} />}
        </Field>
        <Field id="case-source" label={t('cases.form.source')} error={fields.source}>
          {(describedBy) => (
            <select id="case-source" value={source} aria-describedby={describedBy} onChange={(e) => setSource(e.target.value as CaseSource)}>
              {CASE_SOURCES.map((s) => <option key={s} value={s}>{t(`cases.source.${s}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>{busy ? t('common.saving') : t('cases.form.submit')}</button>
      </div>
    </form>
  );
}
