// Communes of the province grouped by district, for "where do you live" (public, cached offline).
import { useMemo } from 'react';
import { request } from '../lib/api';
import { useAsync } from '../lib/useAsync';

interface UnitRow {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
  parentCode: string | null;
}

export interface CommuneGroup {
  district: string;
  communes: { code: string; name: string }[];
}

export function useCommunes(): { groups: CommuneGroup[]; loading: boolean; error: unknown; reload: () => void } {
  const { data, loading, error, reload } = useAsync((signal) => request<{ items: UnitRow[] }>('/api/v1/units', { signal }), []);
  const groups = useMemo(() => {
    const units = data?.items ?? [];
    const districtName = new Map(units.filter((u) => u.level === 'district').map((u) => [u.code, u.name]));
    const byDistrict = new Map<string, CommuneGroup>();
    for (const unit of units) {
      if (unit.level !== 'commune') continue;
      const district = districtName.get(unit.parentCode ?? '') ?? '';
      const group = byDistrict.get(district) ?? { district, communes: [] };
      group.communes.push({ code: unit.code, name: unit.name });
      byDistrict.set(district, group);
    }
    return [...byDistrict.values()];
  }, [data]);
  return { groups, loading, error, reload };
}
