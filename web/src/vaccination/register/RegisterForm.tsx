// The registration a citizen types once: identity, commune, priority group, a preferred date and the
// screening answers. The id is made once per form, so pressing again after a lost answer is the
// same registration.
import { useMemo, useState, type SubmitEvent } from 'react';
import { useI18n, type MessageKey } from '../../i18n';
import { ApiError } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { ErrorNotice, Field } from '../../lib/ui';
import { useCommunes } from '../../checkin/useCommunes';
import { getPriorityGroups, registerSelf, type SelfRegistrationResult } from './api';
import { newId } from './storage';

interface Draft { fullName: string; birthDate: string; sex: '' | 'male' | 'female' | 'other'; phone: string; nationalId: string; communeCode: string; address: string; priorityGroup: string; preferredDate: string }
type Errors = Partial<Record<keyof Draft, string>>;
const EMPTY: Draft = { fullName: '', birthDate: '', sex: '', phone: '', nationalId: '', communeCode: '', address: '', priorityGroup: '', preferredDate: '' };
const ORDER: (keyof Draft)[] = ['fullName', 'birthDate', 'sex', 'phone', 'nationalId', 'communeCode', 'address', 'priorityGroup', 'preferredDate'];
const SERVER_FIELD: Record<string, keyof Draft> = {
  'person.fullName': 'fullName', 'person.birthDate': 'birthDate', 'person.sex': 'sex', 'person.phone': 'phone', 'person.nationalId': 'nationalId',
  'person.communeCode': 'communeCode', 'person.address': 'address', priorityGroup: 'priorityGroup', 'preferredDates[0]': 'preferredDate',
};
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

function check(draft: Draft, t: (key: MessageKey) => string): Errors {
  const errors: Errors = {};
  for (const name of ['fullName', 'birthDate', 'sex', 'phone', 'communeCode', 'priorityGroup'] as const) if (!draft[name].trim()) errors[name] = t('vreg.form.required');
  if (draft.phone.trim() && !/^(\+?84|0)[1-9][0-9]{8,9}$/.test(draft.phone.replace(/[\s.\-()]/g, ''))) errors.phone = t('vreg.form.badPhone');
  if (draft.nationalId.trim() && !/^[0-9]{12}$/.test(draft.nationalId.trim())) errors.nationalId = t('vreg.form.badNationalId');
  return errors;
}

export function RegisterForm({ onRegistered }: { onRegistered: (result: SelfRegistrationResult) => void }) {
  const { t, lang } = useI18n();
  const communes = useCommunes();
  const groups = useAsync((signal) => getPriorityGroups(signal), []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [screening, setScreening] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const id = useMemo(newId, []);
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const focusFirst = (found: Errors) => {
    const first = ORDER.find((name) => found[name]);
    if (first) requestAnimationFrame(() => document.getElementById(`vreg-${first}`)?.focus());
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const found = check(draft, t);
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return focusFirst(found);
    setBusy(true);
    try {
      onRegistered(await registerSelf({
        id, priorityGroup: draft.priorityGroup, screening,
        person: {
          fullName: draft.fullName.trim(), birthDate: draft.birthDate, sex: draft.sex as 'male' | 'female' | 'other', phone: draft.phone.trim(),
          nationalId: draft.nationalId.trim() || null, communeCode: draft.communeCode, ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
        },
        ...(draft.preferredDate ? { preferredDates: [draft.preferredDate] } : {}),
      }));
    } catch (error) {
      const fromServer: Errors = {};
      if (error instanceof ApiError) for (const [field, reason] of Object.entries(error.fields)) if (SERVER_FIELD[field]) fromServer[SERVER_FIELD[field]] = reason;
      setErrors(fromServer);
      setFailure(error);
      focusFirst(fromServer);
    } finally {
      setBusy(false);
    }
  };

  const text = (name: 'fullName' | 'phone' | 'nationalId' | 'address', label: MessageKey, extra: Record<string, string | number> = {}, hint?: MessageKey) => (
    <Field id={`vreg-${name}`} label={t(label)} error={errors[name]} {...(hint ? { hint: t(hint) } : {})}>
      {(describedBy) => (
        <input id={`vreg-${name}`} value={draft[name]} aria-describedby={describedBy} aria-invalid={errors[name] ? true : undefined}
          onChange={(e) => change({ [name]: e.target.value })} {...extra} />
      )}
    </Field>
  );

  return (
    <form className="card vreg-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="vreg-form-title" data-testid="vreg-form">
      <h2 id="vreg-form-title">{t('vreg.form.title')}</h2>
      {failure !== undefined && <ErrorNotice error={failure} />}
      {Object.keys(errors).length > 0 && failure === undefined && <p className="notice notice-error" role="alert">{t('vreg.form.fixErrors')}</p>}
      {text('fullName', 'vreg.form.fullName', { autoComplete: 'name', autoCapitalize: 'words' })}
      <div className="form-grid">
        <Field id="vreg-birthDate" label={t('vreg.form.birthDate')} error={errors.birthDate}>
          {(describedBy) => (
            <input id="vreg-birthDate" type="date" max={today()} autoComplete="bday" value={draft.birthDate} aria-describedby={describedBy}
              aria-invalid={errors.birthDate ? true : undefined} onChange={(e) => change({ birthDate: e.target.value })} />
          )}
        </Field>
        <Field id="vreg-sex" label={t('vreg.form.sex')} error={errors.sex}>
          {(describedBy) => (
            <select id="vreg-sex" value={draft.sex} aria-describedby={describedBy} aria-invalid={errors.sex ? true : undefined} onChange={(e) => change({ sex: e.target.value as Draft['sex'] })}>
              <option value="">—</option>
              {(['male', 'female', 'other'] as const).map((sex) => <option key={sex} value={sex}>{t(`vreg.form.sex.${sex}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      {text('phone', 'vreg.form.phone', { type: 'tel', inputMode: 'tel', autoComplete: 'tel' }, 'vreg.form.phoneHint')}
      {text('nationalId', 'vreg.form.nationalId', { inputMode: 'numeric', maxLength: 12, autoComplete: 'off' }, 'vreg.form.nationalIdHint')}
      <Field id="vreg-communeCode" label={t('vreg.form.commune')} error={errors.communeCode}>
        {(describedBy) => (
          <select id="vreg-communeCode" value={draft.communeCode} aria-describedby={describedBy} aria-invalid={errors.communeCode ? true : undefined}
            onChange={(e) => change({ communeCode: e.target.value })}>
            <option value="">{communes.loading ? t('common.loading') : t('vreg.form.communeChoose')}</option>
            {communes.groups.map((group) => (
              <optgroup key={group.district} label={group.district}>
                {group.communes.map((commune) => <option key={commune.code} value={commune.code}>{commune.name}</option>)}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      {communes.error !== undefined && <ErrorNotice error={communes.error} onRetry={communes.reload} />}
      {text('address', 'vreg.form.address', { autoComplete: 'street-address', maxLength: 300 })}
      <Field id="vreg-priorityGroup" label={t('vreg.form.group')} error={errors.priorityGroup}>
        {(describedBy) => (
          <select id="vreg-priorityGroup" value={draft.priorityGroup} aria-describedby={describedBy} aria-invalid={errors.priorityGroup ? true : undefined}
            onChange={(e) => change({ priorityGroup: e.target.value })}>
            <option value="">{groups.loading ? t('common.loading') : t('vreg.form.groupChoose')}</option>
            {groups.data?.items.map((group) => (
              <option key={group.code} value={group.code} disabled={!group.enabled}>
                {group.order}. {lang === 'vi' ? group.vi : group.en}{group.enabled ? '' : ` ${t('vreg.form.groupClosed')}`}
              </option>
            ))}
          </select>
        )}
      </Field>
      {groups.error !== undefined && <ErrorNotice error={groups.error} onRetry={groups.reload} />}
      <Field id="vreg-preferredDate" label={t('vreg.form.preferredDate')} error={errors.preferredDate}>
        {(describedBy) => (
          <input id="vreg-preferredDate" type="date" min={today()} value={draft.preferredDate} aria-describedby={describedBy}
            aria-invalid={errors.preferredDate ? true : undefined} onChange={(e) => change({ preferredDate: e.target.value })} />
        )}
      </Field>
      <fieldset className="vreg-screening">
        <legend>{t('vreg.form.screening')}</legend>
        <p className="muted">{t('vreg.form.screeningHint')}</p>
        {groups.data?.screeningQuestions.map((question) => (
          <label key={question} className="vreg-check">
            <input type="checkbox" checked={screening[question] === true} data-testid={`vreg-q-${question}`}
              onChange={(e) => setScreening((s) => ({ ...s, [question]: e.target.checked }))} />
            {t(`vreg.form.q.${question}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <p className="muted">{t('vreg.form.consent')}</p>
      <button type="submit" className="button-primary vreg-big" disabled={busy} data-testid="vreg-submit">
        {busy ? t('common.saving') : t('vreg.form.submit')}
      </button>
    </form>
  );
}
