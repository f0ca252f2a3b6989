// Starting a testing programme: an organisation's members (optionally some teams) or the people of a
// commune, tested every interval (72 hours by default), with the coverage each round must reach.
import { useState, type SubmitEvent } from 'react';
import { localInputToIso, nowLocalInput } from '../cases/time';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { ErrorNotice, Field } from '../lib/ui';
import { CommunePicker } from '../people/CommunePicker';
import { OrganisationPicker } from './OrganisationPicker';
import { createProgramme, type NewProgramme, type Programme, type ProgrammeKind } from './roundsApi';

const whole = (text: string) => (/^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : null);

export function ProgrammeForm({ defaultCommune, onCreated, onCancel }: { defaultCommune: string; onCreated: (p: Programme) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ProgrammeKind>('organisation');
  const [communeCode, setCommuneCode] = useState(defaultCommune);
  const [organisationId, setOrganisationId] = useState('');
  const [teams, setTeams] = useState('');
  const [minAge, setMinAge] = useState('');
  const [maxAge, setMaxAge] = useState('');
  const [interval, setInterval] = useState('72');
  const [startsAt, setStartsAt] = useState(nowLocalInput);
  const [target, setTarget] = useState('100');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const start = localInputToIso(startsAt);
    const hours = whole(interval);
    const percent = Number(target.replace(',', '.'));
    if (!name.trim()) problems.name = t('sessions.form.nameRequired');
    if (kind === 'organisation' && !organisationId) problems.organisationId = t('sessions.form.organisationRequired');
    if (kind === 'area' && !communeCode) problems.communeCode = t('sessions.form.communeRequired');
    if (!start) problems.startsAt = t('cases.form.badTime');
    if (hours === null || hours < 1 || hours > 720) problems.intervalHours = t('rounds.form.intervalInvalid');
    if (!Number.isFinite(percent) || percent <= 0 || percent > 100) problems.coverageTarget = t('rounds.form.targetInvalid');
    if (minAge && whole(minAge) === null) problems.minAge = t('rounds.form.ageInvalid');
    if (maxAge && whole(maxAge) === null) problems.maxAge = t('rounds.form.ageInvalid');
    setFields(problems);
    setError(undefined);
    if (Object.keys(problems).length > 0 || !start || hours === null) return;
    const teamList = teams.split(',').map((s) => s.trim()).filter(Boolean);
    const body: NewProgramme = {
      name: name.trim(), startsAt: start, intervalHours: hours, coverageTarget: Math.round(percent * 10) / 1000,
      ...(kind === 'organisation' ? { organisationId, ...(teamList.length > 0 ? { teams: teamList } : {}) } : { communeCode }),
      ...(minAge ? { minAge: Number(minAge) } : {}),
      ...(maxAge ? { maxAge: Number(maxAge) } : {}),
    };
    setBusy(true);
    try {
      onCreated(await createProgramme(body));
    } catch (cause) {
      if (cause instanceof ApiError) setFields(cause.fields);
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="programme-form-title" data-testid="programme-form">
      <h2 id="programme-form-title">{t('rounds.form.title')}</h2>
      <div className="testing-form-grid">
        <Field id="programme-name" label={t('rounds.form.name')} error={fields.name}>
          {(d) => <input id="programme-name" value={name} maxLength={200} aria-describedby={d} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="programme-kind" label={t('rounds.form.kind')}>
          {(d) => (
            <select id="programme-kind" value={kind} aria-describedby={d} onChange={(e) => setKind(e.target.value as ProgrammeKind)}>
              <option value="organisation">{t('rounds.kind.organisation')}</option>
              <option value="area">{t('rounds.kind.area')}</option>
            </select>
          )}
        </Field>
        <Field id="programme-commune" label={t('sessions.form.commune')} error={fields.communeCode}>
          {(d) => <CommunePicker id="programme-commune" value={communeCode} onChange={setCommuneCode} describedBy={d} invalid={!!fields.communeCode} />}
        </Field>
        {kind === 'organisation' && (
          <Field id="programme-org" label={t('sessions.form.organisation')} error={fields.organisationId}>
            {(d) => <OrganisationPicker id="programme-org" communeCode={communeCode} value={organisationId} onChange={setOrganisationId} describedBy={d} invalid={!!fields.organisationId} />}
          </Field>
        )}
        {kind === 'organisation' && (
          <Field id="programme-teams" label={t('rounds.form.teams')} hint={t('rounds.form.teamsHint')} error={fields.teams}>
            {(d) => <input id="programme-teams" value={teams} aria-describedby={d} onChange={(e) => setTeams(e.target.value)} />}
          </Field>
        )}
        <Field id="programme-interval" label={t('rounds.form.interval')} error={fields.intervalHours}>
          {(d) => <input id="programme-interval" inputMode="numeric" value={interval} aria-describedby={d} onChange={(e) => setInterval(e.target.value)} />}
        </Field>
        <Field id="programme-starts" label={t('rounds.form.startsAt')} error={fields.startsAt}>
          {(d) => <input id="programme-starts" type="datetime-local" value={startsAt} aria-describedby={d} onChange={(e) => setStartsAt(e.target.value)} />}
        </Field>
        <Field id="programme-target" label={t('rounds.form.target')} error={fields.coverageTarget}>
          {(d) => <input id="programme-target" inputMode="decimal" value={target} aria-describedby={d} onChange={(e) => setTarget(e.target.value)} />}
        </Field>
        <Field id="programme-min-age" label={t('rounds.form.minAge')} error={fields.minAge}>
          {(d) => <input id="programme-min-age" inputMode="numeric" value={minAge} aria-describedby={d} onChange={(e) => setMinAge(e.target.value)} />}
        </Field>
        <Field id="programme-max-age" label={t('rounds.form.maxAge')} error={fields.maxAge}>
          {(d) => <input id="programme-max-age" inputMode="numeric" value={maxAge} aria-describedby={d} onChange={(e) => setMaxAge(e.target.value)} />}
        </Field>
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>{busy ? t('common.saving') : t('rounds.form.submit')}</button>
        <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
