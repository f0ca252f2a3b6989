// Choosing a person for a case or a contact: search by name, phone or CCCD (or paste a record id), then
// pick one of the people found.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import { ErrorNotice, Field } from '../lib/ui';
import { searchPeople, type Person } from '../people/api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ChosenPerson {
  id: string;
  label: string;
}

export const personLabel = (p: Pick<Person, 'fullName' | 'birthDate' | 'birthYear'>) => `${p.fullName} (${p.birthDate ? formatDate(p.birthDate) : p.birthYear})`;

interface Props {
  /** id of the search box; also the prefix of the test ids */
  id: string;
  label: string;
  error?: string;
  chosen: ChosenPerson | null;
  onChoose: (person: ChosenPerson) => void;
}

export function PersonSearch({ id, label, error, chosen, onChoose }: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const [failure, setFailure] = useState<unknown>();

  const search = async () => {
    const q = query.trim();
    if (!q) return;
    if (UUID.test(q)) {
      onChoose({ id: q, label: q });
      setFound(null);
      return;
    }
    try {
      setFound((await searchPeople({ q, limit: 10, offset: 0 })).items);
      setFailure(undefined);
    } catch (cause) {
      setFailure(cause);
    }
  };

  return (
    <>
      <Field id={id} label={label} hint={t('cases.form.personHint')} error={error}>
        {(describedBy) => (
          <div className="search-row">
            <input id={id} type="search" value={query} aria-describedby={describedBy} onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); void search(); } }} />
            <button type="button" className="button-secondary" onClick={() => void search()}>{t('common.search')}</button>
          </div>
        )}
      </Field>
      {failure !== undefined && <ErrorNotice error={failure} />}
      {found && found.length === 0 && <p className="muted">{t('people.noResults')}</p>}
      {found && found.length > 0 && (
        <ul className="case-person-results" aria-label={t('cases.form.results')}>
          {found.map((p) => (
            <li key={p.id}>
              <button type="button" className="button-secondary button-small" aria-pressed={chosen?.id === p.id} onClick={() => onChoose({ id: p.id, label: personLabel(p) })}>
                {p.fullName} · {p.birthDate ? formatDate(p.birthDate) : p.birthYear}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && <p data-testid={`${id}-chosen`}><strong>{t('cases.form.chosen')}</strong> {chosen.label}</p>}
    </>
  );
}
