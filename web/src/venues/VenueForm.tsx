// Create or edit a venue: name, kind, commune, position typed as latitude and longitude, owner, dwell time.
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { ApiError, type FieldErrors } from '../lib/api';
import { Field, errorText } from '../lib/ui';
import { CommunePicker } from '../people/CommunePicker';
import { VENUE_KINDS, createVenue, updateVenue, type Venue, type VenueInput, type VenueKind } from './api';

type Text = 'code' | 'name' | 'address' | 'communeCode' | 'lat' | 'lon' | 'ownerName' | 'ownerPhone' | 'dwell';
type Draft = Record<Text, string> & { kind: VenueKind };

const EMPTY: Draft = { code: '', name: '', kind: 'market', address: '', communeCode: '', lat: '', lon: '', ownerName: '', ownerPhone: '', dwell: '60' };

function draftOf(venue: Venue): Draft {
  return {
    code: venue.code ?? '', name: venue.name, kind: venue.kind, address: venue.address ?? '', communeCode: venue.communeCode,
    lat: String(venue.location.lat), lon: String(venue.location.lon), ownerName: venue.ownerName ?? '', ownerPhone: venue.ownerPhone ?? '',
    dwell: String(venue.defaultDwellMinutes),
  };
}

const optional = (value: string) => (value.trim() === '' ? null : value.trim());

function inputOf(draft: Draft): VenueInput {
  return {
    code: optional(draft.code),
    name: draft.name.trim(),
    kind: draft.kind,
    address: optional(draft.address),
    communeCode: draft.communeCode,
    location: { lat: Number(draft.lat), lon: Number(draft.lon) },
    ownerName: optional(draft.ownerName),
    ownerPhone: optional(draft.ownerPhone),
    ...(draft.dwell.trim() === '' ? {} : { defaultDwellMinutes: Number(draft.dwell) }),
  };
}

/** The server names position problems "location" or "location.lat"; the form has two boxes. */
function formFields(fields: FieldErrors): Partial<Record<Text | 'kind', string>> {
  return {
    ...fields,
    lat: fields['location.lat'] ?? fields.location,
    lon: fields['location.lon'],
    dwell: fields.defaultDwellMinutes,
  };
}

export function VenueForm({ venue, onDone }: { venue: Venue | null; onDone: (saved: Venue | null) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<Draft>(venue ? draftOf(venue) : EMPTY);
  const [fields, setFields] = useState<Partial<Record<Text | 'kind', string>>>({});
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    setFields({});
    try {
      onDone(venue ? await updateVenue(venue.id, inputOf(draft)) : await createVenue(inputOf(draft)));
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) setFields(formFields(cause.fields));
    } finally {
      setSaving(false);
    }
  };

  const text = (key: Text, label: string, type = 'text', extra: { inputMode?: 'decimal' | 'numeric' | 'tel'; hint?: string } = {}) => (
    <Field id={`venue-${key}`} label={label} error={fields[key]} hint={extra.hint}>
      {(describedBy) => (
        <input
          id={`venue-${key}`}
          type={type}
          inputMode={extra.inputMode}
          value={draft[key]}
          step={type === 'number' ? 'any' : undefined}
          aria-describedby={describedBy}
          aria-invalid={Boolean(fields[key])}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form className="card venue-form" onSubmit={(event) => void submit(event)} data-testid="venue-form" aria-labelledby="venue-form-title">
      <h2 id="venue-form-title">{venue ? t('venues.edit') : t('venues.new')}</h2>
      {error !== undefined && <p className="notice notice-error" role="alert">{errorText(error, i18n)}</p>}
      <div className="venue-grid">
        {text('name', t('venues.name'))}
        <Field id="venue-kind" label={t('venues.kind')} error={fields.kind}>
          {() => (
            <select id="venue-kind" value={draft.kind} onChange={(e) => set('kind')(e.target.value)}>
              {VENUE_KINDS.map((kind) => (
                <option key={kind} value={kind}>{t(`venues.kind.${kind}`)}</option>
              ))}
            </select>
          )}
        </Field>
        {text('code', t('venues.code'), 'text', { hint: t('venues.codeHint') })}
        {text('address', t('venues.address'))}
        <Field id="venue-commune" label={t('venues.commune')} error={fields.communeCode}>
          {(describedBy) => (
            <CommunePicker id="venue-commune" value={draft.communeCode} onChange={set('communeCode')} describedBy={describedBy} invalid={Boolean(fields.communeCode)} />
          )}
        </Field>
        {text('lat', t('venues.lat'), 'number', { inputMode: 'decimal' })}
        {text('lon', t('venues.lon'), 'number', { inputMode: 'decimal' })}
        {text('ownerName', t('venues.ownerName'))}
        {text('ownerPhone', t('venues.ownerPhone'), 'tel', { inputMode: 'tel' })}
        {text('dwell', t('venues.dwell'), 'number', { inputMode: 'numeric', hint: t('venues.dwellHint') })}
      </div>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={saving}>{saving ? t('common.saving') : t('common.save')}</button>
        <button type="button" className="button-secondary" onClick={() => onDone(null)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
