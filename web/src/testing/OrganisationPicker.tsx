// Choosing an organisation (a session sampling its members by representatives, a programme testing
// it every round): searched by name within a commune.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { searchOrganisations } from './api';

interface Props {
  id: string;
  communeCode: string;
  value: string;
  onChange: (id: string) => void;
  describedBy?: string;
  invalid?: boolean;
}

export function OrganisationPicker({ id, communeCode, value, onChange, describedBy, invalid }: Props) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useAsync(
    (signal) => searchOrganisations({ q: q.trim() || undefined, communeCode: communeCode || undefined, limit: 50, offset: 0 }, signal),
    [q, communeCode],
  );
  return (
    <div className="commune-picker">
      <input type="search" aria-label={t('sessions.organisationFilter')} placeholder={t('sessions.organisationFilter')} value={q} onChange={(e) => setQ(e.target.value)} />
      <select id={id} value={value} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)}>
        <option value="">{found.loading ? t('common.loading') : t('sessions.organisationChoose')}</option>
        {(found.data?.items ?? []).map((org) => (
          <option key={org.id} value={org.id}>{t('sessions.organisationOption', { name: org.name, count: org.memberCount })}</option>
        ))}
      </select>
      {found.error !== undefined && <ErrorNotice error={found.error} onRetry={found.reload} />}
    </div>
  );
}
