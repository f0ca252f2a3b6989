// One sampling session: where, when and how; its counts (tubes by state, people sampled and
// represented, households still short of a representative); its tubes; its labels as a PDF; closing.
import { useState } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { unitLabel, useUnits } from '../units/UnitsProvider';
import { downloadWithToken } from '../lib/download';
import { getSession, listSessionTubes, sessionLabelsPath, TUBE_STATUSES, updateSession, type SessionDetail } from './api';
import { TubeLookup } from './TubeView';
import './testing.css';

function SessionFacts({ session }: { session: SessionDetail }) {
  const { t } = useI18n();
  const { byCode } = useUnits();
  return (
    <dl className="testing-facts" data-testid="session-facts">
      <div><dt>{t('sessions.col.commune')}</dt><dd>{unitLabel(byCode.get(session.communeCode), byCode)}</dd></div>
      <div><dt>{t('sessions.col.when')}</dt><dd>{formatDateTime(session.startsAt)} – {formatDateTime(session.endsAt)}</dd></div>
      <div><dt>{t('sessions.form.testType')}</dt><dd>{t(`testing.testType.${session.testType}`)}</dd></div>
      <div><dt>{t('sessions.form.mode')}</dt><dd>{t(`testing.mode.${session.mode}`)}</dd></div>
      {session.pooling && <div><dt>{t('sessions.form.pooling')}</dt><dd>{t(`testing.pooling.${session.pooling}`)}</dd></div>}
      <div><dt>{t('sessions.form.poolCap')}</dt><dd>{session.poolCap}{session.highRisk ? ` · ${t('sessions.highRisk')}` : ''}</dd></div>
      {session.team.length > 0 && <div><dt>{t('sessions.form.team')}</dt><dd>{session.team.join(', ')}</dd></div>}
      <div><dt>{t('sessions.col.status')}</dt><dd>{t(`sessions.status.${session.status}`)}</dd></div>
    </dl>
  );
}

function SessionTubes({ id, onShow }: { id: string; onShow: (barcode: string) => void }) {
  const { t } = useI18n();
  const tubes = useAsync((signal) => listSessionTubes(id, { limit: 500, offset: 0 }, signal), [id]);
  // an older server has no tube list: the counts above and the look-up below still work
  if (tubes.error instanceof ApiError && tubes.error.status === 404) return null;
  const items = tubes.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="session-tubes-title">
      <h2 id="session-tubes-title">{t('tubes.title')}</h2>
      {tubes.error !== undefined && <ErrorNotice error={tubes.error} onRetry={tubes.reload} />}
      {tubes.loading && !tubes.data && <Loading />}
      {tubes.data && items.length === 0 && <p className="muted">{t('tubes.none')}</p>}
      {items.length > 0 && (
        <div className="table-scroll table-scroll-cards">
          <table className="table table-cards" data-testid="session-tubes">
            <thead>
              <tr>
                <th scope="col">{t('tubes.barcode')}</th>
                <th scope="col">{t('tubes.col.kind')}</th>
                <th scope="col">{t('tubes.col.people')}</th>
                <th scope="col">{t('tubes.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((tube) => (
                <tr key={tube.id} data-barcode={tube.barcode}>
                  <th scope="row">
                    <button type="button" className="button-link mono" onClick={() => onShow(tube.barcode)}>{tube.barcode}</button>
                  </th>
                  <td data-label={t('tubes.col.kind')}>{t(`testing.tubeKind.${tube.kind}`)} · {t(`testing.origin.${tube.origin}`)}</td>
                  <td data-label={t('tubes.col.people')}>{t('tubes.people', { sampled: tube.sampled, capacity: tube.capacity, represented: tube.represented })}</td>
                  <td data-label={t('tubes.col.status')}>{t(`testing.tubeStatus.${tube.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function SessionScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const session = useAsync((signal) => getSession(id, signal), [id]);
  const [shown, setShown] = useState('');
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(undefined);
    try {
      await action();
      session.reload();
    } catch (cause) {
      setActionError(cause);
    } finally {
      setBusy(false);
    }
  };

  if (session.error !== undefined) return <ErrorNotice error={session.error} onRetry={session.reload} />;
  const s = session.data;
  if (!s) return <Loading />;
  const counts = s.counts;
  return (
    <section aria-labelledby="session-title" data-testid="session-screen">
      <p><Link to="/staff/testing">← {t('sessions.back')}</Link></p>
      <h1 id="session-title">{s.name}</h1>
      <SessionFacts session={s} />
      <section className="card" aria-labelledby="session-counts-title">
        <h2 id="session-counts-title">{t('sessions.counts')}</h2>
        <dl className="testing-facts" data-testid="session-counts">
          {TUBE_STATUSES.map((status) => (
            <div key={status}><dt>{t(`testing.tubeStatus.${status}`)}</dt><dd>{counts.tubes[status]}</dd></div>
          ))}
          <div><dt>{t('sessions.peopleSampled')}</dt><dd>{counts.peopleSampled}</dd></div>
          <div><dt>{t('sessions.peopleRepresented')}</dt><dd>{counts.peopleRepresented}</dd></div>
        </dl>
        {counts.householdsNeedingSecondRepresentative.length > 0 && (
          <p className="notice notice-info">{t('sessions.householdsShort', { count: counts.householdsNeedingSecondRepresentative.length })}</p>
        )}
      </section>
      <div className="actions">
        {can('testing:collect') && s.status === 'open' && (
          <Link className="button button-primary" to={`/staff/testing/collect?session=${s.id}`}>{t('sessions.collectHere')}</Link>
        )}
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void run(() => downloadWithToken(sessionLabelsPath(s.id), `nhan-${s.name}.pdf`))}>
          {t('sessions.printSessionLabels')}
        </button>
        {can('testing:manage') && (
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void run(() => updateSession(s.id, { status: s.status === 'open' ? 'closed' : 'open' }))}>
            {s.status === 'open' ? t('sessions.close') : t('sessions.reopen')}
          </button>
        )}
      </div>
      {actionError !== undefined && <ErrorNotice error={actionError} />}
      <SessionTubes id={s.id} onShow={setShown} />
      <TubeLookup key={shown} initial={shown} />
    </section>
  );
}
