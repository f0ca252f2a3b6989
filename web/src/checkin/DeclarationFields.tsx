// The answers of a health declaration, as large tap targets: symptoms, contacts, vaccination, journey.
import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { Field } from '../lib/ui';
import { SYMPTOMS, VACCINATIONS, VEHICLES, type Symptom } from './api';
import { MAX_DAYS_AHEAD, type AnswerErrors, type AnswerField, type AnswersDraft } from './declaration';
import { vietnamDate } from './time';

export const ANSWER_ORDER: AnswerField[] = [
  'kind', 'travelDate', 'direction', 'origin', 'destination', 'vehicle', 'plate', 'symptoms', 'contactWithCase', 'beenToOutbreakArea', 'visitedPlaces', 'vaccination',
];

interface ChoiceProps {
  id: string;
  legend: string;
  error?: string;
  multiple?: boolean;
  options: { value: string; label: string }[];
  checked: (value: string) => boolean;
  onToggle: (value: string) => void;
}

/** A group of radio buttons or checkboxes under one question, the error tied to each of them. */
function Choice({ id, legend, error, multiple, options, checked, onToggle }: ChoiceProps) {
  return (
    <fieldset className={error ? 'checkin-choice field-invalid' : 'checkin-choice'}>
      <legend>{legend}</legend>
      {options.map((option, index) => (
        <label key={option.value} className="checkin-option">
          <input id={index === 0 ? id : undefined} type={multiple ? 'checkbox' : 'radio'} name={id} value={option.value} checked={checked(option.value)}
            aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={() => onToggle(option.value)} />
          <span>{option.label}</span>
        </label>
      ))}
      {error && (
        <p id={`${id}-error`} className="field-error" data-field-error={id}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

interface Props {
  prefix: string;
  draft: AnswersDraft;
  errors: AnswerErrors;
  /** kinds the citizen may choose; one kind means no question */
  kinds: AnswersDraft['kind'][];
  withDate: boolean;
  onChange: (change: Partial<AnswersDraft>) => void;
  children?: ReactNode;
}

export function DeclarationFields({ prefix, draft, errors, kinds, withDate, onChange, children }: Props) {
  const { t } = useI18n();
  const id = (field: AnswerField) => `${prefix}-${field}`;
  const yesNo = [{ value: 'yes', label: t('common.yes') }, { value: 'no', label: t('common.no') }];
  const toggleSymptom = (value: string) => {
    const symptom = value as Symptom;
    if (symptom === 'none') return onChange({ symptoms: draft.symptoms.includes('none') ? [] : ['none'] });
    const others = draft.symptoms.filter((s) => s !== 'none' && s !== symptom);
    onChange({ symptoms: draft.symptoms.includes(symptom) ? others : [...others, symptom] });
  };
  const text = (field: 'origin' | 'destination' | 'plate', label: MessageKey, hint?: MessageKey) => (
    <Field id={id(field)} label={t(label)} hint={hint && t(hint)} error={errors[field]}>
      {(describedBy) => (
        <input id={id(field)} value={draft[field]} aria-describedby={describedBy} aria-invalid={errors[field] ? true : undefined}
          autoCapitalize={field === 'plate' ? 'characters' : 'words'} onChange={(e) => onChange({ [field]: e.target.value })} />
      )}
    </Field>
  );

  return (
    <div className="checkin-fields">
      {kinds.length > 1 && (
        <Choice id={id('kind')} legend={t('checkin.declare.kind')} options={kinds.map((kind) => ({ value: kind, label: t(`checkin.declare.kind.${kind}`) }))}
          checked={(v) => draft.kind === v} onToggle={(v) => onChange({ kind: v as AnswersDraft['kind'], direction: draft.direction || 'in' })} />
      )}
      {withDate && (
        <Field id={id('travelDate')} label={t('checkin.declare.travelDate')} hint={t('checkin.declare.travelDateHint', { days: MAX_DAYS_AHEAD })} error={errors.travelDate}>
          {(describedBy) => (
            <input id={id('travelDate')} type="date" min={vietnamDate()} max={vietnamDate(MAX_DAYS_AHEAD)} value={draft.travelDate}
              aria-describedby={describedBy} aria-invalid={errors.travelDate ? true : undefined} onChange={(e) => onChange({ travelDate: e.target.value })} />
          )}
        </Field>
      )}
      {draft.kind === 'entry' && (
        <div className="checkin-group">
          <Choice id={id('direction')} legend={t('checkin.declare.direction')} error={errors.direction}
            options={[{ value: 'in', label: t('checkin.declare.direction.in') }, { value: 'out', label: t('checkin.declare.direction.out') }]}
            checked={(v) => draft.direction === v} onToggle={(v) => onChange({ direction: v as 'in' | 'out' })} />
          {text('origin', 'checkin.declare.origin', 'checkin.declare.originHint')}
          {text('destination', 'checkin.declare.destination', 'checkin.declare.destinationHint')}
          <Field id={id('vehicle')} label={t('checkin.declare.vehicle')} error={errors.vehicle}>
            {(describedBy) => (
              <select id={id('vehicle')} value={draft.vehicle} aria-describedby={describedBy} aria-invalid={errors.vehicle ? true : undefined}
                onChange={(e) => onChange({ vehicle: e.target.value as AnswersDraft['vehicle'] })}>
                <option value="">{t('checkin.declare.choose')}</option>
                {VEHICLES.map((vehicle) => (
                  <option key={vehicle} value={vehicle}>
                    {t(`checkin.declare.vehicle.${vehicle}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('plate', 'checkin.declare.plate')}
        </div>
      )}
      <Choice id={id('symptoms')} legend={t('checkin.declare.symptoms')} error={errors.symptoms} multiple
        options={[...SYMPTOMS.map((s) => ({ value: s, label: t(`checkin.declare.symptom.${s}`) })), { value: 'none', label: t('checkin.declare.symptom.none') }]}
        checked={(v) => draft.symptoms.includes(v as Symptom)} onToggle={toggleSymptom} />
      <Choice id={id('contactWithCase')} legend={t('checkin.declare.contact')} error={errors.contactWithCase} options={yesNo}
        checked={(v) => draft.contactWithCase === v} onToggle={(v) => onChange({ contactWithCase: v as 'yes' | 'no' })} />
      <Choice id={id('beenToOutbreakArea')} legend={t('checkin.declare.outbreakArea')} error={errors.beenToOutbreakArea} options={yesNo}
        checked={(v) => draft.beenToOutbreakArea === v} onToggle={(v) => onChange({ beenToOutbreakArea: v as 'yes' | 'no' })} />
      <Field id={id('visitedPlaces')} label={t('checkin.declare.visited')} hint={t('checkin.declare.visitedHint')} error={errors.visitedPlaces}>
        {(describedBy) => (
          <textarea id={id('visitedPlaces')} rows={3} maxLength={2000} value={draft.visitedPlaces} aria-describedby={describedBy}
            onChange={(e) => onChange({ visitedPlaces: e.target.value })} />
        )}
      </Field>
      <Choice id={id('vaccination')} legend={t('checkin.declare.vaccination')} error={errors.vaccination}
        options={VACCINATIONS.map((v) => ({ value: v, label: t(`checkin.declare.vaccination.${v}`) }))}
        checked={(v) => draft.vaccination === v} onToggle={(v) => onChange({ vaccination: v as AnswersDraft['vaccination'] })} />
      {children}
    </div>
  );
}
