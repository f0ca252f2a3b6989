// A walk-in: someone without a record (or whose code and ID are not at hand). The citizen's one-time
// details form is reused; the server finds the person by national ID, or phone, birth year and name,
// and registers them otherwise, when the sample arrives (so this works offline too).
import { useState, type SubmitEvent } from 'react';
import { focusFirstError, PersonFields } from '../checkin/PersonFields';
import { OUTSIDE, personProblems, toDraft, toPerson, type DraftErrors } from '../checkin/validate';
import { useI18n } from '../i18n';
import type { WalkIn } from './api';

interface Props {
  communeCode: string;
  onSubmit: (walkIn: WalkIn) => void;
  onCancel: () => void;
}

const PREFIX = 'walk-in';

export function WalkInForm({ communeCode, onSubmit, onCancel }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(() => ({ ...toDraft(undefined), commune: communeCode }));
  const [errors, setErrors] = useState<DraftErrors>({});

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const problems = personProblems(draft, t);
    // the person's commune decides whose staff see their results: a walk-in needs one in the province
    if (draft.commune === OUTSIDE) problems.commune = t('collect.walkInCommune');
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      focusFirstError(PREFIX, problems);
      return;
    }
    const person = toPerson(draft);
    onSubmit({
      fullName: person.fullName,
      birthYear: person.birthYear,
      phone: person.phone,
      communeCode: person.communeCode ?? communeCode,
      ...(person.nationalId ? { nationalId: person.nationalId } : {}),
    });
  };

  return (
    <form className="card walk-in-form" onSubmit={submit} noValidate aria-labelledby="walk-in-title" data-testid="walk-in-form">
      <h2 id="walk-in-title">{t('collect.walkInTitle')}</h2>
      <p className="muted">{t('collect.walkInIntro')}</p>
      <PersonFields prefix={PREFIX} draft={draft} errors={errors} onChange={(change) => setDraft({ ...draft, ...change })} />
      <div className="actions">
        <button type="submit" className="button-primary">{t('collect.walkInRecord')}</button>
        <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
