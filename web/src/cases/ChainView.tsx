// The transmission chain around a case, ordered by date: cases (with the hops from this one) and their
// contacts, and the case-to-case edges labelled by how the contact happened. Read with a reason (audited).
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { getChain, type ChainNode } from './api';

export function ChainView({ caseId, reason }: { caseId: string; reason: string }) {
  const { t } = useI18n();
  const chain = useAsync((signal) => getChain(caseId, reason, signal), [caseId, reason]);
  if (chain.error !== undefined) return <ErrorNotice error={chain.error} onRetry={chain.reload} />;
  if (!chain.data) return <Loading />;
  const { nodes, edges, truncated } = chain.data;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const name = (id: string) => byId.get(id)?.label ?? '?';
  return (
    <div data-testid="chain-view">
      {truncated && <p className="notice notice-info">{t('cases.chain.truncated')}</p>}
      <ol className="chain-list">
        {nodes.map((node) => <NodeItem key={node.id} node={node} here={node.id === caseId} />)}
      </ol>
      <h3>{t('cases.chain.edges')}</h3>
      {edges.length === 0 ? (
        <p className="muted">{t('cases.chain.noEdges')}</p>
      ) : (
        <ul className="case-list" data-testid="chain-edges">
          {edges.map((e) => (
            <li key={e.contactId}>
              {name(e.from)} → {name(e.to)} · {t(`cases.foundBy.${e.how}`)}{e.date && ` · ${formatDateTime(e.date)}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NodeItem({ node, here }: { node: ChainNode; here: boolean }) {
  const { t } = useI18n();
  const status = node.kind === 'case' ? t(`cases.status.${node.status as 'active'}`) : t(`cases.contactStatus.${node.status as 'candidate'}`);
  const label = node.kind === 'case' && node.inScope && !here ? <Link to={`/staff/cases/${node.id}`}>{node.label}</Link> : node.label;
  return (
    <li className={`chain-node chain-${node.kind}`} data-testid="chain-node" aria-current={here || undefined}>
      <span className="chain-date">{node.date ? formatDateTime(node.date) : '—'}</span>
      <span>
        <strong>{label}</strong>{' '}
        <span className="badge">{node.kind === 'case' ? t('cases.chain.case') : node.degree}</span>{' '}
        {status}
        {node.kind === 'case' && node.hops !== null && node.hops > 0 && ` · ${t('cases.chain.hops', { n: node.hops })}`}
      </span>
    </li>
  );
}
