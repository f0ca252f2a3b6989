// The vaccinator's desk (/staff/vaccination/site), phone or laptop: choose the site and the lot in use,
// check a person in (personal QR by camera, or a typed national ID / personal code), see their doses,
// next dose and booking, screen them, record the dose from the visit, and watch the people under
// observation with a countdown, reporting any reaction.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { ErrorNotice, SuccessNotice } from '../../lib/ui';
import { checkIn, getVisit, recordDose, type CheckInBy, type StockLine, type Visit } from './api';
import { CheckInPanel } from './CheckInPanel';
import { ObservationPanel } from './ObservationPanel';
import { QueuePanel } from './QueuePanel';
import { ScreeningForm } from './ScreeningForm';
import { SiteSetup } from './SiteSetup';
import { storeDesk, storedDesk } from './siteStore';
import { VisitCard } from './VisitCard';
import './site.css';

export default function SiteScreen() {
  const { t } = useI18n();
  const [desk, setDesk] = useState(storedDesk);
  const [lot, setLot] = useState<StockLine | null>(null);
  const [visit, setVisit] = useState<Visit | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  // the dose's client id is kept until it is answered, so pressing again after a lost answer is a repeat
  const [doseId, setDoseId] = useState<string | null>(null);

  const chooseSite = (siteId: string | null) => {
    setDesk({ siteId, lotId: null });
    storeDesk({ siteId, lotId: null });
    setLot(null);
    setVisit(null);
  };
  const chooseLot = (line: StockLine | null) => {
    setLot(line);
    const next = { siteId: desk.siteId, lotId: line?.lot.id ?? null };
    setDesk(next);
    storeDesk(next);
  };

  const onCheckIn = async (by: CheckInBy) => {
    if (!desk.siteId) return;
    setBusy(true);
    setError(undefined);
    setDone(null);
    try {
      setVisit(await checkIn(crypto.randomUUID(), desk.siteId, by));
      setDoseId(null);
      setVersion((n) => n + 1);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const onOpen = async (visitId: string) => {
    setError(undefined);
    setDone(null);
    try {
      setVisit(await getVisit(visitId));
      setDoseId(null);
    } catch (cause) {
      setError(cause);
    }
  };

  const onDose = async () => {
    if (!visit || !lot || !desk.siteId) return;
    const id = doseId ?? crypto.randomUUID();
    setDoseId(id);
    setBusy(true);
    setError(undefined);
    try {
      const dose = await recordDose({
        id, personId: visit.person.id, productCode: lot.lot.productCode, lotId: lot.lot.id, siteId: desk.siteId, administeredAt: new Date().toISOString(), visitId: visit.id,
      });
      setDone(t('vsite.doseRecorded', { number: dose.doseNumber, name: visit.person.fullName }));
      setVisit(null);
      setDoseId(null);
      setVersion((n) => n + 1);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const screening = visit?.screening ?? null;
  return (
    <div className="vsite">
      <h1>{t('vsite.title')}</h1>
      <SiteSetup siteId={desk.siteId} lotId={desk.lotId} onSite={chooseSite} onLot={chooseLot} stockVersion={version} />
      {desk.siteId && (
        <div className="vsite-columns">
          <div>
            <CheckInPanel busy={busy} onCheckIn={(by) => void onCheckIn(by)} />
            {error !== undefined && <ErrorNotice error={error} />}
            {done && <SuccessNotice>{done}</SuccessNotice>}
            {visit && <VisitCard visit={visit} lotProduct={lot?.lot.productCode ?? null} />}
            {visit && !visit.doseId && (
              <ScreeningForm key={visit.id} visit={visit} onSaved={(saved) => { setVisit({ ...visit, screening: saved }); setVersion((n) => n + 1); }} />
            )}
            {visit && !visit.doseId && (
              <section className="card" aria-labelledby="vsite-dose-title">
                <h2 id="vsite-dose-title">{t('vsite.doseTitle')}</h2>
                {!lot && <p className="muted">{t('vsite.needLot')}</p>}
                {screening?.outcome !== 'vaccinate' && <p className="muted">{t('vsite.needVaccinate')}</p>}
                <button type="button" className="button-primary" disabled={busy || !lot || screening?.outcome !== 'vaccinate'} onClick={() => void onDose()}>
                  {busy ? t('vsite.recording') : t('vsite.recordDose')}
                </button>
              </section>
            )}
          </div>
          <div>
            <QueuePanel siteId={desk.siteId} version={version} currentId={visit?.id ?? null} onOpen={(id) => void onOpen(id)} />
            <ObservationPanel siteId={desk.siteId} version={version} />
          </div>
        </div>
      )}
    </div>
  );
}
