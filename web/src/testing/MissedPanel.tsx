// The people missed in a round (read with a reason, audited) and reminders by SMS to those of the open
// round: each person is reminded once per round, however often the button is pressed.
import { useState, type SubmitEvent } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDateTime, formatPhone } from '../lib/format';
import { ErrorNotice, Field, Loading, Pagination, SuccessNotice } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { listMissed, sendReminders, type RemindersResult, type Round } from './roundsApi';

const PAGE_SIZE = 50;

export function MissedPanel({ programmeId, round, onReminded }: { programmeId: string; round: Round; onReminded: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [reason, setReason] = useState('');
  const [asked, setAsked] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [offset, setOffset] = useState(0);
  const [reminded, setReminded] = useState<RemindersResult | null>(null);
  const [error, setError] = useState<unknown>();
  const missed = useAsync(
    (signal) => (asked ? listMissed(programmeId, round.number, { reason: asked, limit: PAGE_SIZE, offset }, signal) : Promise.resolve(null)),
    [programmeId, round.number, asked, offset],
  );

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const bad = reason.trim().length < 3;
    setInvalid(bad);
    if (!bad) setAsked(reason.trim());
  };

  const remind = async () => {
    setError(undefined);
    try {
      setReminded(await sendReminders(programmeId, round.number));
      onReminded();
      missed.reload();
    } catch (cause) {
      setError(cause);
    }
  };

  const items = missed.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="missed-title" data-testid="missed-panel">
      <h2 id="missed-title">{t('rounds.missedTitle', { n: round.number, count: round.missed })}</h2>
      <form onSubmit={submit} noValidate className="testing-form-grid">
        <Field id="missed-reason" label={t('tubes.reason')} hint={t('rounds.missedReasonHint')} error={invalid ? t('tubes.reasonRequired') : undefined}>
          {(d) => <input id="missed-reason" value={reason} maxLength={500} aria-describedby={d} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div className="actions"><button type="submit" className="button-primary">{t('rounds.showMissed')}</button></div>
      </form>
      {round.state === 'open' && can('testing:manage') && round.missed > 0 && (
        <div className="actions">
          <button type="button" className="button-secondary" onClick={() => void remind()} data-testid="send-reminders">{t('rounds.remind')}</button>
        </div>
      )}
      {reminded && (
        <SuccessNotice>
          {t('rounds.reminders', { enqueued: reminded.enqueued, already: reminded.alreadyReminded, noPhone: reminded.withoutPhone, due: formatDateTime(reminded.dueBy) })}
        </SuccessNotice>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
      {missed.error !== undefined && <ErrorNotice error={missed.error} onRetry={missed.reload} />}
      {missed.loading && asked && <Loading />}
      {missed.data && items.length === 0 && <p className="muted">{t('rounds.noneMissed')}</p>}
      {items.length > 0 && (
        <ul className="plain-list scanner-recent" data-testid="missed-list">
          {items.map((m) => (
            <li key={m.personId}>
              <span>
                <strong>{m.fullName}</strong> <small className="muted">({m.birthYear}){m.team ? ` · ${m.team}` : ''}{m.phone ? ` · ${formatPhone(m.phone)}` : ''}</small>
                <br />
                <small>{t(`rounds.why.${m.why}`)}{m.lastSampledAt ? ` · ${t('rounds.lastSampled', { time: formatDateTime(m.lastSampledAt) })}` : ''}</small>
              </span>
              {m.remindedAt && <span className="chip">{t('rounds.remindedAt', { time: formatDateTime(m.remindedAt) })}</span>}
            </li>
          ))}
        </ul>
      )}
      {missed.data && missed.data.total > PAGE_SIZE && <Pagination total={missed.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />}
    </section>
  );
}
