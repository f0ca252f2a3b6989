// Printing fresh label sheets (A4, 65 Code 128 labels a page, codes never issued before).
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice, Field } from '../lib/ui';
import { downloadLabels } from './api';

export function LabelsForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [count, setCount] = useState('65');
  const [kind, setKind] = useState<'tube' | 'pool'>('pool');
  const [error, setError] = useState<unknown>();
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const n = Number(count);
    const bad = !Number.isInteger(n) || n < 1 || n > 400;
    setInvalid(bad);
    if (bad) return;
    setBusy(true);
    setError(undefined);
    try {
      await downloadLabels({ count: n, kind }, `nhan-ong-mau-${kind}.pdf`);
      onDone();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="labels-title" data-testid="labels-form">
      <h2 id="labels-title">{t('sessions.labels.title')}</h2>
      <p className="muted">{t('sessions.labels.intro')}</p>
      <div className="testing-form-grid">
        <Field id="labels-count" label={t('sessions.labels.count')} hint={t('sessions.labels.countHint')} error={invalid ? t('sessions.labels.countInvalid') : undefined}>
          {(d) => <input id="labels-count" inputMode="numeric" value={count} aria-describedby={d} onChange={(e) => setCount(e.target.value)} />}
        </Field>
        <Field id="labels-kind" label={t('sessions.labels.kind')}>
          {(d) => (
            <select id="labels-kind" value={kind} aria-describedby={d} onChange={(e) => setKind(e.target.value as 'tube' | 'pool')}>
              <option value="pool">{t('testing.tubeKind.pool')}</option>
              <option value="tube">{t('testing.tubeKind.individual')}</option>
            </select>
          )}
        </Field>
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>{busy ? t('sessions.labels.printing') : t('sessions.labels.print')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
