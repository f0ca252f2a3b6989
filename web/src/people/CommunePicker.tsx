import { useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { fold } from '../lib/format';
import { useUnits } from '../units/UnitsProvider';

interface Props {
  id: string;
  value: string;
  onChange: (code: string) => void;
  describedBy?: string;
  invalid?: boolean;
}

/** Communes grouped by district, with a text box that narrows the list. */
export function CommunePicker({ id, value, onChange, describedBy, invalid }: Props) {
  const { t } = useI18n();
  const { units, byCode } = useUnits();
  const [filter, setFilter] = useState('');

  const groups = useMemo(() => {
    const needle = fold(filter);
    const byDistrict = new Map<string, { code: string; name: string }[]>();
    for (const unit of units) {
      if (unit.level !== 'commune') continue;
      const district = unit.parentCode ? byCode.get(unit.parentCode) : undefined;
      const matches =
        !needle || fold(unit.name).includes(needle) || (district && fold(district.name).includes(needle)) || unit.code === value;
      if (!matches) continue;
      const key = district?.name ?? '';
      byDistrict.set(key, [...(byDistrict.get(key) ?? []), { code: unit.code, name: unit.name }]);
    }
    return [...byDistrict.entries()];
  }, [units, byCode, filter, value]);

  return (
    <div className="commune-picker">
      <input
        id={`${id}-filter`}
        type="search"
        aria-label={t('person.communeFilter')}
        placeholder={t('person.communeFilter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <select
        id={id}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{t('person.communeChoose')}</option>
        {groups.map(([district, communes]) => (
          <optgroup key={district} label={district}>
            {communes.map((commune) => (
              <option key={commune.code} value={commune.code}>
                {commune.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
