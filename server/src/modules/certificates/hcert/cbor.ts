// CBOR through cbor-x, set up for COSE: maps keep their integer keys (decoded as Map), byte
// strings are plain bstr (no typed-array tag), no cbor-x record extensions.
import { Decoder, Encoder, Tag } from 'cbor-x';

const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });
const encoder = new Encoder({ mapsAsObjects: false, useRecords: false, variableMapSize: true, tagUint8Array: false });

export { Tag };

/** Decodes one CBOR item; throws on malformed input. */
export function decodeCbor(bytes: Uint8Array): unknown {
  return decoder.decode(bytes) as unknown;
}

export function encodeCbor(value: unknown): Uint8Array {
  const encoded = encoder.encode(value);
  return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}

/**
 * A decoded CBOR value as plain JSON: maps with text keys become objects, byte strings base64,
 * dates (CBOR tags 0 and 1) ISO strings. What the DCC payload looks like in its JSON schema.
 */
export function cborToJson(value: unknown): unknown {
  if (value instanceof Map) {
    const object: Record<string, unknown> = {};
    for (const [key, item] of value as Map<unknown, unknown>) object[String(key)] = cborToJson(item);
    return object;
  }
  if (Array.isArray(value)) return value.map(cborToJson);
  if (value instanceof Uint8Array) {
    let binary = '';
    for (const byte of value) binary += String.fromCharCode(byte);
    return btoa(binary);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Tag) return cborToJson(value.value);
  if (typeof value === 'bigint') return Number(value);
  if (value === undefined) return null;
  return value;
}

/** JSON as CBOR-ready values: objects become Maps with text keys (so the encoder writes CBOR maps). */
export function jsonToCbor(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonToCbor);
  if (value !== null && typeof value === 'object') return new Map(Object.entries(value).map(([key, item]) => [key, jsonToCbor(item)]));
  return value;
}
