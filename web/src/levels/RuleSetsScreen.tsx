import './levels.css';
import { useState, type ReactNode } from 'react';
import { useSession } from '../auth/session';
import { useI18n, type Translate } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { Link, navigate, useLocation } from '../lib/router';
import { ErrorNotice, Loading, SuccessNotice } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { listRuleSets, type ConfirmationStatus, type RuleSetView } from './api';
import { indicatorLabel, levelName, unconfirmedText } from './labels';
import { levelsVi } from './messages';
import { RuleSetForm } from './RuleSetForm';
import { currentWeek } from './week';

export const ruleSetsUrl = (id?: string, create = false) => {
  const params = new URLSearchParams();
  if (id) params.set('id', id);
  if (create) params.set('new', '1');
  const query = params.toString();
  return `/levels/rule-sets${query ? `?${query}` : ''}`;
};

const percent = (locale: string, share: number) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(share * 100)}%`;

function componentName(t: Translate, component: string): string {
  const key = `levels.component.${component}`;
  return key in levelsVi ? t(key as keyof typeof levelsVi) : component;
}

function statusText(t: Translate, status: ConfirmationStatus): string {
  return t(`levels.rs.status.${status}`);
}

/** The rules of one set, each component marked when it is not confirmed against the official text. */
function RuleSetDetail({ rules }: { rules: RuleSetView }) {
  const { t, locale } = useI18n();
  const confirmation = rules.confirmation ?? {};
  const mark = (component: string) => {
    const item = confirmation[component];
    if (!item || item.status === 'confirmed') return null;
    return (
      <span className="chip rule-unconfirmed" data-testid={`unconfirmed-${component}`}>
        {statusText(t, item.status)}
      </span>
    );
  };
  const [a, b, c] = rules.caseBands.map((band) => new Intl.NumberFormat(locale).format(band));
  const row = (component: string, label: string, value: ReactNode) => (
    <div className={confirmation[component] && confirmation[component].status !== 'confirmed' ? 'rule-row rule-row-unconfirmed' : 'rule-row'}>
      <dt>{label}</dt>
      <dd>
        {value} {mark(component)}
      </dd>
    </div>
  );

  return (
    <article className="card rule-set-detail" aria-labelledby="rs-detail-title" data-testid="rule-set-detail">
      <h2 id="rs-detail-title">
        {rules.name} <span className="unit-code">{rules.id}</span>
      </h2>
      {rules.unconfirmed.length > 0 && (
        <p className="notice rule-set-warning" data-testid="rule-set-unconfirmed">
          {t('levels.rs.unconfirmedWarning', { list: unconfirmedText(t, rules.unconfirmed) })}
        </p>
      )}
      <dl className="rule-list">
        {row('effectiveFrom', t('levels.rs.effective'), formatDate(rules.effectiveFrom))}
        {rules.basedOn && row('basedOn', t('levels.rs.basedOn'), <Link to={ruleSetsUrl(rules.basedOn)}>{rules.basedOn}</Link>)}
        {row('caseBands', t('levels.rs.caseBands'), t('levels.rs.caseBandsValue', { a: a ?? '', b: b ?? '', c: c ?? '' }))}
        {row(
          'coverage',
          t('levels.rs.coverage'),
          t('levels.rs.coverageValue', {
            indicator: indicatorLabel(t, rules.coverage.indicator),
            threshold: percent(locale, rules.coverage.highIfAtLeast),
            added: rules.coverage.lowAddsLevels,
          }),
        )}
        {row(
          'elderly',
          t('levels.rs.elderly'),
          rules.elderly ? (
            <>
              {t('levels.rs.elderlyValue', {
                indicator: indicatorLabel(t, rules.elderly.indicator),
                minimum: percent(locale, rules.elderly.minimum),
                added: rules.elderly.shortfallAddsLevels,
              })}
              {rules.elderly.skipWhenNoCases && ` ${t('levels.rs.elderlySkip')}`}
            </>
          ) : (
            t('levels.rs.elderlyNone')
          ),
        )}
        {row('capacity', t('levels.rs.capacity'), t(`levels.rs.capacity.${rules.capacity.whenUnmet}`))}
        {row('maxLevel', t('levels.rs.maxLevel'), levelName(t, rules.maxLevel))}
        {row('parentDerivation', t('levels.rs.parentDerivation'), t(`levels.rs.derivation.${rules.parentDerivation ?? 'aggregatedFigures'}`))}
        {rules.source && row('source', t('levels.rs.source'), rules.source)}
        {rules.createdAt && row('createdAt', t('levels.rs.createdAt'), formatDateTime(rules.createdAt))}
      </dl>
      {Object.keys(confirmation).length > 0 && (
        <details className="rule-confirmation">
          <summary>{t('levels.rs.confirmation')}</summary>
          <ul>
            {Object.entries(confirmation).map(([component, item]) => (
              <li key={component} className={item.status === 'confirmed' ? undefined : 'rule-row-unconfirmed'}>
                <strong>{componentName(t, component)}</strong>: {statusText(t, item.status)}
                {item.note && <span className="muted"> – {item.note}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

/** The rule sets: built-in and adjusted ones, one shown in full, and a form to adjust one. */
export default function RuleSetsScreen() {
  const { t } = useI18n();
  const { can } = useSession();
  const { search } = useLocation();
  const { data, error, loading, reload } = useAsync((signal) => listRuleSets(signal), []);
  const [created, setCreated] = useState<RuleSetView>();
  const items = data?.items ?? [];
  const selected = items.find((rules) => rules.id === search.get('id')) ?? items[0];
  const creating = search.get('new') === '1' && selected !== undefined && can('levels:publish');

  return (
    <section aria-labelledby="rule-sets-title" className="levels-screen rule-sets-screen">
      <div className="page-head">
        <h1 id="rule-sets-title">{t('levels.rs.title')}</h1>
        <Link to={`/levels?week=${currentWeek()}`}>{t('levels.backToLevels')}</Link>
      </div>
      <p className="muted">{t('levels.rs.intro')}</p>
      {created && (
        <SuccessNotice>
          <span data-testid="rule-set-created">{t('levels.rs.created', { id: created.id, date: formatDate(created.effectiveFrom) })}</span>
        </SuccessNotice>
      )}
      {loading && !data && <Loading />}
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {data && items.length === 0 && <p>{t('levels.rs.none')}</p>}
      {items.length > 0 && (
        <div className="rule-sets-layout">
          <nav aria-label={t('levels.rs.list')}>
            <ul className="rule-set-list" data-testid="rule-set-list">
              {items.map((rules) => (
                <li key={rules.id} data-rule-set={rules.id}>
                  <Link to={ruleSetsUrl(rules.id)} aria-current={rules.id === selected?.id ? 'true' : undefined}>
                    <strong>{rules.name}</strong>
                    <span className="unit-code">{rules.id}</span>
                    <span className="rule-set-tags">
                      <span className="badge">{rules.builtIn ? t('levels.rs.builtIn') : t('levels.rs.adjusted')}</span>
                      <span>{t('levels.rs.effectiveFrom', { date: formatDate(rules.effectiveFrom) })}</span>
                      {rules.unconfirmed.length > 0 && <span className="chip">{t('levels.rs.provisional')}</span>}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {selected && (
            <div className="rule-set-main">
              {creating ? (
                <RuleSetForm
                  key={selected.id}
                  base={selected}
                  onCancel={() => navigate(ruleSetsUrl(selected.id))}
                  onCreated={(view) => {
                    setCreated(view);
                    reload();
                    navigate(ruleSetsUrl(view.id));
                  }}
                />
              ) : (
                <>
                  <RuleSetDetail rules={selected} />
                  {can('levels:publish') ? (
                    <button type="button" className="button-primary" onClick={() => navigate(ruleSetsUrl(selected.id, true))}>
                      {t('levels.rs.createFrom')}
                    </button>
                  ) : (
                    <p className="muted">{t('levels.rs.noCreateRight')}</p>
                  )}
                </>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
