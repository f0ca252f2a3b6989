// A new zone drawn on the map, with its kind, name, unit, dates and the decision that established it.
import { lazy, Suspense, useMemo, useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { ApiError, type FieldErrors } from '../lib/api';
import { errorText, Field, Loading } from '../lib/ui';
import { ZONE_KINDS, type Zone, type ZoneKind } from '../map/api';
import { useUnits } from '../units/UnitsProvider';
import { createZone, type ZoneInput } from './api';
import { EMPTY_SKETCH, sketchPolygon, type Sketch } from './sketch';

const ZoneDrawer = lazy(() => import('./ZoneDrawer'));

type Draft = Record<'name' | 'unitCode' | 'startsOn' | 'endsOn' | 'decisionNumber' | 'decisionDate' | 'issuedBy' | 'description', string> & { kind: ZoneKind };

const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }); // YYYY-MM-DD in Vietnam

function inputOf(draft: Draft, sketch: Sketch): ZoneInput {
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  const decision = { number: optional(draft.decisionNumber), date: optional(draft.decisionDate), issuedBy: optional(draft.issuedBy) };
  return {
    kind: draft.kind,
    name: draft.name.trim(),
    unitCode: draft.unitCode,
    geometry: sketchPolygon(sketch),
    startsOn: draft.startsOn,
    endsOn: optional(draft.endsOn),
    ...(decision.number || decision.date || decision.issuedBy ? { decision } : {}),
    description: optional(draft.description),
  };
}

/** Districts, each followed by its communes. */
function UnitSelect({ id, value, onChange, describedBy }: { id: string; value: string; onChange: (code: string) => void; describedBy?: string }) {
  const { t } = useI18n();
  const { units } = useUnits();
  const districts = useMemo(() => units.filter((unit) => unit.level === 'district'), [units]);
  return (
    <select id={id} value={value} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('zones.form.chooseUnit')}</option>
      {districts.map((district) => (
        <optgroup key={district.code} label={district.name}>
          <option value={district.code}>{t('zones.form.wholeDistrict', { name: district.name })}</option>
          {units
            .filter((unit) => unit.parentCode === district.code)
            .map((commune) => (
              <option key={commune.code} value={commune.code}>{commune.name}</option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

export function ZoneForm({ zones, onDone }: { zones: Zone[]; onDone: (saved: Zone | null) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<Draft>({ kind: 'lockdown', name: '', unitCode: '', startsOn: today(), endsOn: '', decisionNumber: '', decisionDate: '', issuedBy: '', description: '' });
  const [sketch, setSketch] = useState<Sketch>(EMPTY_SKETCH);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const redraw = (next: Sketch) => {
    setSketch(next);
    setFields(({ geometry: _drawnAgain, ...others }) => others);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    setFields({});
    if (!sketch.closed) {
      setFields({ geometry: t('zones.draw.notClosed') });
      return;
    }
    setSaving(true);
    try {
      onDone(await createZone(inputOf(draft, sketch)));
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) setFields(cause.fields);
    } finally {
      setSaving(false);
    }
  };

  const text = (key: keyof Draft, label: string, type = 'text') => {
    const error = fields[key] ?? (key === 'decisionNumber' ? fields['decision.number'] : key === 'decisionDate' ? fields['decision.date'] : key === 'issuedBy' ? fields['decision.issuedBy'] : undefined);
    return (
      <Field id={`zone-${key}`} label={label} error={error}>
        {(describedBy) => <input id={`zone-${key}`} type={type} value={draft[key]} aria-describedby={describedBy} aria-invalid={Boolean(error)} onChange={(e) => set(key)(e.target.value)} />}
      </Field>
    );
  };

  return (
    <form className="card staff-form" onSubmit={(event) => void submit(event)} data-testid="zone-form">
      <h2>{t('zones.form.title')}</h2>
      {error !== undefined && <p className="notice notice-error" role="alert">{errorText(error, i18n)}</p>}
      <p className="muted">{t('zones.draw.keyboardHint')}</p>
      <Suspense fallback={<Loading />}>
        <ZoneDrawer sketch={sketch} onChange={redraw} zones={zones} label={t('zones.draw.map')} />
      </Suspense>
      {fields.geometry && (
        <p className="field-error" data-field-error="zone-geometry" role="alert">
          {fields.geometry}
        </p>
      )}
      <div className="staff-grid">
        <Field id="zone-kind" label={t('staff.kind')} error={fields.kind}>
          {() => (
            <select id="zone-kind" value={draft.kind} onChange={(e) => set('kind')(e.target.value)}>
              {ZONE_KINDS.map((kind) => (
                <option key={kind} value={kind}>{t(`map.zone.${kind}`)}</option>
              ))}
            </select>
          )}
        </Field>
        {text('name', t('staff.name'))}
        <Field id="zone-unit" label={t('map.unit')} error={fields.unitCode}>
          {(describedBy) => <UnitSelect id="zone-unit" value={draft.unitCode} onChange={set('unitCode')} describedBy={describedBy} />}
        </Field>
        {text('startsOn', t('staff.validFrom'), 'date')}
        {text('endsOn', t('staff.validTo'), 'date')}
        {text('decisionNumber', t('zones.form.decisionNumber'))}
        {text('decisionDate', t('zones.form.decisionDate'), 'date')}
        {text('issuedBy', t('zones.form.issuedBy'))}
        {text('description', t('map.description'))}
      </div>
      <div className="staff-actions">
        <button type="submit" className="button-primary" disabled={saving}>{saving ? t('common.saving') : t('common.save')}</button>
        <button type="button" className="button-secondary" onClick={() => onDone(null)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
