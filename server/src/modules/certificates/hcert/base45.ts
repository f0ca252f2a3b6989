// Base45 (RFC 9285): the encoding of HCERT QR codes, chosen because its 45 characters are exactly
// the QR alphanumeric set. Written here rather than taken from npm: the package there is CommonJS,
// uses Node's Buffer and decodes invalid characters to garbage instead of refusing them.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUES = new Map(Array.from({ length: ALPHABET.length }, (_, index) => [ALPHABET.charAt(index), index]));

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const n = bytes[i]! * 256 + bytes[i + 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45) % 45]! + ALPHABET[Math.floor(n / 2025)]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

/** Decodes Base45; throws RangeError naming the problem (a character outside the alphabet, a bad length, a group too large). */
export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new RangeError(`a Base45 text cannot be ${text.length} characters long`);
  const values: number[] = [];
  for (let position = 0; position < text.length; position++) {
    const char = text.charAt(position);
    const value = VALUES.get(char);
    if (value === undefined) throw new RangeError(`character ${JSON.stringify(char)} at ${position} is not Base45`);
    values.push(value);
  }
  const out = new Uint8Array(Math.floor(values.length / 3) * 2 + (values.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < values.length; i += 3) {
    if (i + 2 < values.length) {
      const n = values[i]! + values[i + 1]! * 45 + values[i + 2]! * 2025;
      if (n > 0xffff) throw new RangeError(`the group at ${i} is larger than two bytes`);
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = values[i]! + values[i + 1]! * 45;
      if (n > 0xff) throw new RangeError(`the last group is larger than one byte`);
      out[o++] = n;
    }
  }
  return out;
}
