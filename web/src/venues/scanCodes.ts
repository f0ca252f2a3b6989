// What a scanned QR stands for. Personal codes are URLs ending in /p/<code>, declarations /d/<code>,
// venue posters /v/<code>. The code itself is signed: only the server can tell a forged one.

export type Scanned =
  | { kind: 'person'; code: string }
  | { kind: 'declaration'; code: string }
  | { kind: 'venue'; code: string }
  | { kind: 'unknown' };

const CODE = /^[A-Za-z0-9_-]{20,64}$/;
const KINDS = { p: 'person', d: 'declaration', v: 'venue' } as const;

export function parseScanned(text: string): Scanned {
  const value = text.trim();
  let path: string;
  try {
    path = new URL(value).pathname;
  } catch {
    return bareCode(value);
  }
  const parts = path.split('/').filter(Boolean);
  const [letter, code] = parts.slice(-2);
  if (parts.length < 2 || !letter || !code || !Object.hasOwn(KINDS, letter) || !CODE.test(code)) return { kind: 'unknown' };
  return { kind: KINDS[letter as keyof typeof KINDS], code };
}

/**
 * A code without its URL (a QR made by another app, or typed from a card). Its first byte names its
 * kind ('P', 'D' or 'V'), which in base64url makes the first character 'U', 'R' or 'V'.
 */
const BARE_KINDS: Partial<Record<string, 'person' | 'declaration' | 'venue'>> = { U: 'person', R: 'declaration', V: 'venue' };
function bareCode(value: string): Scanned {
  const kind = CODE.test(value) ? BARE_KINDS[value.charAt(0)] : undefined;
  return kind ? { kind, code: value } : { kind: 'unknown' };
}

/** A CCCD is 12 digits; spaces and dots people type between groups are ignored. */
export function normaliseNationalId(text: string): string | null {
  const digits = text.replace(/[\s.-]/g, '');
  return /^\d{12}$/.test(digits) ? digits : null;
}
