import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { localiseServerMessage } from '../i18n/serverMessages';
import { ApiError } from '../lib/api';
import { errorText, Field } from '../lib/ui';
import { updatePopulation, type Unit } from './api';

interface Props {
  unit: Unit;
  onSaved: (unit: Unit) => void;
  onCancel: () => void;
}

/** Inline form for a unit's population figure, its year and its source. */
export function PopulationForm({ unit, onSaved, onCancel }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [population, setPopulation] = useState(unit.population?.toString() ?? '');
  const [year, setYear] = useState((unit.populationYear ?? new Date().getFullYear()).toString());
  const [source, setSource] = useState(unit.populationSource ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const fields = Object.fromEntries(
    Object.entries(error instanceof ApiError ? error.fields : {}).map(([name, message]) => [
      name,
      localiseServerMessage(message, i18n.lang),
    ]),
  );
  const id = (name: string) => `pop-${unit.code}-${name}`;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const saved = await updatePopulation(unit.code, {
        population: Number(population),
        populationYear: Number(year),
        populationSource: source.trim() || undefined,
      });
      onSaved(saved);
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };

  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('units.editTitle', { name: unit.name })}>
      <h3>{t('units.editTitle', { name: unit.name })}</h3>
      {error !== undefined && (
        <p className="notice notice-error" role="alert">
          {Object.keys(fields).length > 0 ? t('common.fixFields') : errorText(error, i18n)}
        </p>
      )}
      <div className="form-row">
        <Field id={id('population')} label={t('units.population')} error={fields.population}>
          {(describedBy) => (
            <input
              id={id('population')}
              type="number"
              inputMode="numeric"
              min={0}
              required
              value={population}
              aria-describedby={describedBy}
              aria-invalid={Boolean(fields.population)}
              onChange={(e) => setPopulation(e.target.value)}
            />
          )}
        </Field>
        <Field id={id('year')} label={t('units.populationYearLabel')} error={fields.populationYear}>
          {(describedBy) => (
            <input
              id={id('year')}
              type="number"
              inputMode="numeric"
              required
              value={year}
              aria-describedby={describedBy}
              aria-invalid={Boolean(fields.populationYear)}
              onChange={(e) => setYear(e.target.value)}
            />
          )}
        </Field>
        <Field id={id('source')} label={t('units.populationSource')} error={fields.populationSource}>
          {(describedBy) => (
            <input
              id={id('source')}
              value={source}
              aria-describedby={describedBy}
              aria-invalid={Boolean(fields.populationSource)}
              onChange={(e) => setSource(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
