import { useMemo, useState } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { fold } from '../lib/format';
import { ErrorNotice, Loading } from '../lib/ui';
import { UNIT_LEVELS, type Unit, type UnitLevel } from './api';
import { UnitTable } from './UnitTable';
import { UnitTree } from './UnitTree';
import { useUnits } from './UnitsProvider';

/** The unit and everything below it. */
function descendantsOf(code: string, units: Unit[]): Set<string> {
  const within = new Set([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentCode && within.has(unit.parentCode) && !within.has(unit.code)) {
        within.add(unit.code);
        grew = true;
      }
    }
  }
  return within;
}

export default function UnitsScreen() {
  const { t } = useI18n();
  const { can } = useSession();
  const { units, byCode, loading, error, reload, replace } = useUnits();
  const [level, setLevel] = useState<UnitLevel | ''>('');
  const [text, setText] = useState('');
  const [scope, setScope] = useState<string | null>(null);

  const shown = useMemo(() => {
    const within = scope ? descendantsOf(scope, units) : null;
    const needle = fold(text);
    return units.filter(
      (unit) =>
        (!level || unit.level === level) &&
        (!within || within.has(unit.code)) &&
        (!needle || unit.code.startsWith(needle) || fold(unit.name).includes(needle)),
    );
  }, [units, level, text, scope]);

  if (loading && units.length === 0) return <Loading />;
  if (error !== undefined && units.length === 0) return <ErrorNotice error={error} onRetry={reload} />;

  const scopeUnit = scope ? byCode.get(scope) : undefined;
  return (
    <section className="units-screen" aria-labelledby="units-title">
      <h1 id="units-title">{t('units.title')}</h1>
      <div className="split">
        <aside className="card split-side">
          <h2>{t('units.tree')}</h2>
          <UnitTree units={units} selected={scope} onSelect={(code) => setScope(code === scope ? null : code)} />
        </aside>
        <div className="split-main">
          <div className="filters" role="search">
            <div className="field">
              <label htmlFor="units-level">{t('units.filterLevel')}</label>
              <select id="units-level" value={level} onChange={(e) => setLevel(e.target.value as UnitLevel | '')}>
                <option value="">{t('units.allLevels')}</option>
                {UNIT_LEVELS.map((value) => (
                  <option key={value} value={value}>
                    {t(`units.level.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field field-grow">
              <label htmlFor="units-text">{t('units.filterText')}</label>
              <input id="units-text" type="search" value={text} onChange={(e) => setText(e.target.value)} />
            </div>
          </div>
          <p className="muted" aria-live="polite">
            {t('units.count', { count: shown.length })}
            {scopeUnit && (
              <>
                {' · '}
                {t('units.within', { name: scopeUnit.name })}{' '}
                <button type="button" className="button-link" onClick={() => setScope(null)}>
                  {t('units.clearScope')}
                </button>
              </>
            )}
          </p>
          <UnitTable units={shown} byCode={byCode} canEdit={can('units:edit')} onSaved={replace} />
        </div>
      </div>
    </section>
  );
}
