import { useState, type ReactNode, type SubmitEvent } from 'react';
import { useI18n, type Translate } from '../i18n';
import { localiseServerMessage } from '../i18n/serverMessages';
import { ApiError } from '../lib/api';
import { errorText, Field } from '../lib/ui';
import { createRuleSet, LEVELS, PARENT_DERIVATIONS, type ParentDerivation, type RuleSet, type RuleSetView } from './api';
import { indicatorLabel, levelName } from './labels';

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const ADDED = [0, 1, 2, 3];

type Key =
  | 'id' | 'name' | 'effectiveFrom' | 'band2' | 'band3' | 'band4' | 'coverageThreshold' | 'coverageAdds'
  | 'elderlyMinimum' | 'elderlyAdds' | 'capacity' | 'maxLevel' | 'parentDerivation' | 'source';
type Values = Record<Key, string> & { elderlySkip: boolean };
/** Errors per form field; caseBands stands for the three band inputs, form for the whole rule set. */
type Errors = Partial<Record<Key | 'caseBands' | 'form', string>>;

const toPercent = (share: number) => String(Number((share * 100).toFixed(4)));
const toShare = (percent: number) => Number((percent / 100).toFixed(6));

function initialValues(base: RuleSetView): Values {
  const [a, b, c] = base.caseBands;
  return {
    id: '',
    name: '',
    effectiveFrom: '',
    band2: String(a ?? ''),
    band3: String(b ?? ''),
    band4: String(c ?? ''),
    coverageThreshold: toPercent(base.coverage.highIfAtLeast),
    coverageAdds: String(base.coverage.lowAddsLevels),
    elderlyMinimum: base.elderly ? toPercent(base.elderly.minimum) : '',
    elderlyAdds: base.elderly ? String(base.elderly.shortfallAddsLevels) : '0',
    elderlySkip: base.elderly?.skipWhenNoCases ?? true,
    capacity: base.capacity.whenUnmet,
    maxLevel: String(base.maxLevel),
    parentDerivation: base.parentDerivation ?? 'aggregatedFigures',
    source: '',
  };
}

/** Which form field a server field error belongs to: "caseBands[1]" → caseBands, "coverage.highIfAtLeast" → coverageThreshold. */
function formKeyOf(path: string): keyof Errors {
  const top = path.split(/[.[]/)[0] ?? '';
  if (top === 'caseBands') return 'caseBands';
  if (path.startsWith('coverage.')) return path.endsWith('lowAddsLevels') ? 'coverageAdds' : 'coverageThreshold';
  if (path.startsWith('elderly.')) return path.endsWith('shortfallAddsLevels') ? 'elderlyAdds' : 'elderlyMinimum';
  if (['id', 'name', 'effectiveFrom', 'capacity', 'maxLevel', 'parentDerivation', 'source'].includes(top)) return top as Key;
  return 'form';
}

/** A server field error in the user's language. */
function serverFieldText(t: Translate, lang: 'vi' | 'en', key: keyof Errors, message: string, conflict: boolean): string {
  if (/required/.test(message)) return t('levels.rs.err.required');
  switch (key) {
    case 'id':
      return conflict || /taken/.test(message) ? t('levels.rs.err.idTaken') : t('levels.rs.err.id');
    case 'caseBands':
      return t('levels.rs.err.caseBands');
    case 'coverageThreshold':
    case 'elderlyMinimum':
      return t('levels.rs.err.share');
    case 'coverageAdds':
    case 'elderlyAdds':
      return t('levels.rs.err.added');
    case 'effectiveFrom':
      return t('levels.rs.err.date');
    case 'name':
    case 'source':
      return /length|characters/.test(message) ? t('levels.rs.err.tooLong') : localiseServerMessage(message, lang);
    default:
      return localiseServerMessage(message, lang);
  }
}

interface Props {
  base: RuleSetView;
  onCreated: (created: RuleSetView) => void;
  onCancel: () => void;
}

/** A new rule set adjusted from an existing one: every number can change; indicators and confirmation marks are kept. */
export function RuleSetForm({ base, onCreated, onCancel }: Props) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [values, setValues] = useState<Values>(() => initialValues(base));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const set = (key: Key, value: string) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    const group = key.startsWith('band') ? 'caseBands' : key;
    setErrors((previous) => ({ ...previous, [group]: undefined, [key]: undefined }));
  };

  /** Checks what the form itself can see; the server checks the rest (e.g. ascending bands). */
  const check = (): { rules?: RuleSet; errors: Errors } => {
    const found: Errors = {};
    const number = (key: Key, error: string, test: (n: number) => boolean): number => {
      const text = values[key].trim().replace(',', '.');
      const value = Number(text);
      if (text === '') found[key] = t('levels.rs.err.required');
      else if (!Number.isFinite(value) || !test(value)) found[key] = error;
      return value;
    };
    if (!values.id.trim()) found.id = t('levels.rs.err.required');
    else if (!ID_PATTERN.test(values.id.trim())) found.id = t('levels.rs.err.id');
    if (!values.name.trim()) found.name = t('levels.rs.err.required');
    if (!values.effectiveFrom) found.effectiveFrom = t('levels.rs.err.required');
    const bands = (['band2', 'band3', 'band4'] as const).map((key) => number(key, t('levels.rs.err.caseBands'), (n) => n >= 0));
    const isShare = (n: number) => n >= 0 && n <= 100;
    const isAdded = (n: number) => Number.isInteger(n) && n >= 0 && n <= 3;
    const coverage = number('coverageThreshold', t('levels.rs.err.share'), isShare);
    const coverageAdds = number('coverageAdds', t('levels.rs.err.added'), isAdded);
    const elderlyMinimum = base.elderly ? number('elderlyMinimum', t('levels.rs.err.share'), isShare) : 0;
    const elderlyAdds = base.elderly ? number('elderlyAdds', t('levels.rs.err.added'), isAdded) : 0;
    if (Object.keys(found).length > 0) return { errors: found };
    const source = values.source.trim();
    const rules: RuleSet = {
      id: values.id.trim(),
      name: values.name.trim(),
      effectiveFrom: values.effectiveFrom,
      caseBands: bands,
      coverage: { indicator: base.coverage.indicator, highIfAtLeast: toShare(coverage), lowAddsLevels: coverageAdds },
      ...(base.elderly && {
        elderly: { indicator: base.elderly.indicator, minimum: toShare(elderlyMinimum), shortfallAddsLevels: elderlyAdds, skipWhenNoCases: values.elderlySkip },
      }),
      capacity: { whenUnmet: values.capacity === 'ignore' ? 'ignore' : 'noDowngrade' },
      maxLevel: Number(values.maxLevel),
      parentDerivation: values.parentDerivation as ParentDerivation,
      basedOn: base.id,
      ...(source && { source }),
      ...(base.confirmation && { confirmation: base.confirmation }),
    };
    return { rules, errors: {} };
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const checked = check();
    setErrors(checked.errors);
    if (!checked.rules) return;
    setBusy(true);
    try {
      onCreated(await createRuleSet(checked.rules));
    } catch (cause) {
      setBusy(false);
      if (cause instanceof ApiError && Object.keys(cause.fields).length > 0) {
        const mapped: Errors = {};
        for (const [path, message] of Object.entries(cause.fields)) {
          const key = formKeyOf(path);
          mapped[key] ??= key === 'form' ? `${path}: ${localiseServerMessage(message, lang)}` : serverFieldText(t, lang, key, message, cause.status === 409);
        }
        setErrors(mapped);
        if (mapped.form) setFailure(cause);
      } else {
        setFailure(cause);
      }
    }
  };

  const id = (key: string) => `rs-${key}`;
  const input = (key: Key, label: string, props: { type?: string; hint?: string; inputMode?: 'decimal' | 'numeric'; error?: string } = {}): ReactNode => (
    <Field id={id(key)} label={label} hint={props.hint} error={props.error ?? errors[key]}>
      {(describedBy) => (
        <input
          id={id(key)}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          value={values[key]}
          aria-invalid={Boolean(props.error ?? errors[key])}
          aria-describedby={describedBy}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );
  const select = (key: Key, label: string, options: { value: string; label: string }[]): ReactNode => (
    <Field id={id(key)} label={label} error={errors[key]}>
      {(describedBy) => (
        <select id={id(key)} value={values[key]} aria-invalid={Boolean(errors[key])} aria-describedby={describedBy} onChange={(e) => set(key, e.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const addedOptions = ADDED.map((n) => ({ value: String(n), label: String(n) }));
  const anyError = Object.values(errors).some(Boolean);

  return (
    <form className="card rule-set-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="rs-form-title" data-testid="rule-set-form">
      <h2 id="rs-form-title">{t('levels.rs.formTitle', { id: base.id })}</h2>
      <p className="muted">{t('levels.rs.formIntro')}</p>
      {anyError && (
        <p className="notice notice-error" role="alert" data-testid="rule-set-form-error">
          {errors.form ?? t('levels.rs.fixErrors')}
        </p>
      )}
      {failure !== undefined && !anyError && (
        <p className="notice notice-error" role="alert" data-testid="rule-set-form-error">
          {errorText(failure, i18n)}
        </p>
      )}
      <div className="form-row">
        {input('id', t('levels.rs.id'), { hint: t('levels.rs.idHint') })}
        {input('effectiveFrom', t('levels.rs.effective'), { type: 'date' })}
      </div>
      {input('name', t('levels.rs.name'))}

      <fieldset className="rule-set-fieldset" aria-describedby={errors.caseBands ? 'rs-caseBands-error' : undefined}>
        <legend>{t('levels.rs.caseBands')}</legend>
        <div className="form-row">
          {input('band2', t('levels.rs.band', { band: 2 }), { type: 'number', inputMode: 'decimal', error: errors.band2 })}
          {input('band3', t('levels.rs.band', { band: 3 }), { type: 'number', inputMode: 'decimal', error: errors.band3 })}
          {input('band4', t('levels.rs.band', { band: 4 }), { type: 'number', inputMode: 'decimal', error: errors.band4 })}
        </div>
        {errors.caseBands && (
          <p id="rs-caseBands-error" className="field-error" data-field-error="rs-caseBands">
            {errors.caseBands}
          </p>
        )}
      </fieldset>

      <fieldset className="rule-set-fieldset">
        <legend>{t('levels.rs.coverage')}</legend>
        <p className="muted small">{t('levels.rs.indicatorOf', { indicator: indicatorLabel(t, base.coverage.indicator) })}</p>
        <div className="form-row">
          {input('coverageThreshold', t('levels.rs.coverageThreshold'), { type: 'number', inputMode: 'decimal' })}
          {select('coverageAdds', t('levels.rs.coverageAdds'), addedOptions)}
        </div>
      </fieldset>

      {base.elderly && (
        <fieldset className="rule-set-fieldset">
          <legend>{t('levels.rs.elderly')}</legend>
          <p className="muted small">{t('levels.rs.indicatorOf', { indicator: indicatorLabel(t, base.elderly.indicator) })}</p>
          <div className="form-row">
            {input('elderlyMinimum', t('levels.rs.elderlyMinimum'), { type: 'number', inputMode: 'decimal' })}
            {select('elderlyAdds', t('levels.rs.elderlyAdds'), addedOptions)}
          </div>
          <label className="check-label">
            <input type="checkbox" checked={values.elderlySkip} onChange={(e) => setValues((previous) => ({ ...previous, elderlySkip: e.target.checked }))} />
            {t('levels.rs.elderlySkipLabel')}
          </label>
        </fieldset>
      )}

      <div className="form-row">
        {select('capacity', t('levels.rs.capacity'), [
          { value: 'noDowngrade', label: t('levels.rs.capacity.noDowngrade') },
          { value: 'ignore', label: t('levels.rs.capacity.ignore') },
        ])}
        {select('maxLevel', t('levels.rs.maxLevel'), LEVELS.map((level) => ({ value: String(level), label: levelName(t, level) })))}
      </div>
      {select('parentDerivation', t('levels.rs.parentDerivation'), PARENT_DERIVATIONS.map((value) => ({ value, label: t(`levels.rs.derivation.${value}`) })))}

      <Field id={id('source')} label={t('levels.rs.source')} hint={t('levels.rs.sourceHint')} error={errors.source}>
        {(describedBy) => (
          <textarea
            id={id('source')}
            rows={3}
            maxLength={2000}
            value={values.source}
            aria-invalid={Boolean(errors.source)}
            aria-describedby={describedBy}
            onChange={(e) => set('source', e.target.value)}
          />
        )}
      </Field>

      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('levels.rs.create')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
