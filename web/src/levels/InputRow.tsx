import { Fragment, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { formatDateTime, formatNumber } from '../lib/format';
import type { Unit } from '../units/api';
import { LEVELS, type StoredInput } from './api';
import { CAPACITY, CASES, type FormValue, POPULATION, PREVIOUS, type RowErrors, type RowValues } from './inputsForm';
import { indicatorLabel } from './labels';

interface Props {
  unit: Unit;
  parentName: string | undefined;
  values: RowValues;
  errors: RowErrors;
  indicators: string[];
  stored: StoredInput | undefined;
  dirty: boolean;
  onChange: (field: string, value: FormValue) => void;
}

/** One unit's figures for the week: a table row on wide screens, a card on narrow ones. */
export function InputRow({ unit, parentName, values, errors, indicators, stored, dirty, onChange }: Props) {
  const { t, locale } = useI18n();
  const id = (field: string) => `in-${unit.code}-${field}`;
  const text = (field: string) => {
    const value = values[field];
    return typeof value === 'string' ? value : '';
  };

  /** A cell with its control, a note and the server's error for that field. */
  const cell = (field: string, label: string, control: (describedBy: string | undefined) => ReactNode, note?: ReactNode) => {
    const error = errors[field];
    const describedBy = [note ? `${id(field)}-note` : '', error ? `${id(field)}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <td data-label={label} className={error ? 'field-invalid' : undefined}>
        <div>
          {control(describedBy)}
          {note && (
            <span id={`${id(field)}-note`} className="cell-note">
              {note}
            </span>
          )}
          {error && (
            <p id={`${id(field)}-error`} className="field-error" data-field-error={id(field)}>
              {error}
            </p>
          )}
        </div>
      </td>
    );
  };

  const numberInput = (field: string, label: string, attrs: { min: number; max?: number; step: string }) => (describedBy: string | undefined) => (
    <input
      id={id(field)}
      type="number"
      inputMode={attrs.step === 'any' ? 'decimal' : 'numeric'}
      {...attrs}
      value={text(field)}
      aria-label={`${label} – ${unit.name}`}
      aria-invalid={Boolean(errors[field])}
      aria-describedby={describedBy}
      onChange={(event) => onChange(field, event.target.value)}
    />
  );

  const populationNote = () => {
    if (unit.population === null) return text(POPULATION) ? null : <span className="cell-note-warn">{t('levels.population.missing')}</span>;
    if (text(POPULATION) === String(unit.population)) return t('levels.population.fromUnit');
    return t('levels.population.override', { value: formatNumber(unit.population, locale) });
  };

  const labels = {
    unit: t('levels.col.unit'),
    cases: t('levels.col.cases'),
    population: t('levels.col.population'),
    capacity: t('levels.col.capacity'),
    previous: t('levels.col.previous'),
  };
  const capacity = values[CAPACITY];

  return (
    <tr className={[`row-${unit.level}`, dirty ? 'row-dirty' : ''].filter(Boolean).join(' ')} data-unit={unit.code}>
      <th scope="row" data-label={labels.unit}>
        <div>
          {unit.name} <span className="unit-code">{unit.code}</span>
          {parentName && <span className="cell-note">{t('levels.unitOf', { name: parentName })}</span>}
          {unit.level !== 'commune' && <span className="cell-note">{t('levels.aggregatedHint')}</span>}
          {stored && (
            <span className="cell-note">{t('levels.updated', { time: formatDateTime(stored.updatedAt), by: stored.updatedBy ?? '—' })}</span>
          )}
        </div>
      </th>
      {cell(CASES, labels.cases, numberInput(CASES, labels.cases, { min: 0, step: '1' }))}
      {cell(POPULATION, labels.population, numberInput(POPULATION, labels.population, { min: 1, step: '1' }), populationNote())}
      {indicators.map((indicator) => {
        const label = t('levels.percent', { label: indicatorLabel(t, indicator) });
        return <Fragment key={indicator}>{cell(indicator, label, numberInput(indicator, label, { min: 0, max: 100, step: 'any' }))}</Fragment>;
      })}
      {cell(
        CAPACITY,
        labels.capacity,
        (describedBy) => (
          <label className="check-label" htmlFor={id(CAPACITY)}>
            <input
              id={id(CAPACITY)}
              type="checkbox"
              checked={capacity === true}
              aria-describedby={describedBy}
              aria-invalid={Boolean(errors[CAPACITY])}
              onChange={(event) => onChange(CAPACITY, event.target.checked)}
            />
            {t('levels.capacityMet')}
            <span className="visually-hidden"> – {unit.name}</span>
          </label>
        ),
        capacity === '' ? t('levels.notEntered') : undefined,
      )}
      {cell(PREVIOUS, labels.previous, (describedBy) => (
        <select
          id={id(PREVIOUS)}
          value={text(PREVIOUS)}
          aria-label={`${labels.previous} – ${unit.name}`}
          aria-invalid={Boolean(errors[PREVIOUS])}
          aria-describedby={describedBy}
          onChange={(event) => onChange(PREVIOUS, event.target.value)}
        >
          <option value="">{t('levels.previousAuto')}</option>
          {LEVELS.map((level) => (
            <option key={level} value={String(level)}>
              {t('levels.levelShort', { level })}
            </option>
          ))}
        </select>
      ))}
    </tr>
  );
}
