// Daily follow-up of a confirmed contact: the checks recorded (newest first) and the day's check —
// symptoms, temperature, a note. One a day: recording a day that has a check replaces it (the server's rule).
import { useState, type SubmitEvent } from 'react';
import { SYMPTOMS } from '../checkin/api';
import { useI18n, type Translate } from '../i18n';
import { ApiError } from '../lib/api';
import { formatDate, formatDateTime } from '../lib/format';
import { ErrorNotice, Field, SuccessNotice } from '../lib/ui';
import { recordCheck, type ContactCheck, type ContactDetail } from './api';
import { vietnamDay } from './time';

/** From this temperature on, a check is shown as a fever. */
const FEVER_C = 37.5;
const KNOWN = new Set<string>(SYMPTOMS);

export function symptomText(symptoms: string[], t: Translate): string {
  if (symptoms.length === 0) return t('cases.check.noSymptoms');
  return symptoms.map((s) => (KNOWN.has(s) ? t(`checkin.declare.symptom.${s as (typeof SYMPTOMS)[number]}`) : s)).join(', ');
}

export function DailyChecks({ contact, canRecord, onRecorded }: { contact: ContactDetail; canRecord: boolean; onRecorded: () => void }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="checks-title" data-testid="daily-checks">
      <h2 id="checks-title">{t('cases.check.title')}</h2>
      {contact.status === 'candidate' && <p className="muted" data-testid="checks-not-yet">{t('cases.check.notYet')}</p>}
      {contact.checks.length === 0 ? (
        <p className="muted">{t('cases.check.none')}</p>
      ) : (
        <div className="table-scroll table-scroll-cards">
          <table className="table table-cards" data-testid="checks-table">
            <caption className="visually-hidden">{t('cases.check.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.check.day')}</th>
                <th scope="col">{t('cases.check.symptoms')}</th>
                <th scope="col">{t('cases.check.temperature')}</th>
                <th scope="col">{t('cases.check.note')}</th>
              </tr>
            </thead>
            <tbody>{contact.checks.map((check) => <CheckRow key={check.checkedOn} check={check} />)}</tbody>
          </table>
        </div>
      )}
      {canRecord && <CheckForm contact={contact} onRecorded={onRecorded} />}
    </section>
  );
}

function CheckRow({ check }: { check: ContactCheck }) {
  const { t } = useI18n();
  const fever = check.temperatureC !== null && check.temperatureC >= FEVER_C;
  return (
    <tr data-testid="check-row">
      <th scope="row">{formatDate(check.checkedOn)}</th>
      <td data-label={t('cases.check.symptoms')}>{symptomText(check.symptoms, t)}</td>
      <td data-label={t('cases.check.temperature')}>
        {check.temperatureC === null ? '—' : `${check.temperatureC.toLocaleString('vi-VN')} °C`}
        {fever && <span className="badge badge-warning">{t('cases.check.fever')}</span>}
      </td>
      <td data-label={t('cases.check.note')}>{check.note ?? ''} <small className="muted">{formatDateTime(check.recordedAt)}</small></td>
    </tr>
  );
}

function CheckForm({ contact, onRecorded }: { contact: ContactDetail; onRecorded: () => void }) {
  const { t } = useI18n();
  const today = vietnamDay();
  const [day, setDay] = useState(today);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [other, setOther] = useState('');
  const [temperature, setTemperature] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<{ day: string; replaced: boolean } | null>(null);
  const replaces = contact.checks.some((check) => check.checkedOn === day);

  const toggle = (symptom: string) => setChosen((now) => {
    const next = new Set(now);
    if (next.has(symptom)) next.delete(symptom);
    else next.add(symptom);
    return next;
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const celsius = temperature.trim() ? Number(temperature.replace(',', '.')) : null;
    if (celsius !== null && !(celsius >= 30 && celsius <= 45)) {
      setFields({ temperatureC: t('cases.check.badTemperature') });
      return;
    }
    const symptoms = [...chosen, ...other.split(/[,;]/).map((s) => s.trim()).filter(Boolean)];
    setBusy(true);
    setFields({});
    setError(undefined);
    try {
      await recordCheck(contact.id, { checkedOn: day, symptoms, temperatureC: celsius, note: note.trim() || null });
      setSaved({ day, replaced: replaces });
      setChosen(new Set());
      setOther('');
      setTemperature('');
      setNote('');
      onRecorded();
    } catch (cause) {
      if (cause instanceof ApiError) setFields(cause.fields);
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="check-form" onSubmit={(e) => void submit(e)} aria-labelledby="check-form-title" data-testid="check-form" noValidate>
      <h3 id="check-form-title">{t('cases.check.record')}</h3>
      <div className="filters">
        <Field id="check-day" label={t('cases.check.day')} error={fields.checkedOn} hint={replaces ? t('cases.check.replaces') : undefined}>
          {(describedBy) => <input id="check-day" type="date" value={day} max={today} required aria-describedby={describedBy} onChange={(e) => setDay(e.target.value)} />}
        </Field>
        <Field id="check-temperature" label={t('cases.check.temperatureC')} error={fields.temperatureC}>
          {(describedBy) => (
            <input id="check-temperature" inputMode="decimal" value={temperature} placeholder="36,8" aria-describedby={describedBy} aria-invalid={Boolean(fields.temperatureC)}
              onChange={(e) => setTemperature(e.target.value)} />
          )}
        </Field>
      </div>
      <fieldset className="check-symptoms">
        <legend>{t('cases.check.symptoms')}</legend>
        {SYMPTOMS.map((symptom) => (
          <label key={symptom} className="check-symptom">
            <input type="checkbox" checked={chosen.has(symptom)} onChange={() => toggle(symptom)} /> {t(`checkin.declare.symptom.${symptom}`)}
          </label>
        ))}
      </fieldset>
      <div className="filters">
        <Field id="check-other" label={t('cases.check.other')}>
          {(describedBy) => <input id="check-other" value={other} maxLength={300} aria-describedby={describedBy} onChange={(e) => setOther(e.target.value)} />}
        </Field>
        <Field id="check-note" label={t('cases.check.note')} error={fields.note}>
          {(describedBy) => <input id="check-note" value={note} maxLength={1000} aria-describedby={describedBy} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </div>
      {error !== undefined && Object.keys(fields).length === 0 && <ErrorNotice error={error} />}
      {saved && <SuccessNotice>{t(saved.replaced ? 'cases.check.replaced' : 'cases.check.saved', { day: formatDate(saved.day) })}</SuccessNotice>}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>{busy ? t('cases.working') : t('cases.check.save')}</button>
      </div>
    </form>
  );
}
