// The transmission chain in words, ordered by date: the accessible alternative to the graph and the map.
// Cases (with the hops from this one) and contacts, each opening its record, then the links, each with
// how the contact happened, where and when.
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { type Chain, type ChainNode, type VenueBrief } from './chainApi';
import { nodeStatus } from './chainText';
import { recordPath } from './paths';

export function ChainList({ chain, venues, hostCaseId }: { chain: Chain; venues: ReadonlyMap<string, VenueBrief>; hostCaseId: string }) {
  const { t } = useI18n();
  const byId = new Map(chain.nodes.map((n) => [n.id, n]));
  const name = (id: string) => byId.get(id)?.label ?? '?';
  return (
    <>
      <h3 id="chain-list-title">{t('cases.chain.byDate')}</h3>
      <ol className="chain-list" aria-labelledby="chain-list-title">
        {chain.nodes.map((node) => <NodeItem key={node.id} node={node} hostCaseId={hostCaseId} />)}
      </ol>
      <h3>{t('cases.chain.edges')}</h3>
      {chain.edges.length === 0 ? (
        <p className="muted">{t('cases.chain.noEdges')}</p>
      ) : (
        <ul className="case-list" data-testid="chain-edges">
          {chain.edges.map((e) => {
            const venue = e.venueId ? venues.get(e.venueId)?.name : undefined;
            return (
              <li key={e.contactId}>
                {name(e.from)} → {name(e.to)} · {t(`cases.foundBy.${e.how}`)}{venue && ` · ${venue}`}{e.date && ` · ${formatDateTime(e.date)}`}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function NodeItem({ node, hostCaseId }: { node: ChainNode; hostCaseId: string }) {
  const { t } = useI18n();
  const here = node.id === hostCaseId;
  const path = here ? null : recordPath(node, hostCaseId);
  return (
    <li className={`chain-node chain-${node.kind}`} data-testid="chain-node" aria-current={here || undefined}>
      <span className="chain-date">{node.date ? formatDateTime(node.date) : '—'}</span>
      <span>
        <strong>{path ? <Link to={path}>{node.label}</Link> : node.label}</strong>{' '}
        <span className="badge">{node.kind === 'case' ? t('cases.chain.case') : node.degree}</span>{' '}
        {nodeStatus(node, t)}
        {node.kind === 'case' && node.hops !== null && node.hops > 0 && ` · ${t('cases.chain.hops', { n: node.hops })}`}
        {node.kind === 'case' && !node.inScope && ` · ${t('cases.chain.otherUnit')}`}
        {node.becameCaseId && ` · ${t('cases.chain.becameCase')}`}
      </span>
    </li>
  );
}
