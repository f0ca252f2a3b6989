// Confirmed cases proposed by individual positive results: health staff accept one (the case is
// created with the result's time) or dismiss it with a reason.
import { useEffect, useState } from 'react';
import { useSession } from '../auth/session';
import { ReasonPrompt } from '../cases/ReasonPrompt';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { ErrorNotice, Loading, Pagination } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { acceptProposal, dismissProposal, listProposals, type CaseProposal, type ProposalStatus } from './labApi';
import { ctText } from './TubeHistory';

const PAGE_SIZE = 20;

function ProposalCard({ proposal, onChanged }: { proposal: CaseProposal; onChanged: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [error, setError] = useState<unknown>();
  const decide = can('testing:manage') && can('cases:write') && proposal.status === 'open';
  const accept = async () => {
    setError(undefined);
    try {
      await acceptProposal(proposal.id);
      onChanged();
    } catch (cause) {
      setError(cause);
    }
  };
  return (
    <li className="card" data-testid="proposal" data-status={proposal.status}>
      <h3>{proposal.personName}</h3>
      <p>
        <span className="outcome outcome-positive">{t('testing.outcome.positive')}</span> {t(`testing.testType.${proposal.testType}`)} · {t('collect.tube')}{' '}
        <span className="mono">{proposal.tubeBarcode}</span>
        {proposal.ctValues && <> · <span className="mono">{ctText(proposal.ctValues)}</span></>}
      </p>
      <p className="muted">{t('lab.proposalTimes', { sampled: formatDateTime(proposal.sampledAt), resulted: formatDateTime(proposal.resultedAt) })}</p>
      {proposal.status === 'accepted' && proposal.caseId && <p><Link to={`/staff/cases/${proposal.caseId}`}>{t('lab.proposalCase')}</Link></p>}
      {proposal.status === 'dismissed' && <p className="muted">{t('lab.proposalDismissed', { reason: proposal.dismissReason ?? '' })}</p>}
      {error !== undefined && <ErrorNotice error={error} />}
      {decide && (
        <div className="actions">
          <button type="button" className="button-primary" onClick={() => void accept()} data-testid="proposal-accept">{t('lab.proposalAccept')}</button>
          <ReasonPrompt id={`dismiss-${proposal.id}`} label={t('lab.proposalDismiss')} run={async (reason) => { await dismissProposal(proposal.id, reason); onChanged(); }} />
        </div>
      )}
    </li>
  );
}

export function LabProposals() {
  const { t } = useI18n();
  const [status, setStatus] = useState<ProposalStatus>('open');
  const [offset, setOffset] = useState(0);
  const proposals = useAsync((signal) => listProposals({ status, limit: PAGE_SIZE, offset }, signal), [status, offset]);
  const items = proposals.data?.items ?? [];
  // an individual positive announces its proposal (ids only) as it commits: the list refreshes
  const { reload } = proposals;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events?types=testing.case_proposed');
    source.addEventListener('testing.case_proposed', () => reload());
    return () => source.close();
  }, [reload]);
  return (
    <div data-testid="lab-proposals">
      <div className="filters">
        <div className="field">
          <label htmlFor="proposals-status">{t('sessions.col.status')}</label>
          <select id="proposals-status" value={status} onChange={(e) => { setOffset(0); setStatus(e.target.value as ProposalStatus); }}>
            <option value="open">{t('lab.proposalStatus.open')}</option>
            <option value="accepted">{t('lab.proposalStatus.accepted')}</option>
            <option value="dismissed">{t('lab.proposalStatus.dismissed')}</option>
          </select>
        </div>
      </div>
      {proposals.error !== undefined && <ErrorNotice error={proposals.error} onRetry={proposals.reload} />}
      {proposals.loading && !proposals.data && <Loading />}
      {proposals.data && items.length === 0 && <p className="muted">{t('lab.proposalsNone')}</p>}
      {items.length > 0 && <ul className="plain-list">{items.map((p) => <ProposalCard key={p.id} proposal={p} onChanged={proposals.reload} />)}</ul>}
      {proposals.data && proposals.data.total > PAGE_SIZE && <Pagination total={proposals.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />}
    </div>
  );
}
