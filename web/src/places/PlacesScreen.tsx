// Staff: the places of the map (testing and vaccination sites, facilities, checkpoints): list, form, close, CSV import.
import { lazy, Suspense, useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { ApiError, type FieldErrors } from '../lib/api';
import { formatDate } from '../lib/format';
import { ErrorNotice, Field, Loading, Pagination, SuccessNotice, errorText } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { PLACE_KINDS, type Place, type PlaceKind, type PlaceStatus } from '../map/api';
import { CommunePicker } from '../people/CommunePicker';
import { closePlace, createPlace, importPlaces, listPlaces, updatePlace, type PlaceInput } from './api';
import './staff.css';

const PositionPicker = lazy(() => import('./PositionPicker'));
const LIMIT = 50;
const STATUSES: PlaceStatus[] = ['open', 'full', 'suspended', 'closed'];

type Draft = Record<'code' | 'name' | 'address' | 'communeCode' | 'lat' | 'lon' | 'openingHours' | 'phone' | 'capacity' | 'validFrom' | 'validTo' | 'notes', string> & { kind: PlaceKind; status: PlaceStatus };

const empty: Draft = { code: '', kind: 'testing_site', name: '', address: '', communeCode: '', lat: '', lon: '', openingHours: '', phone: '', capacity: '', status: 'open', validFrom: '', validTo: '', notes: '' };

function draftOf(place: Place): Draft {
  const text = (value: string | number | null) => (value === null ? '' : String(value));
  return {
    code: text(place.code), kind: place.kind, name: place.name, address: text(place.address), communeCode: place.communeCode,
    lat: text(place.lat), lon: text(place.lon), openingHours: text(place.openingHours), phone: text(place.phone), capacity: text(place.capacity),
    status: place.status, validFrom: text(place.validFrom), validTo: text(place.validTo), notes: text(place.notes),
  };
}

function inputOf(draft: Draft): PlaceInput {
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    code: optional(draft.code),
    kind: draft.kind,
    name: draft.name.trim(),
    address: optional(draft.address),
    communeCode: draft.communeCode,
    lat: Number(draft.lat),
    lon: Number(draft.lon),
    openingHours: optional(draft.openingHours),
    phone: optional(draft.phone),
    capacity: draft.capacity.trim() === '' ? null : Number(draft.capacity),
    status: draft.status,
    validFrom: optional(draft.validFrom),
    validTo: optional(draft.validTo),
    notes: optional(draft.notes),
  };
}

function PlaceForm({ place, onDone }: { place: Place | null; onDone: (saved: Place | null) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<Draft>(place ? draftOf(place) : empty);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    setFields({});
    try {
      const saved = place ? await updatePlace(place.id, inputOf(draft)) : await createPlace(inputOf(draft));
      onDone(saved);
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) setFields(cause.fields);
    } finally {
      setSaving(false);
    }
  };

  const text = (key: keyof Draft, label: string, type = 'text') => (
    <Field id={`place-${key}`} label={label} error={fields[key]}>
      {(describedBy) => (
        <input id={`place-${key}`} type={type} value={draft[key]} step={type === 'number' ? 'any' : undefined} aria-describedby={describedBy} aria-invalid={Boolean(fields[key])} onChange={(e) => set(key)(e.target.value)} />
      )}
    </Field>
  );

  return (
    <form className="card staff-form" onSubmit={(event) => void submit(event)} data-testid="place-form">
      <h2>{place ? t('staff.places.edit') : t('staff.places.new')}</h2>
      {error !== undefined && <p className="notice notice-error" role="alert">{errorText(error, i18n)}</p>}
      <div className="staff-grid">
        <Field id="place-kind" label={t('staff.kind')} error={fields.kind}>
          {() => (
            <select id="place-kind" value={draft.kind} onChange={(e) => set('kind')(e.target.value)}>
              {PLACE_KINDS.map((kind) => (
                <option key={kind} value={kind}>{t(`map.kind.${kind}`)}</option>
              ))}
            </select>
          )}
        </Field>
        {text('name', t('staff.name'))}
        {text('code', t('staff.code'))}
        {text('address', t('map.address'))}
        <Field id="place-commune" label={t('staff.commune')} error={fields.communeCode}>
          {(describedBy) => <CommunePicker id="place-commune" value={draft.communeCode} onChange={set('communeCode')} describedBy={describedBy} invalid={Boolean(fields.communeCode)} />}
        </Field>
        {text('lat', t('staff.lat'), 'number')}
        {text('lon', t('staff.lon'), 'number')}
        {text('openingHours', t('map.openingHours'))}
        {text('phone', t('map.phone'), 'tel')}
        {text('capacity', t('map.capacity'), 'number')}
        <Field id="place-status" label={t('map.status')} error={fields.status}>
          {() => (
            <select id="place-status" value={draft.status} onChange={(e) => set('status')(e.target.value)}>
              {STATUSES.map((status) => (
                <option key={status} value={status}>{t(`map.status.${status}`)}</option>
              ))}
            </select>
          )}
        </Field>
        {text('validFrom', t('staff.validFrom'), 'date')}
        {text('validTo', t('staff.validTo'), 'date')}
        {text('notes', t('map.notes'))}
      </div>
      <p className="muted">{t('staff.pickHint')}</p>
      <Suspense fallback={<Loading />}>
        <PositionPicker
          lat={draft.lat === '' ? null : Number(draft.lat)}
          lon={draft.lon === '' ? null : Number(draft.lon)}
          label={t('staff.pickOnMap')}
          onPick={(lat, lon) => setDraft((d) => ({ ...d, lat: String(lat), lon: String(lon) }))}
        />
      </Suspense>
      <div className="staff-actions">
        <button type="submit" className="button-primary" disabled={saving}>{saving ? t('common.saving') : t('common.save')}</button>
        <button type="button" className="button-secondary" onClick={() => onDone(null)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

export function CsvUpload({ label, accept, onUpload }: { label: string; accept: string; onUpload: (text: string) => Promise<string> }) {
  const i18n = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    setError(undefined);
    try {
      setMessage(await onUpload(await file.text()));
    } catch (cause) {
      setError(cause);
    }
  };
  return (
    <div className="staff-upload">
      <label>
        {label} <input type="file" accept={accept} onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same file, corrected, can be chosen again
          void upload(file);
        }} />
      </label>
      {message && <SuccessNotice>{message}</SuccessNotice>}
      {error !== undefined && (
        <div className="notice notice-error" role="alert">
          <p>{errorText(error, i18n)}</p>
          {error instanceof ApiError && Object.keys(error.fields).length > 0 && (
            <ul>
              {Object.entries(error.fields).map(([field, problem]) => (
                <li key={field}>
                  <code>{field}</code>: {problem}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

export default function PlacesScreen() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<Place | 'new' | null>(null);
  const [closeError, setCloseError] = useState<unknown>();
  const { data, error, loading, reload } = useAsync((signal) => listPlaces({ q, limit: LIMIT, offset }, signal), [q, offset]);

  const close = async (place: Place) => {
    const reason = window.prompt(t('staff.places.closeReason'));
    if (reason === null) return;
    setCloseError(undefined);
    try {
      await closePlace(place.id, reason || undefined);
      reload();
    } catch (cause) {
      setCloseError(cause);
    }
  };

  return (
    <div data-testid="staff-places">
      <h1>{t('staff.places.title')}</h1>
      <div className="staff-toolbar">
        <input type="search" aria-label={t('common.search')} placeholder={t('common.search')} value={q} onChange={(e) => { setOffset(0); setQ(e.target.value); }} />
        <button type="button" className="button-primary" onClick={() => setEditing('new')}>{t('staff.places.new')}</button>
      </div>
      <CsvUpload
        label={t('staff.places.import')}
        accept=".csv,text/csv"
        onUpload={async (text) => {
          const result = await importPlaces(text);
          reload();
          return t('staff.imported', { created: result.created, updated: result.updated });
        }}
      />
      {editing && <PlaceForm key={editing === 'new' ? 'new' : editing.id} place={editing === 'new' ? null : editing} onDone={(saved) => { setEditing(null); if (saved) reload(); }} />}
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {closeError !== undefined && <ErrorNotice error={closeError} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          <p className="muted">{t('common.results', { total: data.total })}</p>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('staff.name')}</th>
                  <th scope="col">{t('staff.kind')}</th>
                  <th scope="col">{t('staff.commune')}</th>
                  <th scope="col">{t('map.status')}</th>
                  <th scope="col">{t('map.valid')}</th>
                  <th scope="col"><span className="visually-hidden">{t('staff.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((place) => (
                  <tr key={place.id}>
                    <th scope="row">{place.name}<br /><small className="muted">{place.code}</small></th>
                    <td>{t(`map.kind.${place.kind}`)}</td>
                    <td>{place.communeName}</td>
                    <td>{t(`map.status.${place.status}`)}</td>
                    <td>{formatDate(place.validFrom)}{place.validTo ? ` – ${formatDate(place.validTo)}` : ''}</td>
                    <td className="staff-row-actions">
                      <button type="button" className="button-secondary button-small" onClick={() => setEditing(place)}>{t('staff.edit')}</button>
                      {place.status !== 'closed' && (
                        <button type="button" className="button-secondary button-small" onClick={() => void close(place)}>{t('staff.places.close')}</button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.total > LIMIT && <Pagination total={data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
        </>
      )}
    </div>
  );
}
