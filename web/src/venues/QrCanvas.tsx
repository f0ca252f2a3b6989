// A QR code drawn in the browser from a URL (the same one the printed poster encodes).
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';

export function QrCanvas({ text, size = 240, label }: { text: string; size?: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!canvas.current) return;
    setFailed(false);
    // margin 4 = the quiet zone the QR standard asks for; error correction M survives a smudged poster
    QRCode.toCanvas(canvas.current, text, { width: size, margin: 4, errorCorrectionLevel: 'M' }).catch(() => setFailed(true));
  }, [text, size]);
  return (
    <canvas
      ref={canvas}
      className="venue-qr"
      width={size}
      height={size}
      role="img"
      aria-label={label}
      data-qr-text={text}
      data-qr-failed={failed || undefined}
    />
  );
}
