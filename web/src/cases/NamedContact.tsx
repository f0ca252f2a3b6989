// Adding a contact the case names (or one from a list another province sends): the person found by the
// search or registered here, how they were found, the last contact if known, a note. Added as an F1
// candidate, reviewed like the others (tracing:run).
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { localiseServerMessage } from '../i18n/serverMessages';
import { ApiError } from '../lib/api';
import { Link } from '../lib/router';
import { ErrorNotice, Field, SuccessNotice } from '../lib/ui';
import { addContact, type Contact } from './api';
import { NewPersonFields } from './NewPersonFields';
import { contactPath } from './paths';
import { PersonSearch, type ChosenPerson } from './PersonSearch';
import { localInputToIso } from './time';

export function NamedContact({ caseId, onAdded }: { caseId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<Contact | null>(null);
  return (
    <section className="card" aria-labelledby="named-title" data-testid="named-contact">
      <h2 id="named-title">{t('cases.named.title')}</h2>
      <p className="muted">{t('cases.named.intro')}</p>
      {added && (
        <SuccessNotice>
          <span data-testid="named-added">{t('cases.named.added', { name: added.personName })}</span>{' '}
          <Link to={contactPath(caseId, added.id)}>{t('cases.named.openRecord')}</Link>
        </SuccessNotice>
      )}
      {open ? (
        <NamedContactForm caseId={caseId} onCancel={() => setOpen(false)} onAdded={(contact) => { setAdded(contact); setOpen(false); onAdded(); }} />
      ) : (
        <button type="button" className="button-secondary" onClick={() => { setAdded(null); setOpen(true); }} data-testid="named-open">{t('cases.named.open')}</button>
      )}
    </section>
  );
}

function NamedContactForm({ caseId, onAdded, onCancel }: { caseId: string; onAdded: (contact: Contact) => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const [person, setPerson] = useState<ChosenPerson | null>(null);
  const [registering, setRegistering] = useState(false);
  const [foundBy, setFoundBy] = useState<'named' | 'imported'>('named');
  const [lastAt, setLastAt] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [existing, setExisting] = useState<string | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const lastIso = lastAt ? localInputToIso(lastAt) : null;
    if (!person) problems.personId = t('cases.named.choosePerson');
    if (lastAt && !lastIso) problems.lastExposureAt = t('cases.form.badTime');
    setFields(problems);
    setExisting(null);
    if (!person || Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      onAdded(await addContact(caseId, { personId: person.id, foundBy, ...(lastIso ? { lastExposureAt: lastIso } : {}), ...(note.trim() ? { note: note.trim() } : {}) }));
    } catch (cause) {
      if (cause instanceof ApiError) {
        const localised = Object.fromEntries(Object.entries(cause.fields).map(([field, text]) => [field, localiseServerMessage(text, lang)]));
        setFields(cause.status === 409 ? { personId: t('cases.named.already') } : localised);
        if (typeof cause.detail.existingId === 'string') setExisting(cause.detail.existingId);
      }
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="case-form named-form">
      {registering ? (
        <NewPersonFields onCreated={(created) => { setPerson(created); setRegistering(false); }} onCancel={() => setRegistering(false)} />
      ) : (
        <>
          <PersonSearch id="named-person" label={t('cases.named.person')} error={fields.personId} chosen={person} onChoose={setPerson} />
          {existing && <p><Link to={contactPath(caseId, existing)}>{t('cases.named.openExisting')}</Link></p>}
          <p>
            <button type="button" className="button-link" onClick={() => setRegistering(true)} data-testid="named-register">{t('cases.named.registerOpen')}</button>
          </p>
        </>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="named-form">
        <div className="filters">
          <Field id="named-found-by" label={t('cases.named.foundBy')}>
            {(describedBy) => (
              <select id="named-found-by" value={foundBy} aria-describedby={describedBy} onChange={(e) => setFoundBy(e.target.value as 'named' | 'imported')}>
                <option value="named">{t('cases.foundBy.named')}</option>
                <option value="imported">{t('cases.foundBy.imported')}</option>
              </select>
            )}
          </Field>
          <Field id="named-last" label={t('cases.named.lastAt')} error={fields.lastExposureAt}>
            {(describedBy) => <input id="named-last" type="datetime-local" value={lastAt} aria-describedby={describedBy} onChange={(e) => setLastAt(e.target.value)} />}
          </Field>
          <Field id="named-note" label={t('cases.named.note')} error={fields.note}>
            {(describedBy) => <input id="named-note" value={note} maxLength={1000} aria-describedby={describedBy} onChange={(e) => setNote(e.target.value)} />}
          </Field>
        </div>
        {error !== undefined && Object.keys(fields).length === 0 && <ErrorNotice error={error} />}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy || registering}>{busy ? t('cases.working') : t('cases.named.submit')}</button>
          <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
