// A QR code drawn as one SVG path: sharp at any size, nothing fetched, works offline.
import { create } from 'qrcode';
import { useMemo } from 'react';

const QUIET = 4; // modules of white border a scanner needs around the code

export function QrCode({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = create(value, { errorCorrectionLevel: 'M' });
    const parts: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) parts.push(`M${col + QUIET} ${row + QUIET}h1v1h-1z`);
      }
    }
    return { size: modules.size + QUIET * 2, path: parts.join('') };
  }, [value]);
  return (
    <svg className="qr-code" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} data-testid={testId} data-value={value} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
