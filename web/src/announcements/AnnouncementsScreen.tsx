// Public list of announcements and documents: search, filters, pages, the Atom feed.
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import { Link } from '../lib/router';
import { ErrorNotice, Loading, Pagination } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { useLiveEvents } from '../map/live';
import { ANNOUNCEMENT_KINDS, FEED_URL, listAnnouncements, type AnnouncementQuery } from './api';
import './announcements.css';

const LIMIT = 20;

export default function AnnouncementsScreen() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<AnnouncementQuery>({});
  const [query, setQuery] = useState<AnnouncementQuery>({});
  const [offset, setOffset] = useState(0);
  const { data, error, loading, reload } = useAsync((signal) => listAnnouncements({ ...query, limit: LIMIT, offset }, signal), [query, offset]);
  useLiveEvents(['announcements'], reload);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setOffset(0);
    setQuery(draft);
  };

  return (
    <div data-testid="announcements">
      <div className="announcement-head">
        <h1>{t('ann.title')}</h1>
        <a href={FEED_URL} type="application/atom+xml">
          {t('ann.feed')}
        </a>
      </div>
      <form className="announcement-filters" onSubmit={submit} role="search">
        <div className="field">
          <label htmlFor="ann-q">{t('common.search')}</label>
          <input id="ann-q" type="search" value={draft.q ?? ''} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder={t('ann.searchHint')} />
        </div>
        <div className="field">
          <label htmlFor="ann-kind">{t('ann.kind')}</label>
          <select id="ann-kind" value={draft.kind ?? ''} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
            <option value="">{t('ann.allKinds')}</option>
            {ANNOUNCEMENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`ann.kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ann-from">{t('ann.from')}</label>
          <input id="ann-from" type="date" value={draft.from ?? ''} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="ann-to">{t('ann.to')}</label>
          <input id="ann-to" type="date" value={draft.to ?? ''} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <button type="submit" className="button-primary">
          {t('common.search')}
        </button>
      </form>
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          <p className="muted" data-testid="announcements-total">
            {t('common.results', { total: data.total })}
          </p>
          {data.items.length === 0 && <p>{t('ann.none')}</p>}
          <ul className="announcement-list">
            {data.items.map((item) => (
              <li key={item.id} className="announcement-item">
                <p className="announcement-meta">
                  <span className="announcement-kind">{t(`ann.kind.${item.kind}`)}</span>
                  {[item.documentNumber, formatDate(item.documentDate ?? item.publishedAt), item.issuingBody].filter(Boolean).join(' · ')}
                </p>
                <h2>
                  <Link to={`/announcements/${item.id}`}>{item.title}</Link>
                </h2>
                <p>{item.excerpt}</p>
                {item.attachmentCount > 0 && <p className="announcement-meta">📎 {t('ann.attachmentCount', { count: item.attachmentCount })}</p>}
              </li>
            ))}
          </ul>
          {data.total > LIMIT && <Pagination total={data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
        </>
      )}
    </div>
  );
}
