import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import type { FieldErrors } from '../lib/api';
import { Field } from '../lib/ui';
import { CommunePicker } from './CommunePicker';

export interface PersonDraft {
  fullName: string;
  nationalId: string;
  birthDate: string;
  birthYear: string;
  sex: string;
  phone: string;
  address: string;
  communeCode: string;
}

interface Props {
  draft: PersonDraft;
  errors: FieldErrors;
  onChange: (change: Partial<PersonDraft>) => void;
}

/** The inputs of a person record, each with its label and the server's message for it. */
export function PersonFields({ draft, errors, onChange }: Props) {
  const { t } = useI18n();
  const id = (name: keyof PersonDraft) => `person-${name}`;

  const text = (name: keyof PersonDraft, label: string, extra: Record<string, string> = {}): ReactNode => (
    <Field id={id(name)} label={label} error={errors[name]}>
      {(describedBy) => (
        <input
          id={id(name)}
          name={name}
          value={draft[name]}
          aria-describedby={describedBy}
          aria-invalid={Boolean(errors[name])}
          onChange={(e) => onChange({ [name]: e.target.value })}
          {...extra}
        />
      )}
    </Field>
  );

  return (
    <div className="form-grid">
      {text('fullName', t('person.fullName'), { autoComplete: 'name' })}
      {text('nationalId', t('person.nationalId'), { inputMode: 'numeric', autoComplete: 'off', maxLength: '20' })}
      {text('birthDate', t('person.birthDate'), { placeholder: t('person.birthDateHint'), inputMode: 'numeric', maxLength: '10' })}
      {text('birthYear', t('person.birthYear'), { inputMode: 'numeric', maxLength: '4' })}
      <Field id={id('sex')} label={t('person.sex')} error={errors.sex}>
        {(describedBy) => (
          <select
            id={id('sex')}
            name="sex"
            value={draft.sex}
            aria-describedby={describedBy}
            aria-invalid={Boolean(errors.sex)}
            onChange={(e) => onChange({ sex: e.target.value })}
          >
            <option value="">{t('person.sexUnset')}</option>
            <option value="male">{t('people.sex.male')}</option>
            <option value="female">{t('people.sex.female')}</option>
            <option value="other">{t('people.sex.other')}</option>
          </select>
        )}
      </Field>
      {text('phone', t('person.phone'), { type: 'tel', autoComplete: 'tel' })}
      <div className="form-wide">{text('address', t('person.address'), { autoComplete: 'street-address' })}</div>
      <div className="form-wide">
        <Field id={id('communeCode')} label={t('person.commune')} error={errors.communeCode}>
          {(describedBy) => (
            <CommunePicker
              id={id('communeCode')}
              value={draft.communeCode}
              describedBy={describedBy}
              invalid={Boolean(errors.communeCode)}
              onChange={(communeCode) => onChange({ communeCode })}
            />
          )}
        </Field>
      </div>
    </div>
  );
}
