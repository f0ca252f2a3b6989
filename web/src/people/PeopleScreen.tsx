import { useEffect, useState, type SubmitEvent } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatNumber } from '../lib/format';
import { Link, navigate, useLocation } from '../lib/router';
import { ErrorNotice, Loading, Pagination } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { searchPeople } from './api';
import { PeopleTable } from './PeopleTable';

const PAGE_SIZE = 20;

function peopleUrl(q: string, offset: number): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (offset > 0) params.set('offset', String(offset));
  const text = params.toString();
  return text ? `/people?${text}` : '/people';
}

export default function PeopleScreen() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const offset = Math.max(0, Number(search.get('offset')) || 0);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const { data, error, loading, reload } = useAsync(
    (signal) => searchPeople({ q: q || undefined, limit: PAGE_SIZE, offset }, signal),
    [q, offset],
  );

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    navigate(peopleUrl(draft.trim(), 0));
  };

  return (
    <section aria-labelledby="people-title">
      <div className="page-head">
        <h1 id="people-title">{t('people.title')}</h1>
        {can('people:write') && (
          <Link to="/people/new" className="button button-primary">
            + {t('people.new')}
          </Link>
        )}
      </div>
      <form className="search-bar" role="search" onSubmit={submit}>
        <label htmlFor="people-q">{t('people.searchLabel')}</label>
        <div className="search-row">
          <input
            id="people-q"
            type="search"
            name="q"
            value={draft}
            placeholder={t('people.searchPlaceholder')}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button-primary">
            {t('common.search')}
          </button>
        </div>
      </form>
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <div aria-busy={loading} className={loading ? 'stale' : undefined}>
          <p className="muted" aria-live="polite" data-testid="people-total">
            {t('common.results', { total: formatNumber(data.total, locale) })}
          </p>
          {data.items.length === 0 ? (
            <p>{t('people.noResults')}</p>
          ) : (
            <PeopleTable people={data.items} caption={t('people.title')} />
          )}
          {data.total > data.limit && (
            <Pagination
              total={data.total}
              limit={data.limit}
              offset={data.offset}
              onOffset={(next) => navigate(peopleUrl(q, next))}
            />
          )}
        </div>
      )}
    </section>
  );
}
