// The people under observation at the site, each with a countdown to the end of their 30 minutes;
// ending a watch (no reaction once due, left early, or a reaction with its AEFI report).
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { ErrorNotice, SuccessNotice } from '../../lib/ui';
import { useAsync } from '../../lib/useAsync';
import { AefiForm } from './AefiForm';
import { endObservation, listObservations, type ObservationItem } from './api';

const REFRESH_MS = 60_000;

function useNow(everyMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function ObservationPanel({ siteId, version }: { siteId: string; version: number }) {
  const { t } = useI18n();
  const list = useAsync((signal) => listObservations(siteId, signal), [siteId, version]);
  const now = useNow(1000);
  const [reacting, setReacting] = useState<ObservationItem | null>(null);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const timer = window.setInterval(list.reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [list.reload]);

  const end = async (item: ObservationItem, outcome: 'no_reaction' | 'left_early') => {
    setError(undefined);
    try {
      await endObservation(item.doseId, { outcome });
      list.reload();
    } catch (cause) {
      setError(cause);
    }
  };

  const items = list.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="vsite-observation-title">
      <h2 id="vsite-observation-title">{t('vsite.observationTitle')}</h2>
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {error !== undefined && <ErrorNotice error={error} />}
      {done && <SuccessNotice>{done}</SuccessNotice>}
      {list.data && items.length === 0 && <p className="muted">{t('vsite.noObservations')}</p>}
      {items.length > 0 && (
        <table>
          <thead>
            <tr><th scope="col">{t('vsite.colPerson')}</th><th scope="col">{t('vsite.colDose')}</th><th scope="col">{t('vsite.colLeft')}</th><th scope="col">{t('vsite.colActions')}</th></tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const msLeft = Date.parse(item.dueAt) - now;
              const due = msLeft <= 0;
              const minutes = Math.floor(Math.max(0, msLeft) / 60_000);
              const seconds = Math.floor((Math.max(0, msLeft) % 60_000) / 1000);
              return (
                <tr key={item.doseId} data-testid="vsite-observation-row">
                  <th scope="row">{item.person.fullName} <small className="muted">({item.person.birthYear})</small></th>
                  <td>{item.productCode} · {item.doseNumber}</td>
                  <td>
                    {/* the label is read out once a minute, not every second */}
                    <span aria-hidden="true">{due ? t('vsite.due') : `${minutes}:${String(seconds).padStart(2, '0')}`}</span>
                    <span className="visually-hidden">{due ? t('vsite.due') : t('vsite.minutesLeft', { minutes: minutes + 1 })}</span>
                  </td>
                  <td>
                    <button type="button" className="button-secondary" disabled={!due} aria-label={t('vsite.endFor', { action: t('vsite.noReaction'), name: item.person.fullName })} onClick={() => void end(item, 'no_reaction')}>{t('vsite.noReaction')}</button>
                    <button type="button" className="button-secondary" aria-label={t('vsite.endFor', { action: t('vsite.leftEarly'), name: item.person.fullName })} onClick={() => void end(item, 'left_early')}>{t('vsite.leftEarly')}</button>
                    <button type="button" className="button-secondary" aria-label={t('vsite.endFor', { action: t('vsite.reaction'), name: item.person.fullName })} onClick={() => { setDone(null); setReacting(item); }}>{t('vsite.reaction')}</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {reacting && (
        <AefiForm
          key={reacting.doseId}
          personName={reacting.person.fullName}
          onCancel={() => setReacting(null)}
          onSubmit={async (aefi) => {
            await endObservation(reacting.doseId, { outcome: 'reaction', aefi });
            setReacting(null);
            setDone(t('vsite.aefiReported'));
            list.reload();
          }}
        />
      )}
    </section>
  );
}
