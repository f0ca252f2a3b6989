import { useRef, useState, type SubmitEvent } from 'react';
import { useSession } from '../auth/session';
import { useI18n, type Lang } from '../i18n';
import { localiseServerMessage } from '../i18n/serverMessages';
import { ApiError, type FieldErrors } from '../lib/api';
import { parseDayMonthYear } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { errorText } from '../lib/ui';
import { useUnits } from '../units/UnitsProvider';
import { createPerson, type NewPerson, type Sex } from './api';
import { PersonFields, type PersonDraft } from './PersonFields';

const FIELD_NAMES = ['fullName', 'nationalId', 'birthDate', 'birthYear', 'sex', 'phone', 'address', 'communeCode'];

/** Server field keys may come as "nationalId", "/nationalId" or "body.nationalId". */
function byField(fields: FieldErrors, lang: Lang): { known: FieldErrors; other: string[] } {
  const known: FieldErrors = {};
  const other: string[] = [];
  for (const [key, raw] of Object.entries(fields)) {
    const name = key.split(/[./]/).filter(Boolean).pop() ?? key;
    const message = localiseServerMessage(raw, lang);
    if (FIELD_NAMES.includes(name)) known[name] = message;
    else other.push(`${key}: ${message}`);
  }
  return { known, other };
}

function toRequest(draft: PersonDraft): NewPerson {
  const text = (value: string) => value.trim() || undefined;
  const birthDate = draft.birthDate.trim() ? (parseDayMonthYear(draft.birthDate) ?? undefined) : undefined;
  return {
    fullName: draft.fullName.trim(),
    nationalId: text(draft.nationalId),
    birthDate,
    birthYear: birthDate || !draft.birthYear.trim() ? undefined : Number(draft.birthYear),
    sex: (draft.sex || undefined) as Sex | undefined,
    phone: text(draft.phone),
    address: text(draft.address),
    communeCode: draft.communeCode,
  };
}

export default function PersonNewScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const { user } = useSession();
  const { byCode } = useUnits();
  const ownCommune = user?.unitCode && byCode.get(user.unitCode)?.level === 'commune' ? user.unitCode : '';
  const [draft, setDraft] = useState<PersonDraft>({
    fullName: '',
    nationalId: '',
    birthDate: '',
    birthYear: '',
    sex: '',
    phone: '',
    address: '',
    communeCode: ownCommune,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const summaryRef = useRef<HTMLDivElement>(null);

  const { known, other } = error instanceof ApiError ? byField(error.fields, i18n.lang) : { known: {}, other: [] };
  const conflict = error instanceof ApiError && error.status === 409;
  if (conflict && !known.nationalId) known.nationalId = t('person.conflict');
  const existingId = conflict && typeof error.detail.existingId === 'string' ? error.detail.existingId : null;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (draft.birthDate.trim() && !parseDayMonthYear(draft.birthDate)) {
      setError(new ApiError(400, 'validation_failed', t('person.birthDateInvalid'), { birthDate: t('person.birthDateInvalid') }));
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const person = await createPerson(toRequest(draft));
      navigate(`/people/${person.id}`, { replace: true });
    } catch (cause) {
      setError(cause);
      setBusy(false);
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  };

  return (
    <section aria-labelledby="person-new-title">
      <h1 id="person-new-title">{t('person.newTitle')}</h1>
      <div ref={summaryRef} tabIndex={-1}>
        {error !== undefined && (
          <div className="notice notice-error" role="alert" data-testid="form-error">
            <p>{Object.keys(known).length > 0 ? t('person.fixErrors') : errorText(error, i18n)}</p>
            {existingId && <Link to={`/people/${existingId}`}>{t('person.openExisting')}</Link>}
            {other.length > 0 && (
              <ul>
                {other.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
        <PersonFields draft={draft} errors={known} onChange={(change) => setDraft({ ...draft, ...change })} />
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('common.saving') : t('person.submit')}
          </button>
          <button type="button" className="button-secondary" onClick={() => navigate('/people')}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
