// Public exposure notices of a case: the venues and times citizens' phones compare with their own
// check-ins. Publishing and withdrawing are audited with a reason; notices carry no personal data. A
// withdrawn notice (published by mistake, a wrong time) leaves the open list at once and stays here, marked.
import { useState } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { ErrorNotice, SuccessNotice } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { listNotices, publishNotices, withdrawNotice, type Notice } from './api';
import { ReasonPrompt } from './ReasonPrompt';

export function NoticesPanel({ caseId, reason }: { caseId: string; reason: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const notices = useAsync((signal) => listNotices(caseId, signal), [caseId]);
  const [done, setDone] = useState<string | null>(null);
  const items = notices.data?.items ?? [];

  const publish = async (why: string) => {
    const answer = await publishNotices(caseId, why);
    setDone(t('cases.notices.done', { published: answer.published, updated: answer.updated }));
    notices.reload();
  };
  const withdraw = async (notice: Notice, why: string) => {
    await withdrawNotice(notice.id, why);
    setDone(t('cases.notices.withdrawnDone', { venue: notice.venueName }));
    notices.reload();
  };

  return (
    <section className="card" aria-labelledby="notices-title" data-testid="notices-panel">
      <h2 id="notices-title">{t('cases.notices.title')}</h2>
      <p className="muted">{t('cases.notices.intro')}</p>
      {notices.error !== undefined && <ErrorNotice error={notices.error} onRetry={notices.reload} />}
      {notices.data && items.length === 0 && <p className="muted">{t('cases.notices.none')}</p>}
      {items.length > 0 && (
        <ul className="case-list notice-list" data-testid="notices-list">
          {items.map((n) => (
            <li key={n.id} data-testid="notice-item" data-status={n.status}>
              <strong>{n.venueName}</strong> · {formatDateTime(n.from)} – {formatDateTime(n.to)}
              {n.status === 'withdrawn' ? (
                <>
                  {' '}<span className="badge">{t('cases.notices.withdrawn')}</span>
                  {n.withdrawReason && <small className="muted notice-why">{t('cases.notices.why', { reason: n.withdrawReason, at: formatDateTime(n.withdrawnAt) })}</small>}
                </>
              ) : can('cases:write') && (
                <ReasonPrompt id={`withdraw-${n.id}`} label={t('cases.notices.withdraw')} run={(why) => withdraw(n, why)} />
              )}
            </li>
          ))}
        </ul>
      )}
      {done && <SuccessNotice><span data-testid="notices-done">{done}</span></SuccessNotice>}
      {can('cases:write') && <ReasonPrompt id="publish" label={t('cases.notices.publish')} initial={reason} run={publish} />}
    </section>
  );
}
