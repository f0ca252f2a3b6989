// Small pieces the stock forms share: sending a form with its field errors kept, the error of a
// field the server named (also "from.unitCode" for the "from" control), and a holder picker.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { ApiError, type FieldErrors } from '../../lib/api';
import { errorText, Field } from '../../lib/ui';
import type { Holder, Site } from './api';

/** The error the server gave for `name` or for a part of it (name.unitCode, name[0] …). */
export function fieldError(fields: FieldErrors, name: string): string | undefined {
  const key = Object.keys(fields).find((k) => k === name || k.startsWith(`${name}.`) || k.startsWith(`${name}[`));
  return key === undefined ? undefined : fields[key];
}

export interface FormState {
  busy: boolean;
  fields: FieldErrors;
  failure: string | undefined;
  done: string | undefined;
  /** Runs the request; 4xx field errors go on their fields, anything else to the form's notice. */
  send: (work: () => Promise<string>) => Promise<void>;
  setFields: (fields: FieldErrors) => void;
}

export function useFormState(): FormState {
  const i18n = useI18n();
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string>();
  const [done, setDone] = useState<string>();
  const send = async (work: () => Promise<string>) => {
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    setFields({});
    try {
      setDone(await work());
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) setFields(error.fields);
      setFailure(errorText(error, i18n));
    } finally {
      setBusy(false);
    }
  };
  return { busy, fields, failure, done, send, setFields };
}

export function FormNotices({ state, testId }: { state: FormState; testId: string }) {
  return (
    <div aria-live="polite">
      {state.failure && <p className="notice notice-error" role="alert" data-testid={`${testId}-failure`}>{state.failure}</p>}
      {state.done && <p className="notice notice-success" role="status" data-testid={`${testId}-done`}>{state.done}</p>}
    </div>
  );
}

export interface HolderChoice { kind: 'unit' | 'site'; unitCode: string; siteId: string }
export const emptyHolder = (kind: 'unit' | 'site' = 'unit'): HolderChoice => ({ kind, unitCode: '', siteId: '' });
export const holderOf = (choice: HolderChoice): Holder => (choice.kind === 'unit' ? { unitCode: choice.unitCode.trim() } : { siteId: choice.siteId });

/** A store (a unit code) or a vaccination site; the error is the server's for this holder. */
export function HolderPicker({ id, label, value, onChange, sites, error }: {
  id: string; label: string; value: HolderChoice; onChange: (value: HolderChoice) => void; sites: readonly Site[]; error: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="vstock-holder">
      <legend>{label}</legend>
      <Field id={`${id}-kind`} label={t('vstock.holder.kind')}>
        {(d) => (
          <select id={`${id}-kind`} value={value.kind} aria-describedby={d} onChange={(e) => onChange({ ...value, kind: e.target.value === 'site' ? 'site' : 'unit' })}>
            <option value="unit">{t('vstock.holder.store')}</option>
            <option value="site">{t('vstock.holder.site')}</option>
          </select>
        )}
      </Field>
      {value.kind === 'unit' ? (
        <Field id={`${id}-unit`} label={t('vstock.holder.unitCode')} hint={t('vstock.holder.unitHint')} error={error}>
          {(d) => <input id={`${id}-unit`} inputMode="numeric" maxLength={5} value={value.unitCode} aria-describedby={d} onChange={(e) => onChange({ ...value, unitCode: e.target.value })} />}
        </Field>
      ) : (
        <Field id={`${id}-site`} label={t('vstock.holder.siteName')} error={error}>
          {(d) => (
            <select id={`${id}-site`} value={value.siteId} aria-describedby={d} onChange={(e) => onChange({ ...value, siteId: e.target.value })}>
              <option value="">{t('vstock.choose')}</option>
              {sites.map((site) => <option key={site.id} value={site.id}>{site.name}</option>)}
            </select>
          )}
        </Field>
      )}
    </fieldset>
  );
}
