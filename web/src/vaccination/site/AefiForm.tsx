// An adverse event following immunisation, reported when an observation ends with a reaction: onset,
// severity, symptoms from the value list, action taken, hospital if referred. The report id is made
// here, so sending it again reports nothing new.
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../../i18n';
import { ApiError } from '../../lib/api';
import { ErrorNotice, Field } from '../../lib/ui';
import { AEFI_SYMPTOMS, type AefiDetails, type AefiSymptom } from './api';

/** "YYYY-MM-DDTHH:mm" of now in the browser's zone, for a datetime-local input. */
const localNow = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

interface Props {
  personName: string;
  onSubmit: (details: AefiDetails) => Promise<void>;
  onCancel: () => void;
}

export function AefiForm({ personName, onSubmit, onCancel }: Props) {
  const { t } = useI18n();
  const [id] = useState(() => crypto.randomUUID());
  const [onset, setOnset] = useState(localNow);
  const [severity, setSeverity] = useState<'mild' | 'serious'>('mild');
  const [symptoms, setSymptoms] = useState<AefiSymptom[]>([]);
  const [description, setDescription] = useState('');
  const [action, setAction] = useState<AefiDetails['action']>('observed');
  const [actionNote, setActionNote] = useState('');
  const [hospital, setHospital] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // refusals name aefi.<field> when sent with an observation, <field> when sent alone
  const fields = error instanceof ApiError ? Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.replace(/^aefi\./, ''), v])) : {};

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit({
        id, onsetAt: new Date(onset).toISOString(), severity, symptoms, action,
        ...(description.trim() ? { description } : {}), ...(actionNote.trim() ? { actionNote } : {}), ...(action === 'referred' ? { hospital } : {}),
      });
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (symptom: AefiSymptom) => setSymptoms((list) => (list.includes(symptom) ? list.filter((s) => s !== symptom) : [...list, symptom]));

  return (
    <form className="card" aria-labelledby="vsite-aefi-title" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="vsite-aefi-title">{t('vsite.aefiTitle', { name: personName })}</h3>
      <Field id="vsite-aefi-onset" label={t('vsite.onsetAt')} error={fields.onsetAt}>
        {(d) => <input id="vsite-aefi-onset" type="datetime-local" value={onset} aria-describedby={d} onChange={(e) => setOnset(e.target.value)} />}
      </Field>
      <fieldset className={fields.severity ? 'field field-invalid' : 'field'}>
        <legend>{t('vsite.severity')}</legend>
        {(['mild', 'serious'] as const).map((value) => (
          <label key={value} className="inline-choice">
            <input type="radio" name="vsite-aefi-severity" checked={severity === value} onChange={() => setSeverity(value)} />
            {t(`vsite.severity.${value}`)}
          </label>
        ))}
        {fields.severity && <p className="field-error">{fields.severity}</p>}
      </fieldset>
      <fieldset className={fields.symptoms ? 'field field-invalid' : 'field'}>
        <legend>{t('vsite.symptoms')}</legend>
        {AEFI_SYMPTOMS.map((symptom) => (
          <label key={symptom} className="inline-choice">
            <input type="checkbox" checked={symptoms.includes(symptom)} onChange={() => toggle(symptom)} />
            {t(`vsite.symptom.${symptom}`)}
          </label>
        ))}
        {fields.symptoms && <p className="field-error">{fields.symptoms}</p>}
      </fieldset>
      <Field id="vsite-aefi-description" label={t('vsite.description')} error={fields.description}>
        {(d) => <textarea id="vsite-aefi-description" rows={2} maxLength={2000} value={description} aria-describedby={d} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <fieldset className="field">
        <legend>{t('vsite.action')}</legend>
        {(['observed', 'treated_on_site', 'referred'] as const).map((value) => (
          <label key={value} className="inline-choice">
            <input type="radio" name="vsite-aefi-action" checked={action === value} onChange={() => setAction(value)} />
            {t(`vsite.action.${value}`)}
          </label>
        ))}
      </fieldset>
      <Field id="vsite-aefi-action-note" label={t('vsite.actionNote')} error={fields.actionNote}>
        {(d) => <input id="vsite-aefi-action-note" maxLength={1000} value={actionNote} aria-describedby={d} onChange={(e) => setActionNote(e.target.value)} />}
      </Field>
      {action === 'referred' && (
        <Field id="vsite-aefi-hospital" label={t('vsite.hospital')} error={fields.hospital}>
          {(d) => <input id="vsite-aefi-hospital" maxLength={200} value={hospital} aria-describedby={d} onChange={(e) => setHospital(e.target.value)} />}
        </Field>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
      <button type="submit" className="button-primary" disabled={busy}>{busy ? t('common.saving') : t('vsite.submitAefi')}</button>
      <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
    </form>
  );
}
