// Acting on the chosen contacts at once (confirm, reject, order a test, order quarantine, notify): one
// request, all or nothing. The answer is shown per contact; a refusal names the contacts it concerns.
import { useState, type SubmitEvent } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { ErrorNotice } from '../lib/ui';
import { localiseServerMessage } from '../i18n/serverMessages';
import { ACTIONS, contactActions, type ActionResult, type ActionsBody, type Contact, type ContactAction } from './api';
import { vietnamDay } from './time';

/** Health officers' decisions; confirming and rejecting are the tracers' daily work. */
const NEEDS: Record<ContactAction, 'tracing:run' | 'cases:write'> = {
  confirm: 'tracing:run', reject: 'tracing:run', order_test: 'cases:write', order_quarantine: 'cases:write', notify: 'cases:write',
};

interface Problem { name: string; text: string }

/** `contactIds[1]: why` → the name of the second contact sent, and why. */
export function problemsOf(error: ApiError, ids: string[], byId: Map<string, Contact>): Problem[] {
  return Object.entries(error.fields).map(([field, text]) => {
    const index = /^contactIds\[(\d+)\]$/.exec(field)?.[1];
    const contact = index === undefined ? undefined : byId.get(ids[Number(index)] ?? '');
    return { name: contact?.personName ?? field, text };
  });
}

export function BulkActions({ caseId, selected, byId, onDone }: { caseId: string; selected: string[]; byId: Map<string, Contact>; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const allowed = ACTIONS.filter((a) => can(NEEDS[a]));
  const [action, setAction] = useState<ContactAction>(allowed[0] ?? 'confirm');
  const [kind, setKind] = useState<'home' | 'facility'>('home');
  const [from, setFrom] = useState(() => vietnamDay());
  const [to, setTo] = useState(() => vietnamDay(13));
  const [place, setPlace] = useState('');
  const [site, setSite] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<{ action: ContactAction; items: ActionResult[] } | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<unknown>();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (selected.length === 0) return;
    const body: ActionsBody = { contactIds: selected, action };
    if (action === 'order_quarantine') body.quarantine = { kind, from, to, ...(place.trim() ? { place: place.trim() } : {}) };
    if (action === 'order_test') body.test = { dueOn: from, ...(site.trim() ? { site: site.trim() } : {}) };
    setBusy(true);
    setResults(null);
    setProblems([]);
    setError(undefined);
    try {
      const answer = await contactActions(caseId, body);
      setResults({ action: answer.action, items: answer.results });
      onDone();
    } catch (cause) {
      const named = cause instanceof ApiError ? problemsOf(cause, selected, byId) : [];
      setProblems(named);
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  if (allowed.length === 0) return null;
  return (
    <form className="card bulk-actions" onSubmit={(e) => void submit(e)} aria-labelledby="bulk-title" data-testid="bulk-actions">
      <h3 id="bulk-title">{t('cases.bulk.title', { count: selected.length })}</h3>
      <div className="filters">
        <div className="field">
          <label htmlFor="bulk-action">{t('cases.bulk.action')}</label>
          <select id="bulk-action" value={action} onChange={(e) => setAction(e.target.value as ContactAction)}>
            {allowed.map((a) => <option key={a} value={a}>{t(`cases.action.${a}`)}</option>)}
          </select>
        </div>
        {action === 'order_quarantine' && (
          <div className="field">
            <label htmlFor="bulk-kind">{t('cases.bulk.kind')}</label>
            <select id="bulk-kind" value={kind} onChange={(e) => setKind(e.target.value as 'home' | 'facility')}>
              <option value="home">{t('cases.bulk.kind.home')}</option>
              <option value="facility">{t('cases.bulk.kind.facility')}</option>
            </select>
          </div>
        )}
        {(action === 'order_quarantine' || action === 'order_test') && (
          <div className="field">
            <label htmlFor="bulk-from">{action === 'order_test' ? t('cases.bulk.dueOn') : t('cases.bulk.from')}</label>
            <input id="bulk-from" type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
          </div>
        )}
        {action === 'order_quarantine' && (
          <>
            <div className="field">
              <label htmlFor="bulk-to">{t('cases.bulk.to')}</label>
              <input id="bulk-to" type="date" value={to} min={from} required onChange={(e) => setTo(e.target.value)} />
            </div>
            <div className="field field-grow">
              <label htmlFor="bulk-place">{kind === 'facility' ? t('cases.bulk.facility') : t('cases.bulk.homePlace')}</label>
              <input id="bulk-place" value={place} required={kind === 'facility'} maxLength={200} onChange={(e) => setPlace(e.target.value)} />
            </div>
          </>
        )}
        {action === 'order_test' && (
          <div className="field field-grow">
            <label htmlFor="bulk-site">{t('cases.bulk.site')}</label>
            <input id="bulk-site" value={site} maxLength={200} onChange={(e) => setSite(e.target.value)} />
          </div>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy || selected.length === 0}>
          {busy ? t('cases.working') : t('cases.bulk.apply', { action: t(`cases.action.${action}`), count: selected.length })}
        </button>
      </div>
      {error !== undefined && problems.length === 0 && <ErrorNotice error={error} />}
      {problems.length > 0 && (
        <div className="notice notice-error bulk-notice" role="alert" data-testid="bulk-problems">
          <p>{t('cases.bulk.refused')}</p>
          <ul>{problems.map((p) => <li key={`${p.name} ${p.text}`}><strong>{p.name}</strong>: {localiseServerMessage(p.text, lang)}</li>)}</ul>
        </div>
      )}
      {results && (
        <div className="notice notice-success bulk-notice" role="status" data-testid="bulk-results">
          <p>{t('cases.bulk.done', { action: t(`cases.action.${results.action}`), count: results.items.length })}</p>
          <ul>
            {results.items.map((r) => (
              <li key={r.contactId} data-testid="bulk-result">
                <strong>{byId.get(r.contactId)?.personName ?? r.contactId}</strong>: {t(`cases.contactStatus.${r.status}`)}
                {' · '}{r.changed ? t('cases.bulk.changed') : t('cases.bulk.unchanged')}
                {r.messages > 0 && ` · ${t('cases.bulk.messages', { count: r.messages })}`}
                {r.note && ` · ${localiseServerMessage(r.note, lang)}`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
