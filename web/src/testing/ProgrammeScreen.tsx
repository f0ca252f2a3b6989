// One testing programme: who must be tested and how often, its status (green when every closed round
// reached the coverage target with no positive), its rounds with coverage, and for a round the people
// missed (read with a reason) and reminders to them by SMS.
import { useState } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { ErrorNotice, Loading, Pagination } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { unitLabel, useUnits } from '../units/UnitsProvider';
import { MissedPanel } from './MissedPanel';
import { GreenBadge } from './RoundsScreen';
import { endProgramme, getProgramme, listRounds, type Programme, type Round } from './roundsApi';
import './testing.css';

const PAGE_SIZE = 10;

function ProgrammeFacts({ programme }: { programme: Programme }) {
  const { t, locale } = useI18n();
  const { byCode } = useUnits();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const ages = programme.minAge !== null || programme.maxAge !== null ? t('rounds.ages', { min: programme.minAge ?? 0, max: programme.maxAge ?? '…' }) : t('rounds.allAges');
  return (
    <dl className="testing-facts" data-testid="programme-facts">
      <div><dt>{t('rounds.col.who')}</dt><dd>{programme.organisationName ?? unitLabel(byCode.get(programme.communeCode), byCode)}</dd></div>
      {programme.teams && <div><dt>{t('rounds.form.teams')}</dt><dd>{programme.teams.join(', ')}</dd></div>}
      <div><dt>{t('rounds.form.interval')}</dt><dd>{t('rounds.every', { hours: programme.intervalHours })}</dd></div>
      <div><dt>{t('rounds.form.target')}</dt><dd>{percent.format(programme.coverageTarget)}</dd></div>
      <div><dt>{t('rounds.agesLabel')}</dt><dd>{ages}</dd></div>
      <div><dt>{t('rounds.form.startsAt')}</dt><dd>{formatDateTime(programme.startsAt)}{programme.endsAt ? ` – ${formatDateTime(programme.endsAt)}` : ''}</dd></div>
      <div><dt>{t('sessions.col.status')}</dt><dd>{t(`rounds.status.${programme.status}`)}</dd></div>
    </dl>
  );
}

function RoundsTable({ rounds, chosen, onChoose }: { rounds: Round[]; chosen: number | null; onChoose: (n: number) => void }) {
  const { t, locale } = useI18n();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <div className="table-scroll table-scroll-cards">
      <table className="table table-cards" data-testid="rounds-table">
        <thead>
          <tr>
            <th scope="col">{t('rounds.col.round')}</th>
            <th scope="col">{t('rounds.col.tested')}</th>
            <th scope="col">{t('rounds.col.coverage')}</th>
            <th scope="col">{t('rounds.col.missed')}</th>
            <th scope="col">{t('rounds.col.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((r) => (
            <tr key={r.number} aria-selected={chosen === r.number} data-round={r.number} data-state={r.state}>
              <th scope="row">
                {r.state === 'upcoming' ? (
                  t('rounds.roundN', { n: r.number })
                ) : (
                  <button type="button" className="button-link" onClick={() => onChoose(r.number)}>{t('rounds.roundN', { n: r.number })}</button>
                )}
                <small className="muted"> {formatDateTime(r.opensAt)} – {formatDateTime(r.closesAt)} · {t(`rounds.state.${r.state}`)}</small>
              </th>
              <td data-label={t('rounds.col.tested')}>
                {t('rounds.testedOf', { tested: r.tested, required: r.required })}
                {r.testedByRepresentation > 0 && <small className="muted"> {t('rounds.byRepresentation', { count: r.testedByRepresentation })}</small>}
                {r.awaitingResults > 0 && <small className="muted"> {t('rounds.awaiting', { count: r.awaitingResults })}</small>}
                {r.positives > 0 && <strong className="round-verdict-failed"> {t('rounds.positives', { count: r.positives })}</strong>}
              </td>
              <td data-label={t('rounds.col.coverage')}>{r.coverage === null ? '—' : percent.format(r.coverage)}</td>
              <td data-label={t('rounds.col.missed')}>{r.missed}{r.remindersSent > 0 && <small className="muted"> {t('rounds.reminded', { count: r.remindersSent })}</small>}</td>
              <td data-label={t('rounds.col.verdict')}>
                {r.verdict ? <span className={`round-verdict-${r.verdict}`}>{t(`rounds.verdict.${r.verdict}`)}</span> : '—'}
                {r.reasons.length > 0 && <small className="muted"> {r.reasons.map((reason) => t(`rounds.reason.${reason}`)).join('; ')}</small>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ProgrammeScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const programme = useAsync((signal) => getProgramme(id, signal), [id]);
  const [offset, setOffset] = useState(0);
  const rounds = useAsync((signal) => listRounds(id, { limit: PAGE_SIZE, offset }, signal), [id, offset]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const [ending, setEnding] = useState(false);

  if (programme.error !== undefined) return <ErrorNotice error={programme.error} onRetry={programme.reload} />;
  const p = programme.data;
  if (!p) return <Loading />;
  const round = rounds.data?.items.find((r) => r.number === chosen) ?? null;
  const end = async () => {
    setError(undefined);
    try {
      await endProgramme(p.id);
      programme.reload();
      rounds.reload();
    } catch (cause) {
      setError(cause);
    }
  };
  return (
    <section aria-labelledby="programme-title" data-testid="programme-screen">
      <p><Link to="/staff/testing/rounds">← {t('rounds.back')}</Link></p>
      <h1 id="programme-title">{p.name} <GreenBadge status={p.greenStatus.status} /></h1>
      <ProgrammeFacts programme={p} />
      {p.greenStatus.failedRoundCount > 0 && (
        <p className="notice notice-error">
          {t('rounds.failedRounds', { count: p.greenStatus.failedRoundCount, list: p.greenStatus.failedRounds.map((f) => f.number).join(', ') })}
        </p>
      )}
      {p.greenStatus.pendingRounds.length > 0 && <p className="notice notice-info">{t('rounds.pendingRounds', { list: p.greenStatus.pendingRounds.join(', ') })}</p>}
      {can('testing:manage') && p.status === 'active' && (
        <div className="actions">
          {/* two taps: ending stops every future round */}
          {ending ? (
            <>
              <button type="button" className="button-danger" onClick={() => { setEnding(false); void end(); }}>{t('rounds.endConfirm')}</button>
              <button type="button" className="button-secondary" onClick={() => setEnding(false)}>{t('common.cancel')}</button>
            </>
          ) : (
            <button type="button" className="button-secondary" onClick={() => setEnding(true)}>{t('rounds.end')}</button>
          )}
        </div>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
      <h2>{t('rounds.roundsTitle')}</h2>
      {rounds.error !== undefined && <ErrorNotice error={rounds.error} onRetry={rounds.reload} />}
      {rounds.loading && !rounds.data && <Loading />}
      {rounds.data && <RoundsTable rounds={rounds.data.items} chosen={chosen} onChoose={setChosen} />}
      {rounds.data && rounds.data.total > PAGE_SIZE && <Pagination total={rounds.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />}
      {round && <MissedPanel key={round.number} programmeId={p.id} round={round} onReminded={rounds.reload} />}
    </section>
  );
}
