// Staff: the health department's daily official figures: one unit and day by hand, or a CSV file.
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { ApiError, request, type FieldErrors } from '../lib/api';
import { ErrorNotice, Field, SuccessNotice, errorText } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { CsvUpload } from '../places/PlacesScreen';
import { sendRaw } from '../places/api';
import { useUnits } from '../units/UnitsProvider';
import type { DayStats } from './api';
import '../places/staff.css';

const NUMBERS = ['confirmedCommunity', 'confirmedQuarantine', 'suspected', 'recovered', 'deaths', 'vaccinatedFirstDose', 'vaccinatedFull', 'vaccinatedBooster'] as const;
type NumberField = (typeof NUMBERS)[number];
const HEADER = 'unit_code,date,confirmed_community,confirmed_quarantine,suspected,recovered,deaths,vaccinated_first_dose,vaccinated_full,vaccinated_booster,adults_coverage,source,as_of';

export default function FiguresScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const { units } = useUnits();
  const [unitCode, setUnitCode] = useState('');
  const [date, setDate] = useState(() => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' })); // today in Vietnam, YYYY-MM-DD
  const [source, setSource] = useState('');
  const [values, setValues] = useState<Partial<Record<NumberField | 'adultsCoverage', string>>>({});
  const [fields, setFields] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const stored = useAsync((signal) => request<{ items: DayStats[] }>('/api/v1/stats/figures', { query: { unitCode: unitCode || undefined }, signal }), [unitCode, saved]);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    setFields({});
    setSaved(null);
    const numbers = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value === '' ? null : Number(value)]));
    try {
      await request('/api/v1/stats/figures', { method: 'PUT', body: { items: [{ unitCode, date, source, ...numbers }] } });
      setSaved(t('staff.figures.saved'));
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) setFields(Object.fromEntries(Object.entries(cause.fields).map(([key, value]) => [key.replace(/^items\[0\]\./, ''), value])));
    }
  };

  return (
    <div data-testid="staff-figures">
      <h1>{t('staff.figures.title')}</h1>
      <form className="card staff-form" onSubmit={(event) => void submit(event)}>
        <h2>{t('staff.figures.enter')}</h2>
        {error !== undefined && <p className="notice notice-error" role="alert">{errorText(error, i18n)}</p>}
        {saved && <SuccessNotice>{saved}</SuccessNotice>}
        <div className="staff-grid">
          <Field id="fig-unit" label={t('map.unit')} error={fields.unitCode}>
            {() => (
              <select id="fig-unit" value={unitCode} onChange={(e) => setUnitCode(e.target.value)} required>
                <option value="" />
                {units.map((unit) => (
                  <option key={unit.code} value={unit.code}>{unit.name}</option>
                ))}
              </select>
            )}
          </Field>
          <Field id="fig-date" label={t('staff.figures.date')} error={fields.date}>
            {() => <input id="fig-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />}
          </Field>
          <Field id="fig-source" label={t('staff.figures.source')} error={fields.source}>
            {() => <input id="fig-source" value={source} onChange={(e) => setSource(e.target.value)} required />}
          </Field>
          {NUMBERS.map((key) => (
            <Field key={key} id={`fig-${key}`} label={t(`stats.${key === 'vaccinatedFirstDose' ? 'firstDose' : key === 'vaccinatedFull' ? 'fullDose' : key === 'vaccinatedBooster' ? 'booster' : key}`)} error={fields[key]}>
              {() => <input id={`fig-${key}`} type="number" min={0} value={values[key] ?? ''} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />}
            </Field>
          ))}
          <Field id="fig-coverage" label={`${t('stats.adultsCoverage')} (0–1)`} error={fields.adultsCoverage}>
            {() => <input id="fig-coverage" type="number" min={0} max={1} step="any" value={values.adultsCoverage ?? ''} onChange={(e) => setValues({ ...values, adultsCoverage: e.target.value })} />}
          </Field>
        </div>
        <button type="submit" className="button-primary">{t('common.save')}</button>
      </form>
      <CsvUpload
        label={t('staff.figures.import')}
        accept=".csv,text/csv"
        onUpload={async (text) => {
          const result = await sendRaw<{ saved: number }>('/api/v1/stats/figures/import', 'text/csv', text);
          setSaved(String(result.saved));
          return t('staff.figures.importedRows', { saved: result.saved });
        }}
      />
      <p className="muted staff-csv-header"><code>{HEADER}</code></p>
      {stored.error !== undefined && <ErrorNotice error={stored.error} onRetry={stored.reload} />}
      {stored.data && <p className="muted">{t('staff.figures.stored', { count: stored.data.items.length })}</p>}
    </div>
  );
}
