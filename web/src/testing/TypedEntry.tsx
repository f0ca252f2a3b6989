// What the collector types, or what a handheld scanner types like a keyboard: a tube's barcode, a
// national ID or the text of a QR, followed by Enter. The box is cleared at once: a handheld scanner
// may type the next code before this one is stored.
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { parseCollectorCode } from './codes';

interface Props {
  id: string;
  label: string;
  hint: string;
  onText: (text: string) => void;
}

export function TypedEntry({ id, label, hint, onText }: Props) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const text = value;
    const bad = parseCollectorCode(text).kind === 'unknown';
    setInvalid(bad);
    if (bad) return;
    setValue('');
    onText(text);
  };
  return (
    <form className="card scanner-typed" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <small id={`${id}-hint`} className="muted">{hint}</small>
      <div className="scanner-typed-row">
        <input
          id={id}
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={300}
          value={value}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="button-primary">{t('scanner.record')}</button>
      </div>
      {invalid && <p id={`${id}-error`} className="field-error">{t('collect.typedInvalid')}</p>}
    </form>
  );
}
