// Creating a session: a site in the user's area, a date, a product and time slots with a capacity
// each (08:00–09:00 × 20 … to start from). Field errors from the server are shown at their field.
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../../i18n';
import { ApiError } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { ErrorNotice, Field } from '../../lib/ui';
import { createSession, listProducts, listSites, type Session, type SlotDraft } from './api';

const tomorrow = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + 86_400_000));
const FIRST_SLOTS: SlotDraft[] = [{ start: '07:30', end: '09:00', capacity: 50 }, { start: '09:00', end: '10:30', capacity: 50 }, { start: '13:30', end: '15:00', capacity: 50 }];

export function SessionForm({ onCreated }: { onCreated: (session: Session) => void }) {
  const { t } = useI18n();
  const sites = useAsync((signal) => listSites(signal), []);
  const products = useAsync((signal) => listProducts(signal), []);
  const [siteId, setSiteId] = useState('');
  const [sessionDate, setSessionDate] = useState(tomorrow);
  const [productCode, setProductCode] = useState('');
  const [note, setNote] = useState('');
  const [slots, setSlots] = useState<SlotDraft[]>(FIRST_SLOTS);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const slotField = (i: number, name: keyof SlotDraft) => fields[`slots[${i}].${name}`] ?? fields[`slots.${i}.${name}`];
  const setSlot = (i: number, patch: Partial<SlotDraft>) => setSlots((all) => all.map((slot, j) => (j === i ? { ...slot, ...patch } : slot)));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setFields({});
    setFailure(undefined);
    try {
      const session = await createSession({ siteId, sessionDate, productCode: productCode || (products.data?.items[0]?.code ?? ''), slots, ...(note.trim() ? { note: note.trim() } : {}) });
      onCreated(session);
    } catch (error) {
      if (error instanceof ApiError) setFields(error.fields);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="vreg-create-title" data-testid="vreg-session-form" noValidate>
      <h2 id="vreg-create-title">{t('vreg.sessions.create')}</h2>
      {failure !== undefined && <ErrorNotice error={failure} />}
      <div className="form-grid">
        <Field id="vreg-s-site" label={t('vreg.sessions.site')} error={fields.siteId}>
          {(describedBy) => (
            <select id="vreg-s-site" value={siteId} aria-describedby={describedBy} onChange={(e) => setSiteId(e.target.value)}>
              <option value="">{sites.loading ? t('common.loading') : t('vreg.sessions.siteChoose')}</option>
              {sites.data?.items.filter((s) => s.active).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          )}
        </Field>
        <Field id="vreg-s-date" label={t('vreg.sessions.date')} error={fields.sessionDate}>
          {(describedBy) => <input id="vreg-s-date" type="date" value={sessionDate} aria-describedby={describedBy} onChange={(e) => setSessionDate(e.target.value)} />}
        </Field>
        <Field id="vreg-s-product" label={t('vreg.sessions.product')} error={fields.productCode}>
          {(describedBy) => (
            <select id="vreg-s-product" value={productCode || (products.data?.items[0]?.code ?? '')} aria-describedby={describedBy} onChange={(e) => setProductCode(e.target.value)}>
              {products.data?.items.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
            </select>
          )}
        </Field>
      </div>
      {sites.error !== undefined && <ErrorNotice error={sites.error} onRetry={sites.reload} />}
      <fieldset className="vreg-screening">
        <legend>{t('vreg.sessions.slots')}</legend>
        {fields.slots && <p className="field-error">{fields.slots}</p>}
        <div className="vreg-slot-rows">
          {slots.map((slot, i) => (
            <div key={i} className="vreg-slot-row" data-testid={`vreg-s-slot-${i}`}>
              <Field id={`vreg-s-start-${i}`} label={t('vreg.sessions.slotStart')} error={slotField(i, 'start')}>
                {(describedBy) => <input id={`vreg-s-start-${i}`} type="time" value={slot.start} aria-describedby={describedBy} onChange={(e) => setSlot(i, { start: e.target.value })} />}
              </Field>
              <Field id={`vreg-s-end-${i}`} label={t('vreg.sessions.slotEnd')} error={slotField(i, 'end')}>
                {(describedBy) => <input id={`vreg-s-end-${i}`} type="time" value={slot.end} aria-describedby={describedBy} onChange={(e) => setSlot(i, { end: e.target.value })} />}
              </Field>
              <Field id={`vreg-s-capacity-${i}`} label={t('vreg.sessions.slotCapacity')} error={slotField(i, 'capacity')}>
                {(describedBy) => (
                  <input id={`vreg-s-capacity-${i}`} type="number" min={1} max={10000} inputMode="numeric" value={slot.capacity} aria-describedby={describedBy}
                    onChange={(e) => setSlot(i, { capacity: Number(e.target.value) })} />
                )}
              </Field>
              <button type="button" className="button-secondary button-small" disabled={slots.length === 1} aria-label={t('vreg.sessions.removeSlot', { n: i + 1 })}
                onClick={() => setSlots((all) => all.filter((_, j) => j !== i))}>×</button>
            </div>
          ))}
        </div>
        <button type="button" className="button-secondary" onClick={() => setSlots((all) => [...all, { start: all.at(-1)?.end ?? '08:00', end: '', capacity: all.at(-1)?.capacity ?? 20 }])}>
          {t('vreg.sessions.addSlot')}
        </button>
      </fieldset>
      <Field id="vreg-s-note" label={t('vreg.sessions.note')}>
        {(describedBy) => <input id="vreg-s-note" value={note} maxLength={500} aria-describedby={describedBy} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit" className="button-primary" disabled={busy} data-testid="vreg-s-create">{busy ? t('common.saving') : t('vreg.sessions.create')}</button>
    </form>
  );
}
