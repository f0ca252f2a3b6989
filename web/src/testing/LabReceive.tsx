// Receiving tubes at the lab: each barcode scanned (camera, handheld scanner or typed) is received at
// once; an open tube is sealed on the way, a tube received before is a repeat.
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n';
import { errorText } from '../lib/ui';
import { CameraScanner } from '../venues/CameraScanner';
import { timeOf } from '../venues/ScanLists';
import { normaliseBarcode, parseCollectorCode } from './codes';
import { receiveTubes } from './labApi';
import { TypedEntry } from './TypedEntry';
import '../venues/scanner.css';

type Tone = 'ok' | 'repeat' | 'bad';
const FORMATS = ['code_128', 'qr_code'] as const;

interface Received {
  barcode: string;
  tone: Tone;
  text: string;
  at: string;
}

export function LabReceive() {
  const i18n = useI18n();
  const { t } = i18n;
  const [list, setList] = useState<Received[]>([]);
  const [flash, setFlash] = useState<Tone | null>(null);

  const note = useCallback((item: Received) => {
    setList((before) => [item, ...before.filter((x) => x.barcode !== item.barcode)].slice(0, 50));
    setFlash(item.tone);
    window.setTimeout(() => setFlash(null), 1200);
  }, []);

  const receive = useCallback(async (text: string) => {
    const code = parseCollectorCode(text);
    const barcode = code.kind === 'tube' || code.kind === 'badTube' ? code.barcode : normaliseBarcode(text);
    const at = new Date().toISOString();
    if (!barcode || code.kind === 'person' || code.kind === 'nationalId') {
      note({ barcode: text.slice(0, 40), tone: 'bad', text: t('lab.notTube'), at });
      return;
    }
    try {
      const result = await receiveTubes([barcode]);
      const item = result.items[0];
      note({ barcode, tone: item?.repeat ? 'repeat' : 'ok', text: item?.repeat ? t('lab.receivedBefore', { time: timeOf(item.receivedAt) }) : t('lab.received'), at });
    } catch (error) {
      note({ barcode, tone: 'bad', text: errorText(error, i18n), at });
    }
  }, [note, t, i18n]);

  return (
    <div className="scanner" data-testid="lab-receive">
      <p className="muted">{t('lab.receiveIntro')}</p>
      <CameraScanner onCode={(text) => void receive(text)} flash={flash} formats={FORMATS} />
      <TypedEntry id="lab-receive-typed" label={t('lab.typedBarcode')} hint={t('lab.typedBarcodeHint')} onText={(text) => void receive(text)} />
      {list.length > 0 && (
        <section className="card" aria-labelledby="lab-received-title">
          <h2 id="lab-received-title">{t('lab.receivedList')}</h2>
          <ul className="plain-list scanner-recent" data-testid="received-list" aria-live="polite">
            {list.map((item) => (
              <li key={item.barcode} data-tone={item.tone}>
                <span className="mono">{timeOf(item.at)}</span> <strong className="mono">{item.barcode}</strong>
                <span className={item.tone === 'bad' ? 'field-error' : item.tone === 'ok' ? 'badge' : 'chip'}>{item.text}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
