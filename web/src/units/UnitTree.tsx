import { useState } from 'react';
import { useI18n } from '../i18n';
import type { Unit } from './api';

interface Props {
  units: Unit[];
  selected: string | null;
  onSelect: (code: string) => void;
}

/** Province → districts → communes as nested lists; each branch opens with a disclosure button. */
export function UnitTree({ units, selected, onSelect }: Props) {
  const { t } = useI18n();
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const siblings = children.get(unit.parentCode) ?? [];
    siblings.push(unit);
    children.set(unit.parentCode, siblings);
  }
  const roots = units.filter((unit) => !unit.parentCode || !units.some((u) => u.code === unit.parentCode));
  const [open, setOpen] = useState<Set<string>>(() => new Set(roots.map((unit) => unit.code)));

  const toggle = (code: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  const branch = (list: Unit[]) => (
    <ul className="tree-list">
      {list.map((unit) => {
        const kids = children.get(unit.code) ?? [];
        const isOpen = open.has(unit.code);
        return (
          <li key={unit.code} className="tree-item">
            <div className="tree-row">
              {kids.length > 0 ? (
                <button
                  type="button"
                  className="tree-toggle"
                  aria-expanded={isOpen}
                  aria-label={t(isOpen ? 'units.collapse' : 'units.expand', { name: unit.name })}
                  onClick={() => toggle(unit.code)}
                >
                  <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
                </button>
              ) : (
                <span className="tree-spacer" aria-hidden="true" />
              )}
              <button
                type="button"
                className={selected === unit.code ? 'tree-label tree-label-selected' : 'tree-label'}
                aria-pressed={selected === unit.code}
                onClick={() => onSelect(unit.code)}
              >
                {unit.name}
                {kids.length > 0 && <span className="tree-count"> ({kids.length})</span>}
              </button>
            </div>
            {kids.length > 0 && isOpen && branch(kids)}
          </li>
        );
      })}
    </ul>
  );

  return (
    <nav className="tree" aria-label={t('units.tree')} data-testid="unit-tree">
      {branch(roots)}
    </nav>
  );
}
