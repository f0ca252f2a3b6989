// The details a citizen types once: name, phone, birth year, optional national ID, commune of residence.
import { useI18n } from '../i18n';
import { ErrorNotice, Field } from '../lib/ui';
import { useCommunes } from './useCommunes';
import { OUTSIDE, type DraftErrors, type PersonDraft } from './validate';

const ORDER: (keyof PersonDraft)[] = ['fullName', 'phone', 'birthYear', 'nationalId', 'commune'];

/** Moves focus to the first field with an error (after React has drawn the messages). */
export function focusFirstError(prefix: string, errors: DraftErrors): void {
  const first = ORDER.find((name) => errors[name]);
  if (first) requestAnimationFrame(() => document.getElementById(`${prefix}-${first}`)?.focus());
}

interface Props {
  prefix: string;
  draft: PersonDraft;
  errors: DraftErrors;
  onChange: (change: Partial<PersonDraft>) => void;
}

export function PersonFields({ prefix, draft, errors, onChange }: Props) {
  const { t } = useI18n();
  const communes = useCommunes();
  const id = (name: keyof PersonDraft) => `${prefix}-${name}`;
  return (
    <div className="checkin-fields">
      <Field id={id('fullName')} label={t('checkin.fullName')} error={errors.fullName}>
        {(describedBy) => (
          <input id={id('fullName')} autoComplete="name" autoCapitalize="words" value={draft.fullName} aria-describedby={describedBy}
            aria-invalid={errors.fullName ? true : undefined} onChange={(e) => onChange({ fullName: e.target.value })} />
        )}
      </Field>
      <Field id={id('phone')} label={t('checkin.phone')} hint={t('checkin.phoneHint')} error={errors.phone}>
        {(describedBy) => (
          <input id={id('phone')} type="tel" inputMode="tel" autoComplete="tel" value={draft.phone} aria-describedby={describedBy}
            aria-invalid={errors.phone ? true : undefined} onChange={(e) => onChange({ phone: e.target.value })} />
        )}
      </Field>
      <Field id={id('birthYear')} label={t('checkin.birthYear')} error={errors.birthYear}>
        {(describedBy) => (
          <input id={id('birthYear')} inputMode="numeric" maxLength={4} autoComplete="bday-year" placeholder="1985" value={draft.birthYear}
            aria-describedby={describedBy} aria-invalid={errors.birthYear ? true : undefined} onChange={(e) => onChange({ birthYear: e.target.value })} />
        )}
      </Field>
      <Field id={id('nationalId')} label={t('checkin.nationalId')} hint={t('checkin.nationalIdHint')} error={errors.nationalId}>
        {(describedBy) => (
          <input id={id('nationalId')} inputMode="numeric" maxLength={14} autoComplete="off" value={draft.nationalId} aria-describedby={describedBy}
            aria-invalid={errors.nationalId ? true : undefined} onChange={(e) => onChange({ nationalId: e.target.value })} />
        )}
      </Field>
      <Field id={id('commune')} label={t('checkin.commune')} error={errors.commune}>
        {(describedBy) => (
          <select id={id('commune')} value={draft.commune} aria-describedby={describedBy} aria-invalid={errors.commune ? true : undefined}
            onChange={(e) => onChange({ commune: e.target.value })}>
            <option value="">{communes.loading ? t('common.loading') : t('checkin.communeChoose')}</option>
            <option value={OUTSIDE}>{t('checkin.outsideProvince')}</option>
            {communes.groups.map((group) => (
              <optgroup key={group.district} label={group.district}>
                {group.communes.map((commune) => (
                  <option key={commune.code} value={commune.code}>
                    {commune.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      {communes.error !== undefined && <ErrorNotice error={communes.error} onRetry={communes.reload} />}
    </div>
  );
}
