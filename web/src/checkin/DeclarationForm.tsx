// A health declaration: the answers, the person (the saved details, or typed here the first time),
// sent with one id per declaration so that a retry after a lost answer is the same declaration.
import { useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { localiseServerMessage } from '../i18n/serverMessages';
import { ApiError, NetworkError } from '../lib/api';
import { errorText } from '../lib/ui';
import { createDeclaration, type DeclarationBody, type DeclarationReceipt, type PublicVenue } from './api';
import { ANSWER_ORDER, DeclarationFields } from './DeclarationFields';
import { answerErrorsFrom, answerProblems, answersBody, emptyAnswers, type AnswerErrors } from './declaration';
import { DeclarationResult } from './DeclarationResult';
import { focusFirstError, PersonFields } from './PersonFields';
import { rememberDeclaration, saveMe, savePersonCode, store, useStore } from './storage';
import { newId } from './sync';
import { draftErrorsFrom, personProblems, toDraft, toPerson, type DraftErrors } from './validate';

interface Props {
  /** the checkpoint's or venue's code, when declaring there */
  venueCode?: string;
  venue?: PublicVenue;
  /** shown under the result, e.g. "make another declaration" */
  after?: ReactNode;
}

async function send(body: Omit<DeclarationBody, 'personCode' | 'person'>): Promise<DeclarationReceipt> {
  const me = store().me!;
  try {
    return await createDeclaration({ ...body, ...(me.personCode ? { personCode: me.personCode } : { person: me.person }) });
  } catch (error) {
    // A personal code the server no longer knows: the saved details still identify the person.
    if (me.personCode && error instanceof ApiError && error.fields.personCode) return createDeclaration({ ...body, person: me.person });
    throw error;
  }
}

export function DeclarationForm({ venueCode, venue, after }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useStore();
  const kinds = venue && venue.kind !== 'entry_checkpoint' ? (['general'] as const) : venue ? (['entry', 'general'] as const) : (['general', 'entry'] as const);
  const [draft, setDraft] = useState(() => emptyAnswers(kinds[0]));
  const [person, setPerson] = useState(() => toDraft(undefined));
  const [errors, setErrors] = useState<AnswerErrors>({});
  const [personErrors, setPersonErrors] = useState<DraftErrors>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<DeclarationReceipt>();
  const pendingId = useRef<string | null>(null);
  const withDate = !venueCode;

  const showErrors = (answers: AnswerErrors, people: DraftErrors) => {
    setErrors(answers);
    setPersonErrors(people);
    const first = ANSWER_ORDER.find((field) => answers[field]);
    if (Object.keys(people).length > 0) focusFirstError('decl-person', people);
    else if (first) requestAnimationFrame(() => document.getElementById(`decl-${first}`)?.focus());
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const answers = answerProblems(draft, withDate, t);
    const people = me ? {} : personProblems(person, t);
    if (Object.keys(answers).length > 0 || Object.keys(people).length > 0) return showErrors(answers, people);
    if (!me) saveMe({ person: toPerson(person), personCode: null });
    pendingId.current ??= newId();
    setBusy(true);
    try {
      const answer = await send({ id: pendingId.current, ...answersBody(draft, venueCode) });
      pendingId.current = null;
      savePersonCode(answer.personCode);
      rememberDeclaration({ receipt: answer, venueName: venue?.name ?? null });
      setReceipt(answer);
    } catch (error) {
      // Refused: nothing was stored, the next try is a new declaration. No answer: retry with the same id.
      if (!(error instanceof NetworkError) && !(error instanceof ApiError && error.status >= 500)) pendingId.current = null;
      const localise = (m: string) => localiseServerMessage(m, i18n.lang);
      const fields = error instanceof ApiError ? error.fields : {};
      const answerErrors = answerErrorsFrom(fields, localise);
      const personFieldErrors = me ? {} : draftErrorsFrom(fields, localise);
      if (Object.keys(answerErrors).length + Object.keys(personFieldErrors).length > 0) showErrors(answerErrors, personFieldErrors);
      else setFailure(errorText(error, i18n));
    }
    setBusy(false);
  };

  if (receipt) {
    return (
      <>
        <DeclarationResult stored={{ receipt, venueName: venue?.name ?? null }} focus />
        {after}
      </>
    );
  }

  return (
    <form className="checkin-form" onSubmit={(event) => void submit(event)} noValidate data-testid="declaration-form">
      {!me && (
        <div className="checkin-group">
          <h3>{t('checkin.declare.aboutYou')}</h3>
          <PersonFields prefix="decl-person" draft={person} errors={personErrors} onChange={(change) => setPerson({ ...person, ...change })} />
          <p className="checkin-privacy">{t('checkin.privacy')}</p>
        </div>
      )}
      {me && <p className="checkin-who">{t('checkin.as', { name: me.person.fullName })}</p>}
      <DeclarationFields prefix="decl" draft={draft} errors={errors} kinds={[...kinds]} withDate={withDate} onChange={(change) => setDraft({ ...draft, ...change })} />
      <p className="checkin-note">{t('checkin.declare.truthful')}</p>
      <div aria-live="assertive">
        {failure && (
          <p className="notice notice-error" role="alert">
            {failure}
          </p>
        )}
      </div>
      <button type="submit" className="button-primary checkin-big-button" disabled={busy}>
        {busy ? t('checkin.declare.sending') : t('checkin.declare.send')}
      </button>
    </form>
  );
}
