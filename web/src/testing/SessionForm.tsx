// Planning a sampling session (testing:manage): where, when, team, test type and mode; the pool cap
// may be lowered below the configured one (the server names the limit when it is too high).
import { useState, type SubmitEvent } from 'react';
import { localInputToIso, nowLocalInput } from '../cases/time';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { ErrorNotice, Field } from '../lib/ui';
import { CommunePicker } from '../people/CommunePicker';
import { createSession, POOLINGS, SESSION_MODES, TEST_TYPES, type NewSession, type Pooling, type Session, type SessionMode, type TestType } from './api';
import { OrganisationPicker } from './OrganisationPicker';

/** A `datetime-local` value some hours after another. */
function hoursLater(local: string, hours: number): string {
  const iso = localInputToIso(local);
  if (!iso) return local;
  return new Date(Date.parse(iso) + (7 + hours) * 3_600_000).toISOString().slice(0, 16);
}

export function SessionForm({ defaultCommune, onCreated, onCancel }: { defaultCommune: string; onCreated: (session: Session) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [communeCode, setCommuneCode] = useState(defaultCommune);
  const [startsAt, setStartsAt] = useState(nowLocalInput);
  const [endsAt, setEndsAt] = useState(() => hoursLater(nowLocalInput(), 8));
  const [team, setTeam] = useState('');
  const [testType, setTestType] = useState<TestType>('rt_pcr');
  const [mode, setMode] = useState<SessionMode>('pooled');
  const [pooling, setPooling] = useState<Pooling>('lab_aliquot');
  const [highRisk, setHighRisk] = useState(false);
  const [poolCap, setPoolCap] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const start = localInputToIso(startsAt);
    const end = localInputToIso(endsAt);
    if (!name.trim()) problems.name = t('sessions.form.nameRequired');
    if (!communeCode) problems.communeCode = t('sessions.form.communeRequired');
    if (!start) problems.startsAt = t('cases.form.badTime');
    if (!end) problems.endsAt = t('cases.form.badTime');
    if (mode === 'organisation_representative' && !organisationId) problems.organisationId = t('sessions.form.organisationRequired');
    if (poolCap && !/^\d{1,2}$/.test(poolCap)) problems.poolCap = t('sessions.form.poolCapNumber');
    setFields(problems);
    setError(undefined);
    if (Object.keys(problems).length > 0 || !start || !end) return;
    const body: NewSession = {
      name: name.trim(), communeCode, startsAt: start, endsAt: end, testType, mode, highRisk,
      team: team.split(',').map((s) => s.trim()).filter(Boolean),
      ...(mode === 'individual' ? {} : { pooling }),
      ...(mode === 'organisation_representative' ? { organisationId } : {}),
      ...(poolCap && mode !== 'individual' ? { poolCap: Number(poolCap) } : {}),
    };
    setBusy(true);
    try {
      onCreated(await createSession(body));
    } catch (cause) {
      if (cause instanceof ApiError) setFields(cause.fields);
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="session-form-title" data-testid="session-form">
      <h2 id="session-form-title">{t('sessions.form.title')}</h2>
      <div className="testing-form-grid">
        <Field id="session-name" label={t('sessions.form.name')} hint={t('sessions.form.nameHint')} error={fields.name}>
          {(d) => <input id="session-name" value={name} maxLength={200} aria-describedby={d} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="session-commune" label={t('sessions.form.commune')} error={fields.communeCode}>
          {(d) => <CommunePicker id="session-commune" value={communeCode} onChange={setCommuneCode} describedBy={d} invalid={!!fields.communeCode} />}
        </Field>
        <Field id="session-starts" label={t('sessions.form.startsAt')} error={fields.startsAt}>
          {(d) => <input id="session-starts" type="datetime-local" value={startsAt} aria-describedby={d} onChange={(e) => { setStartsAt(e.target.value); setEndsAt(hoursLater(e.target.value, 8)); }} />}
        </Field>
        <Field id="session-ends" label={t('sessions.form.endsAt')} error={fields.endsAt}>
          {(d) => <input id="session-ends" type="datetime-local" value={endsAt} aria-describedby={d} onChange={(e) => setEndsAt(e.target.value)} />}
        </Field>
        <Field id="session-type" label={t('sessions.form.testType')} error={fields.testType}>
          {(d) => (
            <select id="session-type" value={testType} aria-describedby={d} onChange={(e) => setTestType(e.target.value as TestType)}>
              {TEST_TYPES.map((x) => <option key={x} value={x}>{t(`testing.testType.${x}`)}</option>)}
            </select>
          )}
        </Field>
        <Field id="session-mode" label={t('sessions.form.mode')} error={fields.mode}>
          {(d) => (
            <select id="session-mode" value={mode} aria-describedby={d} onChange={(e) => setMode(e.target.value as SessionMode)}>
              {SESSION_MODES.map((x) => <option key={x} value={x}>{t(`testing.mode.${x}`)}</option>)}
            </select>
          )}
        </Field>
        {mode !== 'individual' && (
          <Field id="session-pooling" label={t('sessions.form.pooling')} error={fields.pooling}>
            {(d) => (
              <select id="session-pooling" value={pooling} aria-describedby={d} onChange={(e) => setPooling(e.target.value as Pooling)}>
                {POOLINGS.map((x) => <option key={x} value={x}>{t(`testing.pooling.${x}`)}</option>)}
              </select>
            )}
          </Field>
        )}
        {mode !== 'individual' && (
          <Field id="session-cap" label={t('sessions.form.poolCap')} hint={t('sessions.form.poolCapHint')} error={fields.poolCap}>
            {(d) => <input id="session-cap" inputMode="numeric" maxLength={2} value={poolCap} aria-describedby={d} onChange={(e) => setPoolCap(e.target.value)} />}
          </Field>
        )}
        {mode === 'organisation_representative' && (
          <Field id="session-org" label={t('sessions.form.organisation')} error={fields.organisationId}>
            {(d) => <OrganisationPicker id="session-org" communeCode={communeCode} value={organisationId} onChange={setOrganisationId} describedBy={d} invalid={!!fields.organisationId} />}
          </Field>
        )}
        <Field id="session-team" label={t('sessions.form.team')} hint={t('sessions.form.teamHint')} error={fields.team}>
          {(d) => <input id="session-team" value={team} aria-describedby={d} onChange={(e) => setTeam(e.target.value)} />}
        </Field>
      </div>
      <label className="testing-check">
        <input type="checkbox" checked={highRisk} onChange={(e) => setHighRisk(e.target.checked)} />
        {t('sessions.form.highRisk')}
      </label>
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>{busy ? t('common.saving') : t('sessions.form.submit')}</button>
        <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
