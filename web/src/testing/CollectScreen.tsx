// The collector's phone page: choose the session once; then for each tube scan its barcode and the
// people sampled into it (personal QR, chip CCCD QR, a typed national ID, or a walk-in registered on
// the spot), representatives with the people they stand for; seal the tube. Every sample is queued on
// the device at once and sent when the network allows (useSampleQueue), so the page works offline.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { navigate, useLocation } from '../lib/router';
import { errorText } from '../lib/ui';
import { CameraScanner } from '../venues/CameraScanner';
import { QueueStatus, scanLabel, timeOf } from '../venues/ScanLists';
import { getOrganisationMembers, getSession, isRepresentativeMode, listSessionTubes, type Session, type Tube } from './api';
import { parseCollectorCode } from './codes';
import { storedPoolSize, storedSession, storedTube, storePoolSize, storeSession, storeTube, type CollectorSession } from './collectorStore';
import { RepresentPicker, type Who } from './RepresentPicker';
import { getPoolSize, type PoolSizeProposal } from './roundsApi';
import { DeviceTubes, RejectedSamples, sampleLabel, TubeSamples } from './SampleLists';
import { SessionChooser } from './SessionChooser';
import { TubeCard } from './TubeCard';
import { TypedEntry } from './TypedEntry';
import { useSampleQueue } from './useSampleQueue';
import { WalkInForm } from './WalkInForm';
import '../venues/scanner.css';
import './testing.css';

type Tone = 'ok' | 'repeat' | 'bad';
const FLASH_MS = 1200;
const FORMATS = ['qr_code', 'code_128'] as const;

export default function CollectScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const { search } = useLocation();
  const [session, setSession] = useState<CollectorSession | null>(storedSession);
  const [choosing, setChoosing] = useState(false);
  const [tube, setTube] = useState<string | null>(() => storedTube(storedSession()?.id));
  const queue = useSampleQueue(tube);
  const [feedback, setFeedback] = useState<{ tone: Tone; text: string; serial: number } | null>(null);
  const [flash, setFlash] = useState<Tone | null>(null);
  const [pending, setPending] = useState<{ who: Who; label: string } | null>(null);
  const [walkIn, setWalkIn] = useState(false);
  const [proposal, setProposal] = useState<PoolSizeProposal | null>(() => (session ? storedPoolSize(session) : null));
  const [serverTubes, setServerTubes] = useState<Map<string, Tube>>(new Map());
  const serial = useRef(0);

  const say = useCallback((tone: Tone, text: string) => {
    serial.current += 1;
    setFeedback({ tone, text, serial: serial.current });
    setFlash(tone);
  }, []);

  useEffect(() => {
    if (!flash) return;
    const timer = window.setTimeout(() => setFlash(null), FLASH_MS);
    return () => window.clearTimeout(timer);
  }, [flash, feedback]);

  const pick = useCallback(async (chosen: Session) => {
    let next: CollectorSession = chosen;
    // an organisation's members come along, so teams can be chosen without network
    if (chosen.mode === 'organisation_representative' && chosen.organisationId) {
      try {
        next = { ...chosen, organisationMembers: (await getOrganisationMembers(chosen.organisationId)).members };
      } catch {
        next = { ...chosen, organisationMembers: storedSession()?.id === chosen.id ? storedSession()?.organisationMembers : undefined };
      }
    }
    storeSession(next);
    setSession(next);
    setTube(storedTube(next.id));
    setProposal(storedPoolSize(next));
    setServerTubes(new Map());
    setChoosing(false);
    setFeedback(null);
    setPending(null);
  }, []);

  // the sessions screen links here with ?session=<id>; once opened, the address drops it
  const wanted = search.get('session');
  useEffect(() => {
    if (!wanted) return;
    const open = wanted === storedSession()?.id ? Promise.resolve() : getSession(wanted).then((found) => pick(found));
    open.then(
      () => navigate('/staff/testing/collect', { replace: true }),
      (error: unknown) => say('bad', errorText(error, i18n)),
    );
  }, [wanted, pick, say, i18n]);

  // the engine's pool size for the session's commune (remembered for offline use)
  const sessionId = session?.id;
  useEffect(() => {
    if (!session || session.mode === 'individual' || !queue.online) return;
    const controller = new AbortController();
    getPoolSize({ communeCode: session.communeCode, testType: session.testType, highRisk: session.highRisk }, controller.signal).then(
      (found) => {
        setProposal(found);
        storePoolSize(session, found);
      },
      () => undefined, // the last proposal, if any, stays on screen
    );
    return () => controller.abort();
    // refetched per session and when the network returns
  }, [sessionId, queue.online]);

  // what the server counts in the session's tubes (other phones fill them too), after every sync;
  // a server without the tube list leaves the counts of this phone
  const noTubeList = useRef(false);
  useEffect(() => {
    if (!sessionId || !queue.online || noTubeList.current) return;
    const controller = new AbortController();
    listSessionTubes(sessionId, { limit: 500, offset: 0 }, controller.signal).then(
      (page) => setServerTubes(new Map(page.items.map((item) => [item.barcode, item]))),
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 404) noTubeList.current = true;
      },
    );
    return () => controller.abort();
  }, [sessionId, queue.online, queue.synced]);

  const serverTube = tube ? serverTubes.get(tube) : undefined;
  const kept = queue.tubeSamples.filter((s) => s.state !== 'rejected');
  const waitingHere = kept.filter((s) => s.state === 'waiting').length;
  const filled = Math.max(kept.length, (serverTube?.sampled ?? 0) + waitingHere);
  const cap = serverTube?.capacity ?? session?.poolCap ?? 1;
  const sealedHere = (barcode: string) => {
    const local = queue.tubes.find((item) => item.barcode === barcode);
    const server = serverTubes.get(barcode);
    return local?.seal === 'waiting' || local?.seal === 'sent' || (server !== undefined && server.status !== 'collecting');
  };

  const openTube = (barcode: string) => {
    if (!session) return;
    if (barcode === tube) return say('repeat', t('collect.tubeAlreadyOpen', { barcode }));
    if (sealedHere(barcode)) return say('bad', t('collect.tubeSealedCannotOpen', { barcode }));
    setTube(barcode);
    storeTube(session.id, barcode);
    setPending(null);
    say('ok', t('collect.tubeOpened', { barcode }));
  };

  const record = async (who: Who, extra: { represents?: { personId: string; fullName: string }[]; name?: string } = {}) => {
    if (!session || !tube) return false;
    try {
      const { sample, repeatOf } = await queue.add({
        sessionId: session.id,
        tubeBarcode: tube,
        ...who,
        ...(extra.represents && extra.represents.length > 0
          ? { represents: extra.represents.map((p) => p.personId), representedNames: extra.represents.map((p) => p.fullName) }
          : {}),
        ...(extra.name ? { name: extra.name } : {}),
      });
      if (repeatOf) say('repeat', t('collect.repeat', { who: sampleLabel(sample, t), time: timeOf(sample.sampledAt) }));
      else say('ok', t('collect.recorded', { who: sampleLabel(sample, t), barcode: tube }));
      return true;
    } catch (error) {
      say('bad', errorText(error, i18n));
      return false;
    }
  };

  const identify = (who: Who, label: string) => {
    if (!session) return;
    if (!tube) return say('bad', t('collect.scanTubeFirst'));
    if (sealedHere(tube)) return say('bad', t('collect.tubeSealedCannotOpen', { barcode: tube }));
    if (filled >= cap) return say('bad', t('collect.full'));
    if (isRepresentativeMode(session.mode)) {
      setPending({ who, label });
      return;
    }
    void record(who);
  };

  const onCode = (text: string) => {
    const code = parseCollectorCode(text);
    switch (code.kind) {
      case 'tube':
        return openTube(code.barcode);
      case 'badTube':
        return say('bad', t('collect.badCheckDigit', { barcode: code.barcode }));
      case 'person':
        return identify({ personCode: code.personCode }, scanLabel({ personCode: code.personCode }, t));
      case 'nationalId':
        return identify({ nationalId: code.nationalId }, scanLabel({ nationalId: code.nationalId }, t));
      case 'venue':
        return say('bad', t('scanner.venueCode'));
      case 'declaration':
        return say('bad', t('collect.declarationCode'));
      case 'unknown':
        return say('bad', t('scanner.unknownCode'));
    }
  };

  const seal = async () => {
    if (!session || !tube) return;
    try {
      await queue.seal(tube, session.id);
      say('ok', t('collect.sealed', { barcode: tube }));
      setTube(null);
      storeTube(session.id, null);
    } catch (error) {
      say('bad', errorText(error, i18n));
    }
  };

  if (!session || choosing) {
    return (
      <div className="scanner collect" data-testid="collector">
        <h1>{t('collect.title')}</h1>
        <SessionChooser current={session} onPick={(chosen) => void pick(chosen)} onCancel={session ? () => setChoosing(false) : undefined} />
      </div>
    );
  }

  return (
    <div className="scanner collect" data-testid="collector">
      <div className="scanner-head">
        <h1>{t('collect.title')}</h1>
        <p className="scanner-venue" data-testid="collect-session">
          <span>
            <strong>{session.name}</strong>
            <small className="muted">{t(`testing.mode.${session.mode}`)} · {t(`testing.testType.${session.testType}`)} · {t('collect.capOf', { cap: session.poolCap })}</small>
          </span>
          <button type="button" className="button-secondary button-small" onClick={() => setChoosing(true)}>{t('collect.changeSession')}</button>
        </p>
      </div>
      {session.status === 'closed' && <p className="notice notice-error" role="alert">{t('collect.sessionClosed')}</p>}
      {queue.storageError !== undefined && <p className="notice notice-error" role="alert">{t('scanner.storageFailed')}</p>}
      <QueueStatus queue={queue} />
      <div className="scanner-feedback-slot" aria-live="assertive">
        {feedback && (
          <p key={feedback.serial} className={`scanner-feedback scanner-feedback-${feedback.tone}`} data-testid="collect-feedback" data-tone={feedback.tone}>
            <span aria-hidden="true">{feedback.tone === 'ok' ? '✓' : feedback.tone === 'repeat' ? '↺' : '✕'}</span> {feedback.text}
          </p>
        )}
      </div>
      {pending && (
        <RepresentPicker
          key={`${pending.who.personCode ?? ''}${pending.who.nationalId ?? ''}${pending.who.walkIn?.fullName ?? ''}`}
          session={session}
          who={pending.who}
          whoLabel={pending.label}
          onRecord={(represents, name) => {
            setPending(null);
            void record(pending.who, { represents, name });
          }}
          onCancel={() => setPending(null)}
        />
      )}
      {walkIn && (
        <WalkInForm
          communeCode={session.communeCode}
          onSubmit={(person) => {
            setWalkIn(false);
            identify({ walkIn: person }, person.fullName);
          }}
          onCancel={() => setWalkIn(false)}
        />
      )}
      {tube ? (
        <TubeCard
          key={tube}
          barcode={tube}
          filled={filled}
          cap={cap}
          proposal={session.mode === 'individual' ? null : proposal}
          local={queue.tube}
          serverStatus={serverTube?.status}
          onSeal={() => void seal()}
          onClose={() => {
            setTube(null);
            storeTube(session.id, null);
          }}
        />
      ) : (
        <p className="notice notice-info collect-prompt" data-testid="scan-tube-prompt">{t('collect.scanTubePrompt')}</p>
      )}
      <CameraScanner onCode={onCode} flash={flash} formats={FORMATS} />
      <TypedEntry
        id="collect-typed"
        label={tube ? t('collect.typedPerson') : t('collect.typedTube')}
        hint={t('collect.typedHint')}
        onText={onCode}
      />
      {tube && !walkIn && (
        <div className="actions">
          <button type="button" className="button-secondary" onClick={() => setWalkIn(true)} data-testid="walk-in-open">{t('collect.walkIn')}</button>
        </div>
      )}
      <RejectedSamples queue={queue} />
      <TubeSamples queue={queue} />
      <DeviceTubes queue={queue} sessionId={session.id} current={tube} onOpen={openTube} />
    </div>
  );
}
