// /verify: checks an EU DCC certificate (HC1:) offline against the trusted keys kept on the device:
// pasted, scanned with the camera, or read from a picture. Public, no sign-in; nothing is sent.
import { type SubmitEvent, useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../lib/format';
import { CameraScanner } from '../venues/CameraScanner';
import { createDetector } from '../venues/detector';
import { type Verification, verifyHc1 } from './hcert';
import { useVerifyMessages } from './i18n';
import { useTrustList } from './useTrustList';
import { VerificationResult } from './VerificationResult';
import '../venues/scanner.css';
import './verify.css';

function TrustListStatus({ trust }: { trust: ReturnType<typeof useTrustList> }) {
  const { t } = useVerifyMessages();
  return (
    <section className="card verify-trust" aria-labelledby="verify-trust-title" data-testid="verify-trust" data-keys={trust.keys?.length ?? ''} data-status={trust.status}>
      <h2 id="verify-trust-title">{t('verify.trust.title')}</h2>
      {trust.keys && trust.fetchedAt ? (
        <p data-testid="verify-trust-date">{t('verify.trust.count', { count: trust.keys.length, time: formatDateTime(trust.fetchedAt) })}</p>
      ) : trust.status === 'failed' ? (
        <p className="notice notice-error" role="alert">{t('verify.trust.none')}</p>
      ) : (
        <p className="muted" role="status">{t('verify.trust.loading')}</p>
      )}
      {trust.keys && trust.status === 'failed' && <p className="notice notice-info">{t('verify.trust.offline')}</p>}
      <div className="actions">
        <button type="button" className="button-secondary button-small" onClick={trust.refresh} disabled={trust.status === 'updating'}>
          {trust.status === 'updating' ? t('verify.trust.updating') : t('verify.trust.refresh')}
        </button>
      </div>
    </section>
  );
}

export default function VerifierScreen() {
  const { t } = useVerifyMessages();
  const trust = useTrustList();
  const [text, setText] = useState('');
  const [checking, setChecking] = useState(false);
  const [outcome, setOutcome] = useState<{ result: Verification; at: Date } | null>(null);
  const [imageProblem, setImageProblem] = useState(false);

  useEffect(() => {
    document.title = `${t('verify.title')} · Vigil`;
  }, [t]);

  // a code scanned before the trusted keys are read waits for them (else it would fail as unknown_key)
  const [request, setRequest] = useState<{ code: string } | null>(null);
  const ready = trust.keys !== null || trust.status === 'failed';
  const latest = useRef(0);
  useEffect(() => {
    if (!request || !ready) return;
    // only the latest check shows its verdict
    const id = ++latest.current;
    const at = new Date();
    setRequest(null);
    setChecking(true);
    void verifyHc1(request.code, trust.keys ?? [], { at }).then((result) => {
      if (id !== latest.current) return;
      setOutcome({ result, at });
      setChecking(false);
    });
  }, [request, ready, trust.keys]);

  const check = (code: string) => {
    setImageProblem(false);
    setRequest({ code });
  };

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    check(text);
  };

  const onScanned = (code: string) => {
    setText(code);
    check(code);
  };

  const onPicture = async (file: File | undefined) => {
    if (!file) return;
    try {
      const detector = await createDetector();
      const [found] = await detector.detect(await createImageBitmap(file));
      if (found) onScanned(found.rawValue);
      else setImageProblem(true);
    } catch {
      setImageProblem(true);
    }
  };

  return (
    <section className="verify-page" aria-labelledby="verify-title" data-testid="verify-page">
      <h1 id="verify-title">{t('verify.title')}</h1>
      <p className="muted">{t('verify.intro')}</p>
      <TrustListStatus trust={trust} />
      <section className="card">
        <h2>{t('verify.input.camera')}</h2>
        <CameraScanner onCode={onScanned} flash={outcome ? (outcome.result.valid ? 'ok' : 'bad') : null} />
      </section>
      {outcome && <VerificationResult result={outcome.result} checkedAt={outcome.at} />}
      <form className="card" onSubmit={onSubmit}>
        <h2>{t('verify.input.title')}</h2>
        <div className="field">
          <label htmlFor="verify-code">{t('verify.input.label')}</label>
          <textarea
            id="verify-code"
            className="verify-code"
            rows={4}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            value={text}
            onChange={(event) => setText(event.target.value)}
            data-testid="verify-input"
          />
        </div>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={checking || !text.trim()} data-testid="verify-check">
            {checking ? t('verify.checking') : t('verify.input.check')}
          </button>
          <button type="button" className="button-secondary" onClick={() => { setText(''); setOutcome(null); }}>
            {t('verify.input.clear')}
          </button>
        </div>
        <div className="field verify-picture">
          <label htmlFor="verify-picture">{t('verify.input.image')}</label>
          <input id="verify-picture" type="file" accept="image/*" onChange={(event) => void onPicture(event.target.files?.[0])} data-testid="verify-picture" />
          {imageProblem && <p className="field-error" role="alert">{t('verify.input.imageNoCode')}</p>}
        </div>
      </form>
    </section>
  );
}
