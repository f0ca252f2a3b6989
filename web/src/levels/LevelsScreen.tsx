import './levels.css';
import { useMemo, useState } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../lib/router';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { useUnits } from '../units/UnitsProvider';
import { listRuleSets } from './api';
import { DraftView } from './DraftView';
import { indicatorsOf, ruleSetForWeek, type RowErrors } from './inputsForm';
import { InputsView } from './InputsView';
import { splitFieldPath, unconfirmedText } from './labels';
import { assessableUnits, subtreeOf } from './scope';
import { WeekPicker } from './WeekPicker';
import { currentWeek, weekRange } from './week';

type View = 'inputs' | 'draft';

export function levelsUrl(week: string, area: string | undefined, view: View): string {
  const params = new URLSearchParams({ week });
  if (area) params.set('unit', area);
  if (view === 'draft') params.set('view', view);
  return `/levels?${params.toString()}`;
}

/** The weekly workflow: figures for a week → draft with reasons → adjustments → publication. */
export default function LevelsScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  const { units, loading, error, reload } = useUnits();
  const { search } = useLocation();
  const asked = search.get('week') ?? '';
  const week = weekRange(asked) ? asked : currentWeek();
  const view: View = search.get('view') === 'draft' ? 'draft' : 'inputs';
  const scope = user?.unitCode ?? null;

  const areas = useMemo(() => {
    const assessable = assessableUnits(scope, units);
    return assessable.length > 0 ? assessable : subtreeOf(scope, units).slice(0, 1);
  }, [scope, units]);
  const area = areas.find((unit) => unit.code === search.get('unit'))?.code ?? areas[0]?.code;
  const areaUnits = useMemo(() => (area ? subtreeOf(area, units) : []), [area, units]);

  const ruleSets = useAsync((signal) => listRuleSets(signal), []);
  const rules = ruleSetForWeek(ruleSets.data?.items ?? [], weekRange(week)?.end ?? week);
  const indicators = useMemo(() => indicatorsOf(rules), [rules]);
  const [missing, setMissing] = useState<{ key: string; cells: Record<string, RowErrors> }>({ key: '', cells: {} });
  const missingKey = `${week}/${area ?? ''}`;

  if (loading && units.length === 0) return <Loading />;
  if (error !== undefined && units.length === 0) return <ErrorNotice error={error} onRetry={reload} />;

  const go = (next: { week?: string; area?: string; view?: View }) =>
    navigate(levelsUrl(next.week ?? week, next.area ?? area, next.view ?? view));

  const onMissing = (fields: Record<string, string>) => {
    const cells: Record<string, RowErrors> = {};
    for (const [path, message] of Object.entries(fields)) {
      const where = splitFieldPath(path);
      if (where) cells[where.code] = { ...cells[where.code], [where.field]: message };
    }
    setMissing({ key: missingKey, cells });
  };
  const onSaved = (codes: string[]) =>
    setMissing((previous) => ({ key: previous.key, cells: Object.fromEntries(Object.entries(previous.cells).filter(([code]) => !codes.includes(code))) }));

  const tab = (to: string, label: string, current: boolean) => (
    <li>
      <Link to={to} aria-current={current ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );

  return (
    <section aria-labelledby="levels-title" className="levels-screen">
      <h1 id="levels-title">{t('levels.title')}</h1>
      <p className="muted">{t('levels.intro')}</p>
      <div className="levels-toolbar">
        <WeekPicker week={week} onWeek={(next) => go({ week: next })} />
        <div className="field">
          <label htmlFor="levels-area">{t('levels.area')}</label>
          <select id="levels-area" value={area ?? ''} onChange={(e) => go({ area: e.target.value })}>
            {areas.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        {rules && (
          <p className="rule-set-note field" data-testid="rule-set">
            <strong>{t('levels.ruleSet')}:</strong> {rules.name}
            {rules.unconfirmed.length > 0 && (
              <>
                <br />
                <span className="chip">{t('levels.provisional', { list: unconfirmedText(t, rules.unconfirmed) })}</span>
              </>
            )}
          </p>
        )}
      </div>
      <nav aria-label={t('levels.tabs')}>
        <ul className="levels-tabs">
          {tab(levelsUrl(week, area, 'inputs'), t('levels.tab.inputs'), view === 'inputs')}
          {tab(levelsUrl(week, area, 'draft'), t('levels.tab.draft'), view === 'draft')}
          {area && tab(`/levels/history/${area}`, t('levels.tab.history'), false)}
          {tab(rules ? `/levels/rule-sets?id=${encodeURIComponent(rules.id)}` : '/levels/rule-sets', t('levels.tab.ruleSets'), false)}
        </ul>
      </nav>
      {view === 'inputs' ? (
        <InputsView
          key={week}
          week={week}
          units={areaUnits}
          indicators={indicators}
          missing={missing.key === missingKey ? missing.cells : {}}
          onSaved={onSaved}
        />
      ) : (
        area && (
          <DraftView
            key={`${week}/${area}`}
            week={week}
            area={area}
            ruleSets={ruleSets.data?.items ?? []}
            onMissing={onMissing}
            onGoInputs={() => go({ view: 'inputs' })}
          />
        )
      )}
    </section>
  );
}
