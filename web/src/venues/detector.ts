// QR decoding: the browser's own BarcodeDetector where it has one (Android Chrome), else the
// `barcode-detector` ponyfill (ZXing compiled to WebAssembly). The ponyfill fetches its .wasm from a
// CDN by default; here the file is part of Vigil's build (an /assets/ URL from Vite), so scanning works
// on a network without the internet and keeps working offline once the scanner has loaded it.
import type * as Ponyfill from 'barcode-detector/ponyfill';
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

/**
 * What a scanner reads: QR codes by default; the testing collector and lab also read the Code 128
 * barcodes of tube labels. Fewer formats decode faster.
 */
export type CodeFormat = 'qr_code' | 'code_128';

async function nativeDetector(formats: readonly CodeFormat[]): Promise<QrDetector | null> {
  const Native = (window as unknown as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Native) return null;
  try {
    const supported = await Native.getSupportedFormats();
    if (!formats.every((format) => supported.includes(format))) return null;
    const detector = new Native({ formats: [...formats] });
    return { engine: 'native', detect: (source) => detector.detect(source) };
  } catch {
    return null;
  }
}

let zxingReady: Promise<typeof Ponyfill> | null = null;

/** Loads the ponyfill and compiles the wasm now, so a scanner opened online can scan after going offline. */
function ponyfillDetector(formats: readonly CodeFormat[]): Promise<QrDetector> {
  if (!zxingReady) {
    zxingReady = (async () => {
      const module = await import('barcode-detector/ponyfill');
      await module.prepareZXingModule({
        overrides: {
          locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, window.location.href).href : prefix + path),
        },
        fireImmediately: true,
      });
      return module;
    })();
    // a failed load (offline before the first load) may be retried later
    zxingReady.catch(() => {
      zxingReady = null;
    });
  }
  return zxingReady.then(({ BarcodeDetector }) => {
    const detector = new BarcodeDetector({ formats: [...formats] });
    return { engine: 'zxing-wasm' as const, detect: (source: ImageBitmapSource) => detector.detect(source) };
  });
}

export async function createDetector(formats: readonly CodeFormat[] = ['qr_code']): Promise<QrDetector> {
  return (await nativeDetector(formats)) ?? ponyfillDetector(formats);
}
