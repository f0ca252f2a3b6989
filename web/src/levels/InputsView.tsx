import { useMemo, useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { ErrorNotice, errorText, Loading, SuccessNotice } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import type { Unit } from '../units/api';
import { useUnits } from '../units/UnitsProvider';
import { listInputs, saveInputs, type InputChange } from './api';
import { InputRow } from './InputRow';
import { baseValues, changeOf, type FormValue, type RowErrors, type RowValues } from './inputsForm';
import { fieldErrorText, indicatorLabel, splitFieldPath } from './labels';

interface Props {
  week: string;
  units: Unit[];
  indicators: string[];
  /** Cells the last draft computation found missing (422), by unit code and field. */
  missing: Record<string, RowErrors>;
  onSaved: (codes: string[]) => void;
}

/** The week's figures of every unit in the area, edited in place and saved together. */
export function InputsView({ week, units, indicators, missing, onSaved }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { byCode } = useUnits();
  const { data, error, loading, reload } = useAsync((signal) => listInputs(week, signal), [week]);
  const [edits, setEdits] = useState<Record<string, RowValues>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, RowErrors>>({});
  const [saveError, setSaveError] = useState<unknown>();
  const [saved, setSaved] = useState<number | null>(null);
  const [nothing, setNothing] = useState(false);
  const [busy, setBusy] = useState(false);

  const stored = useMemo(() => new Map((data?.items ?? []).map((row) => [row.code, row])), [data]);
  const bases = useMemo(
    () => new Map(units.map((unit) => [unit.code, baseValues(unit, stored.get(unit.code), indicators)])),
    [units, stored, indicators],
  );
  const changes = useMemo(
    () => units.map((unit) => changeOf(unit, edits[unit.code] ?? {}, bases.get(unit.code) ?? {})).filter((c): c is InputChange => c !== null),
    [units, edits, bases],
  );

  if (error !== undefined && !data) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Loading />;

  const change = (code: string, field: string, value: FormValue) => {
    setEdits((previous) => ({ ...previous, [code]: { ...previous[code], [field]: value } }));
    setSaved(null);
    setNothing(false);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(null);
    setSaveError(undefined);
    setNothing(changes.length === 0);
    if (changes.length === 0) return;
    setBusy(true);
    const sent = changes.map((c) => c.code);
    try {
      await saveInputs(week, changes);
      setEdits({});
      setServerErrors({});
      setSaved(sent.length);
      onSaved(sent);
      reload();
    } catch (cause) {
      const fields: Record<string, RowErrors> = {};
      if (cause instanceof ApiError) {
        for (const [path, message] of Object.entries(cause.fields)) {
          const where = splitFieldPath(path, sent);
          if (where) fields[where.code] = { ...fields[where.code], [where.field]: fieldErrorText(i18n, where.field, message) };
        }
      }
      setServerErrors(fields);
      setSaveError(cause);
    } finally {
      setBusy(false);
    }
  };

  const errorsOf = (code: string): RowErrors => {
    const fromCompute = Object.fromEntries(Object.entries(missing[code] ?? {}).map(([field, message]) => [field, fieldErrorText(i18n, field, message)]));
    return { ...fromCompute, ...serverErrors[code] };
  };
  const hasFieldErrors = Object.keys(serverErrors).length > 0;
  const head = [
    t('levels.col.unit'), t('levels.col.cases'), t('levels.col.population'),
    ...indicators.map((indicator) => t('levels.percent', { label: indicatorLabel(t, indicator) })),
    t('levels.col.capacity'), t('levels.col.previous'),
  ];

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="levels-inputs-title" data-testid="levels-inputs">
      <h2 id="levels-inputs-title" className="visually-hidden">
        {t('levels.tab.inputs')}
      </h2>
      <p className="muted">
        {t('levels.inputsIntro')} {t('levels.previousHint')} · {t('levels.inputsCount', { count: units.length })}
      </p>
      {saved !== null && <SuccessNotice>{t('levels.savedInputs', { week, count: saved })}</SuccessNotice>}
      {saveError !== undefined && (
        <p className="notice notice-error" role="alert" data-testid="inputs-error">
          {hasFieldErrors ? t('common.fixFields') : errorText(saveError, i18n)}
        </p>
      )}
      <div className="table-scroll table-scroll-cards" tabIndex={0} role="region" aria-label={t('levels.tab.inputs')}>
        <table className={loading ? 'table table-cards inputs-table stale' : 'table table-cards inputs-table'}>
          <thead>
            <tr>
              {head.map((label) => (
                <th key={label} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {units.map((unit) => {
              const base = bases.get(unit.code) ?? {};
              const values = { ...base, ...edits[unit.code] };
              const parent = unit.level === 'commune' && unit.parentCode ? byCode.get(unit.parentCode)?.name : undefined;
              return (
                <InputRow
                  key={unit.code}
                  unit={unit}
                  parentName={parent}
                  values={values}
                  errors={errorsOf(unit.code)}
                  indicators={indicators}
                  stored={stored.get(unit.code)}
                  dirty={changes.some((c) => c.code === unit.code)}
                  onChange={(field, value) => change(unit.code, field, value)}
                />
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="sticky-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('levels.saveInputs', { week })}
        </button>
        <span className="muted" aria-live="polite">
          {changes.length > 0 ? t('levels.unsaved', { count: changes.length }) : nothing ? t('levels.nothingToSave') : ''}
        </span>
      </div>
    </form>
  );
}
