// The camera, read continuously: each QR seen is passed on once (the same code held in front of the
// camera is not reported again for a few seconds). The decoder is prepared as soon as the screen opens.
import { useEffect, useRef, useState } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { createDetector, type CodeFormat, type QrDetector } from './detector';

const FRAME_GAP_MS = 120;
const SAME_CODE_QUIET_MS = 3000;

function cameraProblem(error: unknown): MessageKey {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'scanner.cameraDenied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'scanner.cameraMissing';
  if (name === 'NotReadableError') return 'scanner.cameraBusy';
  return 'scanner.cameraFailed';
}

interface CameraScannerProps {
  onCode: (text: string) => void;
  flash: 'ok' | 'repeat' | 'bad' | null;
  /** QR codes unless told (the testing screens read tube barcodes too); fixed for the component's life */
  formats?: readonly CodeFormat[];
}

export function CameraScanner({ onCode, flash, formats }: CameraScannerProps) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const onCodeRef = useRef(onCode);
  const formatsRef = useRef(formats);
  const [detector, setDetector] = useState<QrDetector | null>(null);
  const [detectorError, setDetectorError] = useState(false);
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  // Loaded as the screen opens; a load cut short by a lost network is tried again when it returns.
  useEffect(() => {
    let live = true;
    const load = () => {
      createDetector(formatsRef.current).then(
        (ready) => {
          if (!live) return;
          setDetector(ready);
          setDetectorError(false);
          window.removeEventListener('online', load);
        },
        () => live && setDetectorError(true),
      );
    };
    window.addEventListener('online', load);
    load();
    return () => {
      live = false;
      window.removeEventListener('online', load);
    };
  }, []);

  useEffect(() => {
    if (!on || !detector) return;
    const element = video.current;
    if (!element) return;
    if (!('mediaDevices' in navigator)) {
      setProblem('scanner.cameraInsecure');
      setOn(false);
      return;
    }
    let stopped = false;
    // read through a function: a plain read after `await` is narrowed to its value before the await
    const isStopped = () => stopped;
    let stream: MediaStream | null = null;
    let timer = 0;
    const last = { text: '', at: 0 };

    const tick = async () => {
      if (stopped) return;
      if (element.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && element.videoWidth > 0) {
        try {
          for (const { rawValue } of await detector.detect(element)) {
            if (isStopped()) return;
            const now = Date.now();
            if (rawValue === last.text && now - last.at < SAME_CODE_QUIET_MS) continue;
            last.text = rawValue;
            last.at = now;
            onCodeRef.current(rawValue);
          }
        } catch {
          // a frame the decoder could not read: try the next one
        }
      }
      if (isStopped()) return;
      timer = window.setTimeout(() => void tick(), FRAME_GAP_MS);
    };

    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false })
      .then(async (media) => {
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        stream = media;
        element.srcObject = media;
        await element.play();
        setProblem(null);
        void tick();
      })
      .catch((error: unknown) => {
        if (stopped) return;
        setProblem(cameraProblem(error));
        setOn(false);
      });

    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
      element.srcObject = null;
    };
  }, [on, detector]);

  return (
    <section className="scanner-camera" aria-labelledby="scanner-camera-title">
      <h2 id="scanner-camera-title" className="visually-hidden">{t('scanner.camera')}</h2>
      <div className={`scanner-video${flash ? ` scanner-flash-${flash}` : ''}${on ? '' : ' scanner-video-off'}`}>
        <video ref={video} muted playsInline aria-label={t('scanner.cameraView')} />
        {!on && <p className="scanner-video-hint">{t('scanner.cameraOffHint')}</p>}
        {on && <span className="scanner-aim" aria-hidden="true" />}
      </div>
      <div className="actions">
        <button
          type="button"
          className={on ? 'button-secondary' : 'button-primary'}
          disabled={!detector}
          onClick={() => setOn(!on)}
          data-testid="camera-toggle"
          data-engine={detector?.engine}
        >
          {on ? t('scanner.cameraStop') : detector || detectorError ? t('scanner.cameraStart') : t('scanner.cameraPreparing')}
        </button>
      </div>
      {detectorError && <p className="notice notice-error" role="alert">{t('scanner.decoderFailed')}</p>}
      {problem && <p className="notice notice-error" role="alert">{t(problem)}</p>}
    </section>
  );
}
