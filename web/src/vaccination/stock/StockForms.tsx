// The stock forms: receive a shipment into a store, allocate or transfer doses of a lot, record
// doses wasted at a site. Each refusal is shown on the field the server names.
import { type SubmitEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { Field } from '../../lib/ui';
import { todayIso } from './dates';
import { type Lot, moveStock, type Product, receiveShipment, recordWastage, type Site, WASTAGE_REASONS, type WastageReason } from './api';
import { emptyHolder, fieldError, FormNotices, HolderPicker, holderOf, useFormState } from './formKit';
import { productLabel } from './labels';

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

function LotSelect({ id, lots, value, onChange, error }: { id: string; lots: readonly Lot[]; value: string; onChange: (id: string) => void; error: string | undefined }) {
  const { t } = useI18n();
  return (
    <Field id={id} label={t('vstock.field.lot')} error={error}>
      {(d) => (
        <select id={id} value={value} aria-describedby={d} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('vstock.choose')}</option>
          {lots.map((lot) => (
            <option key={lot.id} value={lot.id}>{t('vstock.lotOption', { product: productLabel(t, lot.productCode), lot: lot.lotNumber, expires: formatDate(lot.expiresOn) })}</option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function ShipmentForm({ products, onDone }: { products: readonly Product[]; onDone: () => void }) {
  const { t } = useI18n();
  const form = useFormState();
  const [v, setV] = useState({ productCode: '', lotNumber: '', expiresOn: '', doses: '', unitCode: '', reference: '' });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const doses = whole(v.doses);
    if (!v.productCode || !v.lotNumber.trim() || !v.expiresOn || !(doses > 0)) {
      form.setFields({
        ...(!v.productCode ? { productCode: t('vstock.required') } : {}), ...(!v.lotNumber.trim() ? { lotNumber: t('vstock.required') } : {}),
        ...(!v.expiresOn ? { expiresOn: t('vstock.required') } : {}), ...(!(doses > 0) ? { doses: t('vstock.positive') } : {}),
      });
      return;
    }
    void form.send(async () => {
      const shipment = await receiveShipment({
        productCode: v.productCode, lotNumber: v.lotNumber.trim(), expiresOn: v.expiresOn, doses,
        ...(v.unitCode.trim() ? { unitCode: v.unitCode.trim() } : {}), ...(v.reference.trim() ? { reference: v.reference.trim() } : {}),
      });
      onDone();
      return t('vstock.shipment.done', { doses: shipment.doses, lot: shipment.lot.lotNumber });
    });
  };
  const set = (key: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [key]: e.target.value });
  return (
    <form className="card vstock-form" onSubmit={submit} noValidate aria-labelledby="vstock-shipment-title" data-testid="vstock-shipment">
      <h2 id="vstock-shipment-title">{t('vstock.shipment.title')}</h2>
      <Field id="vstock-shipment-product" label={t('vstock.field.product')} error={fieldError(form.fields, 'productCode')}>
        {(d) => (
          <select id="vstock-shipment-product" value={v.productCode} aria-describedby={d} onChange={set('productCode')}>
            <option value="">{t('vstock.choose')}</option>
            {products.map((p) => <option key={p.code} value={p.code}>{productLabel(t, p.code)}</option>)}
          </select>
        )}
      </Field>
      <Field id="vstock-shipment-lot" label={t('vstock.field.lotNumber')} error={fieldError(form.fields, 'lotNumber')}>
        {(d) => <input id="vstock-shipment-lot" maxLength={40} value={v.lotNumber} aria-describedby={d} onChange={set('lotNumber')} />}
      </Field>
      <Field id="vstock-shipment-expires" label={t('vstock.field.expiresOn')} error={fieldError(form.fields, 'expiresOn')}>
        {(d) => <input id="vstock-shipment-expires" type="date" value={v.expiresOn} aria-describedby={d} onChange={set('expiresOn')} />}
      </Field>
      <Field id="vstock-shipment-doses" label={t('vstock.field.doses')} error={fieldError(form.fields, 'doses')}>
        {(d) => <input id="vstock-shipment-doses" inputMode="numeric" value={v.doses} aria-describedby={d} onChange={set('doses')} />}
      </Field>
      <Field id="vstock-shipment-unit" label={t('vstock.field.store')} hint={t('vstock.field.storeHint')} error={fieldError(form.fields, 'unitCode')}>
        {(d) => <input id="vstock-shipment-unit" inputMode="numeric" maxLength={5} value={v.unitCode} aria-describedby={d} onChange={set('unitCode')} />}
      </Field>
      <Field id="vstock-shipment-reference" label={t('vstock.field.reference')} error={fieldError(form.fields, 'reference')}>
        {(d) => <input id="vstock-shipment-reference" maxLength={200} value={v.reference} aria-describedby={d} onChange={set('reference')} />}
      </Field>
      <button type="submit" className="button-primary" disabled={form.busy}>{t('vstock.shipment.submit')}</button>
      <FormNotices state={form} testId="vstock-shipment" />
    </form>
  );
}

export function MoveForm({ lots, sites, onDone }: { lots: readonly Lot[]; sites: readonly Site[]; onDone: () => void }) {
  const { t } = useI18n();
  const form = useFormState();
  const [lotId, setLotId] = useState('');
  const [from, setFrom] = useState(emptyHolder('unit'));
  const [to, setTo] = useState(emptyHolder('site'));
  const [doses, setDoses] = useState('');
  const [note, setNote] = useState('');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const count = whole(doses);
    if (!lotId || !(count > 0)) {
      form.setFields({ ...(!lotId ? { lotId: t('vstock.required') } : {}), ...(!(count > 0) ? { doses: t('vstock.positive') } : {}) });
      return;
    }
    void form.send(async () => {
      const moved = await moveStock({ lotId, from: holderOf(from), to: holderOf(to), doses: count, ...(note.trim() ? { note: note.trim() } : {}) });
      onDone();
      return t(moved.kind === 'allocation' ? 'vstock.move.doneAllocation' : 'vstock.move.doneTransfer', { doses: count, left: moved.fromOnHand });
    });
  };
  return (
    <form className="card vstock-form" onSubmit={submit} noValidate aria-labelledby="vstock-move-title" data-testid="vstock-move">
      <h2 id="vstock-move-title">{t('vstock.move.title')}</h2>
      <p className="muted">{t('vstock.move.intro')}</p>
      <LotSelect id="vstock-move-lot" lots={lots} value={lotId} onChange={setLotId} error={fieldError(form.fields, 'lotId')} />
      <HolderPicker id="vstock-move-from" label={t('vstock.move.from')} value={from} onChange={setFrom} sites={sites} error={fieldError(form.fields, 'from')} />
      <HolderPicker id="vstock-move-to" label={t('vstock.move.to')} value={to} onChange={setTo} sites={sites} error={fieldError(form.fields, 'to')} />
      <Field id="vstock-move-doses" label={t('vstock.field.doses')} error={fieldError(form.fields, 'doses')}>
        {(d) => <input id="vstock-move-doses" inputMode="numeric" value={doses} aria-describedby={d} onChange={(e) => setDoses(e.target.value)} />}
      </Field>
      <Field id="vstock-move-note" label={t('vstock.field.note')} error={fieldError(form.fields, 'note')}>
        {(d) => <input id="vstock-move-note" maxLength={500} value={note} aria-describedby={d} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit" className="button-primary" disabled={form.busy}>{t('vstock.move.submit')}</button>
      <FormNotices state={form} testId="vstock-move" />
    </form>
  );
}

export function WastageForm({ lots, sites, onDone }: { lots: readonly Lot[]; sites: readonly Site[]; onDone: () => void }) {
  const { t } = useI18n();
  const form = useFormState();
  const [v, setV] = useState({ siteId: '', lotId: '', doses: '', reason: 'opened_vial' as WastageReason, sessionDate: todayIso(), note: '' });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const doses = whole(v.doses);
    if (!v.siteId || !v.lotId || !(doses > 0)) {
      form.setFields({ ...(!v.siteId ? { siteId: t('vstock.required') } : {}), ...(!v.lotId ? { lotId: t('vstock.required') } : {}), ...(!(doses > 0) ? { doses: t('vstock.positive') } : {}) });
      return;
    }
    void form.send(async () => {
      const wasted = await recordWastage({ siteId: v.siteId, lotId: v.lotId, doses, reason: v.reason, sessionDate: v.sessionDate, ...(v.note.trim() ? { note: v.note.trim() } : {}) });
      onDone();
      return t('vstock.wastage.done', { doses, left: wasted.onHand });
    });
  };
  return (
    <form className="card vstock-form" onSubmit={submit} noValidate aria-labelledby="vstock-wastage-title" data-testid="vstock-wastage">
      <h2 id="vstock-wastage-title">{t('vstock.wastage.title')}</h2>
      <Field id="vstock-wastage-site" label={t('vstock.holder.siteName')} error={fieldError(form.fields, 'siteId')}>
        {(d) => (
          <select id="vstock-wastage-site" value={v.siteId} aria-describedby={d} onChange={(e) => setV({ ...v, siteId: e.target.value })}>
            <option value="">{t('vstock.choose')}</option>
            {sites.map((site) => <option key={site.id} value={site.id}>{site.name}</option>)}
          </select>
        )}
      </Field>
      <LotSelect id="vstock-wastage-lot" lots={lots} value={v.lotId} onChange={(lotId) => setV({ ...v, lotId })} error={fieldError(form.fields, 'lotId')} />
      <Field id="vstock-wastage-doses" label={t('vstock.field.doses')} error={fieldError(form.fields, 'doses')}>
        {(d) => <input id="vstock-wastage-doses" inputMode="numeric" value={v.doses} aria-describedby={d} onChange={(e) => setV({ ...v, doses: e.target.value })} />}
      </Field>
      <Field id="vstock-wastage-reason" label={t('vstock.field.reason')} error={fieldError(form.fields, 'reason')}>
        {(d) => (
          <select id="vstock-wastage-reason" value={v.reason} aria-describedby={d} onChange={(e) => setV({ ...v, reason: e.target.value as WastageReason })}>
            {WASTAGE_REASONS.map((reason) => <option key={reason} value={reason}>{t(`vstock.wastageReason.${reason}`)}</option>)}
          </select>
        )}
      </Field>
      <Field id="vstock-wastage-date" label={t('vstock.field.sessionDate')} error={fieldError(form.fields, 'sessionDate')}>
        {(d) => <input id="vstock-wastage-date" type="date" value={v.sessionDate} aria-describedby={d} onChange={(e) => setV({ ...v, sessionDate: e.target.value })} />}
      </Field>
      <Field id="vstock-wastage-note" label={t('vstock.field.note')} error={fieldError(form.fields, 'note')}>
        {(d) => <input id="vstock-wastage-note" maxLength={500} value={v.note} aria-describedby={d} onChange={(e) => setV({ ...v, note: e.target.value })} />}
      </Field>
      <button type="submit" className="button-primary" disabled={form.busy}>{t('vstock.wastage.submit')}</button>
      <FormNotices state={form} testId="vstock-wastage" />
    </form>
  );
}
