import { useState } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading, Pagination, SuccessNotice } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { dismissDuplicate, listDuplicates, type Person } from './api';
import { DuplicatePairCard, type PairSide } from './DuplicatePairCard';
import { MergeDialog } from './MergeDialog';

const PAGE_SIZE = 10;

export default function DuplicatesScreen() {
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const { data, error, loading, reload } = useAsync((signal) => listDuplicates({ limit: PAGE_SIZE, offset }, signal), [offset]);
  const [merging, setMerging] = useState<{ survivor: PairSide; merged: PairSide } | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>();

  const dismiss = async (a: Person, b: Person) => {
    setBusy(true);
    setMessage(null);
    setActionError(undefined);
    try {
      await dismissDuplicate(a.id, b.id);
      setMessage(t('dup.dismissed'));
      reload();
    } catch (cause) {
      setActionError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="dup-title">
      <h1 id="dup-title">{t('dup.title')}</h1>
      <p className="muted">
        {t('dup.intro')} {t('dup.sameHint')}
      </p>
      {message && <SuccessNotice>{message}</SuccessNotice>}
      {actionError !== undefined && <ErrorNotice error={actionError} />}
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && data.items.length === 0 && <p>{t('dup.none')}</p>}
      {data?.items.map((pair, i) => (
        <DuplicatePairCard
          key={`${pair.a.id}:${pair.b.id}`}
          pair={pair}
          index={data.offset + i + 1}
          busy={busy}
          onMerge={(survivor, merged) => setMerging({ survivor, merged })}
          onDismiss={() => void dismiss(pair.a, pair.b)}
        />
      ))}
      {data && data.total > data.limit && (
        <Pagination total={data.total} limit={data.limit} offset={data.offset} onOffset={setOffset} />
      )}
      {merging && (
        <MergeDialog
          survivor={merging.survivor}
          merged={merging.merged}
          onCancel={() => setMerging(null)}
          onDone={(count) => {
            setMerging(null);
            setMessage(t('dup.merged', { count }));
            reload();
          }}
        />
      )}
    </section>
  );
}
