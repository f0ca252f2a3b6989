// One tube with its members by name: an audited read, so the reason is asked first. A wrong scan can
// be taken out while the tube is still collecting (testing:collect).
import { useState, type SubmitEvent } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { ErrorNotice, Field } from '../lib/ui';
import { getTube, removeMember, type TubeDetail } from './api';
import { normaliseBarcode } from './codes';

export function TubeMembers({ tube, onChanged }: { tube: TubeDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [error, setError] = useState<unknown>();
  const names = new Map(tube.members.map((m) => [m.personId, m.fullName]));
  const remove = async (personId: string) => {
    setError(undefined);
    try {
      await removeMember(tube.barcode, personId);
      onChanged();
    } catch (cause) {
      setError(cause);
    }
  };
  return (
    <div data-testid="tube-members" data-barcode={tube.barcode}>
      <dl className="testing-facts">
        <div><dt>{t('tubes.col.status')}</dt><dd>{t(`testing.tubeStatus.${tube.status}`)}</dd></div>
        <div><dt>{t('tubes.col.kind')}</dt><dd>{t(`testing.tubeKind.${tube.kind}`)} · {t(`testing.origin.${tube.origin}`)}</dd></div>
        <div><dt>{t('tubes.col.people')}</dt><dd>{t('tubes.people', { sampled: tube.sampled, capacity: tube.capacity, represented: tube.represented })}</dd></div>
        <div><dt>{t('tubes.session')}</dt><dd>{tube.session.name}</dd></div>
      </dl>
      {error !== undefined && <ErrorNotice error={error} />}
      <ul className="plain-list scanner-recent">
        {tube.members.map((m) => (
          <li key={m.personId}>
            <span>{m.fullName} <small className="muted">({m.birthYear})</small></span>
            <small className="muted">
              {m.role === 'sampled' ? t('tubes.sampledAt', { time: formatDateTime(m.sampledAt) }) : t('tubes.representedBy', { name: names.get(m.representedBy ?? '') ?? '' })}
            </small>
            {m.role === 'sampled' && tube.status === 'collecting' && can('testing:collect') && (
              <button type="button" className="button-secondary button-small" onClick={() => void remove(m.personId)}>{t('tubes.remove')}</button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Look a tube up by its barcode (typed or from a list), with the reason for reading its members. */
export function TubeLookup({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  const [barcode, setBarcode] = useState(initial);
  const [reason, setReason] = useState('');
  const [tube, setTube] = useState<TubeDetail | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();

  const load = async (code: string, why: string) => {
    setError(undefined);
    try {
      setTube(await getTube(code, why));
    } catch (cause) {
      setTube(null);
      setError(cause);
    }
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const code = normaliseBarcode(barcode);
    const problems: Record<string, string> = {};
    if (!code) problems.barcode = t('tubes.badBarcode');
    if (reason.trim().length < 3) problems.reason = t('tubes.reasonRequired');
    setFields(problems);
    if (code && !problems.reason) void load(code, reason.trim());
  };

  return (
    <section className="card" aria-labelledby="tube-lookup-title" data-testid="tube-lookup">
      <h2 id="tube-lookup-title">{t('tubes.lookup')}</h2>
      <form onSubmit={submit} noValidate className="testing-form-grid">
        <Field id="tube-lookup-barcode" label={t('tubes.barcode')} error={fields.barcode}>
          {(d) => <input id="tube-lookup-barcode" value={barcode} autoCapitalize="characters" aria-describedby={d} onChange={(e) => setBarcode(e.target.value)} />}
        </Field>
        <Field id="tube-lookup-reason" label={t('tubes.reason')} hint={t('tubes.reasonHint')} error={fields.reason}>
          {(d) => <input id="tube-lookup-reason" value={reason} maxLength={500} aria-describedby={d} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div className="actions"><button type="submit" className="button-primary">{t('tubes.show')}</button></div>
      </form>
      {error !== undefined && <ErrorNotice error={error} />}
      {tube && <TubeMembers tube={tube} onChanged={() => void load(tube.barcode, reason.trim())} />}
    </section>
  );
}
