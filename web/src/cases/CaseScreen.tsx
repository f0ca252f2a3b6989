// Staff: one case: its facts and infectious window, finding its contacts (place and time, household,
// named by the case), reviewing them in bulk, publishing and withdrawing exposure notices and its
// transmission chain. With ?contact={id} the page shows that contact's record instead (ContactScreen).
import { useState } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { Link, useLocation } from '../lib/router';
import { ErrorNotice, Loading, SuccessNotice } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { ReasonForm, useReadReason } from '../venues/ReadReason';
import { getCase, proposeContacts, type Case, type ProposeResult } from './api';
import { ChainView } from './ChainView';
import { ContactScreen } from './ContactScreen';
import { ContactsPanel } from './ContactsPanel';
import { NamedContact } from './NamedContact';
import { NoticesPanel } from './NoticesPanel';
import { ReasonPrompt } from './ReasonPrompt';
import './cases.css';

export default function CaseScreen({ id }: { id: string }) {
  const contactId = useLocation().search.get('contact');
  return contactId ? <ContactScreen key={contactId} caseId={id} contactId={contactId} /> : <CaseRecord id={id} />;
}

function CaseRecord({ id }: { id: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const found = useAsync((signal) => getCase(id, signal), [id]);
  const [reason, setReason] = useReadReason();
  const [proposed, setProposed] = useState<ProposeResult | null>(null);
  const [generation, setGeneration] = useState(0);
  const [showChain, setShowChain] = useState(false);

  if (found.error !== undefined) return <ErrorNotice error={found.error} onRetry={found.reload} />;
  if (!found.data) return <Loading />;
  const c = found.data;

  const propose = async (why: string) => {
    setProposed(await proposeContacts(id, why));
    if (!reason) setReason(why);
    setGeneration((n) => n + 1);
  };

  return (
    <section aria-labelledby="case-title" data-testid="case-screen">
      <p><Link to="/staff/cases">‹ {t('cases.back')}</Link></p>
      <h1 id="case-title">{t('cases.caseOf', { name: c.personName })}</h1>
      <CaseFacts c={c} />
      {can('tracing:run') && (
        <section className="card" aria-labelledby="propose-title">
          <h2 id="propose-title">{t('cases.propose.title')}</h2>
          <p className="muted">{t('cases.propose.intro')}</p>
          <ReasonPrompt id="propose" label={t('cases.propose.run')} initial={reason} run={propose} primary />
          {proposed && (
            <SuccessNotice>
              <span data-testid="propose-result">{t('cases.propose.done', { found: proposed.items.length, added: proposed.added, updated: proposed.updated, visits: proposed.exposureVisits })}</span>
            </SuccessNotice>
          )}
        </section>
      )}
      {reason ? (
        <>
          <p className="muted decl-reason-line">
            {t('staffDecl.readingAs', { reason })}{' '}
            <button type="button" className="button-link" onClick={() => setReason('')}>{t('staffDecl.changeReason')}</button>
          </p>
          <ContactsPanel caseId={id} reason={reason} generation={generation} />
          {can('tracing:run') && <NamedContact caseId={id} onAdded={() => setGeneration((n) => n + 1)} />}
        </>
      ) : (
        <ReasonForm onReason={setReason} />
      )}
      <NoticesPanel caseId={id} reason={reason} />
      <section className="card" aria-labelledby="chain-title">
        <h2 id="chain-title">{t('cases.chain.title')}</h2>
        {showChain && reason ? (
          <ChainView caseId={id} reason={reason} />
        ) : (
          <button type="button" className="button-secondary" disabled={!reason} onClick={() => setShowChain(true)} data-testid="chain-open">
            {t('cases.chain.show')}
          </button>
        )}
      </section>
    </section>
  );
}

function CaseFacts({ c }: { c: Case }) {
  const { t } = useI18n();
  const rows: [string, string][] = [
    [t('cases.col.status'), t(`cases.status.${c.status}`)],
    [t('cases.col.confirmedAt'), formatDateTime(c.confirmedAt ?? c.reportedAt)],
    [t('cases.form.onsetDate'), c.onsetDate ? formatDate(c.onsetDate) : '—'],
    [t('cases.col.source'), t(`cases.source.${c.source}`)],
    [t('cases.col.window'), `${formatDateTime(c.infectiousFrom)} – ${formatDateTime(c.infectiousTo)}`],
  ];
  return (
    <dl className="card case-facts" data-testid="case-facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
