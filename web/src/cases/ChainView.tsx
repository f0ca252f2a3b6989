// The transmission chain around a case (read with a reason, audited): the graph, the same in words
// ordered by date, and on request the same chain on the map (a second audited read). The edges carry
// their venues' names and places.
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { getChain, venuesOf } from './chainApi';
import { ChainList } from './ChainList';

const ChainGraph = lazy(() => import('./ChainGraph'));
const ChainMap = lazy(() => import('./ChainMap'));

export function ChainView({ caseId, reason }: { caseId: string; reason: string }) {
  const { t } = useI18n();
  const [onMap, setOnMap] = useState(false);
  const chain = useAsync(async (signal) => {
    const answer = await getChain(caseId, reason, signal);
    return { chain: answer, venues: venuesOf(answer.edges) };
  }, [caseId, reason]);
  if (chain.error !== undefined) return <ErrorNotice error={chain.error} onRetry={chain.reload} />;
  if (!chain.data) return <Loading />;
  const { chain: data, venues } = chain.data;
  return (
    <div data-testid="chain-view">
      {data.truncated && <p className="notice notice-info">{t('cases.chain.truncated')}</p>}
      <p className="muted">{t('cases.chain.howToRead')}</p>
      <Suspense fallback={<Loading />}>
        <ChainGraph chain={data} venues={venues} hostCaseId={caseId} />
      </Suspense>
      <h3 id="chain-map-title">{t('cases.chainMap.title')}</h3>
      {onMap ? (
        <Suspense fallback={<Loading />}>
          <ChainMap chain={data} venues={venues} caseId={caseId} reason={reason} />
        </Suspense>
      ) : (
        <button type="button" className="button-secondary" onClick={() => setOnMap(true)} data-testid="chain-map-open">{t('cases.chainMap.show')}</button>
      )}
      <ChainList chain={data} venues={venues} hostCaseId={caseId} />
    </div>
  );
}
