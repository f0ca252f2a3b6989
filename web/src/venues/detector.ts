// QR decoding: the browser's own BarcodeDetector where it has one (Android Chrome), else the
// `barcode-detector` ponyfill (ZXing compiled to WebAssembly). The ponyfill fetches its .wasm from a
// CDN by default; here the file is part of Vigil's build (an /assets/ URL from Vite), so scanning works
// on a network without the internet and keeps working offline once the scanner has loaded it.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export interface QrDetector {
  detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
  /** 'native' or 'zxing-wasm', for the screen and for tests */
  engine: 'native' | 'zxing-wasm';
}

interface NativeDetectorClass {
  new (options: { formats: string[] }): { detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]> };
  getSupportedFormats(): Promise<string[]>;
}

async function nativeDetector(): Promise<QrDetector | null> {
  const Native = (window as unknown as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Native) return null;
  try {
    if (!(await Native.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Native({ formats: ['qr_code'] });
    return { engine: 'native', detect: (source) => detector.detect(source) };
  } catch {
    return null;
  }
}

let ponyfill: Promise<QrDetector> | null = null;

/** Loads the ponyfill and compiles the wasm now, so a scanner opened online can scan after going offline. */
function ponyfillDetector(): Promise<QrDetector> {
  ponyfill ??= (async () => {
    const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
    await prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, window.location.href).href : prefix + path),
      },
      fireImmediately: true,
    });
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    return { engine: 'zxing-wasm' as const, detect: (source: ImageBitmapSource) => detector.detect(source) };
  })();
  // a failed load (offline before the first load) may be retried later
  ponyfill.catch(() => {
    ponyfill = null;
  });
  return ponyfill;
}

export async function createDetector(): Promise<QrDetector> {
  return (await nativeDetector()) ?? ponyfillDetector();
}
