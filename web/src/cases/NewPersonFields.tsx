// Registering a person met in tracing who has no record yet (a contact named by the case): the people
// module's fields, saved on their own; the new record is then chosen as if found by the search.
import { useState } from 'react';
import { useI18n, type Lang } from '../i18n';
import { localiseServerMessage } from '../i18n/serverMessages';
import { ApiError, type FieldErrors } from '../lib/api';
import { parseDayMonthYear } from '../lib/format';
import { ErrorNotice } from '../lib/ui';
import { createPerson, type NewPerson, type Sex } from '../people/api';
import { PersonFields, type PersonDraft } from '../people/PersonFields';
import { personLabel, type ChosenPerson } from './PersonSearch';

const EMPTY: PersonDraft = { fullName: '', nationalId: '', birthDate: '', birthYear: '', sex: '', phone: '', address: '', communeCode: '' };

function toRequest(draft: PersonDraft): NewPerson {
  const text = (value: string) => value.trim() || undefined;
  const birthDate = draft.birthDate.trim() ? (parseDayMonthYear(draft.birthDate) ?? undefined) : undefined;
  return {
    fullName: draft.fullName.trim(), nationalId: text(draft.nationalId), birthDate,
    birthYear: birthDate || !draft.birthYear.trim() ? undefined : Number(draft.birthYear),
    sex: (draft.sex || undefined) as Sex | undefined, phone: text(draft.phone), address: text(draft.address), communeCode: draft.communeCode,
  };
}

/** Server field keys may come as "nationalId", "/nationalId" or "body.nationalId". */
function fieldErrors(error: unknown, lang: Lang): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(Object.entries(error.fields).map(([key, text]) => [key.split(/[./]/).filter(Boolean).pop() ?? key, localiseServerMessage(text, lang)]));
}

export function NewPersonFields({ onCreated, onCancel }: { onCreated: (person: ChosenPerson) => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<PersonDraft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const save = async () => {
    if (draft.birthDate.trim() && !parseDayMonthYear(draft.birthDate)) {
      setError(new ApiError(400, 'validation_failed', t('person.birthDateInvalid'), { birthDate: t('person.birthDateInvalid') }));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const person = await createPerson(toRequest(draft));
      onCreated({ id: person.id, label: personLabel(person) });
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const errors = fieldErrors(error, lang);
  return (
    <div className="card new-person" data-testid="new-person">
      <h4>{t('cases.named.register')}</h4>
      <PersonFields draft={draft} errors={errors} onChange={(change) => setDraft((now) => ({ ...now, ...change }))} />
      {error !== undefined && Object.keys(errors).length === 0 && <ErrorNotice error={error} />}
      <div className="actions">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void save()}>{busy ? t('common.saving') : t('cases.named.registerSave')}</button>
        <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
