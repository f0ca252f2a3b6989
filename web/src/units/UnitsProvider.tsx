// The province's units, loaded once and shared: the tree, commune names in tables, the commune picker.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useAsync } from '../lib/useAsync';
import { listUnits, type Unit } from './api';

interface UnitsState {
  units: Unit[];
  byCode: Map<string, Unit>;
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** Puts a unit the server returned (after an edit) in place of the old copy. */
  replace: (unit: Unit) => void;
}

const UnitsContext = createContext<UnitsState | null>(null);

export function UnitsProvider({ children }: { children: ReactNode }) {
  const { data, loading, error, reload } = useAsync((signal) => listUnits({}, signal), []);
  const [edited, setEdited] = useState<Map<string, Unit>>(new Map());

  const replace = useCallback((unit: Unit) => {
    setEdited((previous) => new Map(previous).set(unit.code, unit));
  }, []);

  const value = useMemo<UnitsState>(() => {
    const units = (data?.items ?? []).map((unit) => edited.get(unit.code) ?? unit);
    return { units, byCode: new Map(units.map((unit) => [unit.code, unit])), loading, error, reload, replace };
  }, [data, edited, loading, error, reload, replace]);

  return <UnitsContext.Provider value={value}>{children}</UnitsContext.Provider>;
}

export function useUnits(): UnitsState {
  const value = useContext(UnitsContext);
  if (!value) throw new Error('useUnits outside UnitsProvider');
  return value;
}

/** "Xã Vị Tân (Vị Thanh)": a commune with its district, to tell same-named communes apart. */
export function unitLabel(unit: Unit | undefined, byCode: Map<string, Unit>): string {
  if (!unit) return '';
  const parent = unit.level === 'commune' && unit.parentCode ? byCode.get(unit.parentCode) : undefined;
  return parent ? `${unit.name} (${parent.shortName})` : unit.name;
}
