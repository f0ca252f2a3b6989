// The member states' HCERT test vectors (dgc-testdata): what Vigil gives for each EXPECTED… field
// a vector sets, one check per field as the suite's README defines it. Read from
// ../shared/data/dgc-testdata at test time, never copied into the repository.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { bytesEqual, fromBase64, fromHex, ownBuffer, toBase64 } from './hcert/bytes.js';
import { cborToJson, decodeCbor, encodeCbor, jsonToCbor } from './hcert/cbor.js';
import { CLAIM, decodeBase45Text, decodeHc1, decompress, HCERT_DCC, inflateZlib, readClaims, readTimes, unprefix } from './hcert/chain.js';
import { parseCoseSign1 } from './hcert/cose.js';
import { dccShapeProblem } from './hcert/dcc.js';
import { kidOfCertificate, readSignerCertificate } from './hcert/dsc.js';
import { dccSchemaProblems } from './hcert/schema.js';
import type { TrustedKey } from './hcert/trust.js';
import { checkKeyUsage, checkSignature, checkTimes } from './hcert/verify.js';

export const TESTDATA = path.resolve(import.meta.dirname, '../../../../../shared/data/dgc-testdata');

export interface Vector {
  file: string;
  /** the country folder (or `common`) */
  country: string;
  JSON?: unknown;
  CBOR?: string;
  COSE?: string;
  COMPRESSED?: string;
  BASE45?: string;
  PREFIX?: string;
  '2DCODE'?: string;
  _2DCODE?: string;
  TESTCTX: { VERSION?: number | string; SCHEMA?: string; CERTIFICATE?: string; VALIDATIONCLOCK?: string; DESCRIPTION?: string };
  EXPECTEDRESULTS: Record<string, unknown>;
}

export function loadVectors(root = TESTDATA): Vector[] {
  const vectors: Vector[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) {
        const file = path.relative(root, full);
        vectors.push({ ...(JSON.parse(fs.readFileSync(full, 'utf8')) as Omit<Vector, 'file' | 'country'>), file, country: file.split(path.sep)[0]! });
      }
    }
  };
  walk(root);
  return vectors;
}

/** A time as the vectors write it: ISO 8601, sometimes without a zone (UTC meant) or with 6–7 decimals. */
export function parseClock(text: string): Date {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!match) throw new RangeError(`not a time: ${text}`);
  const [, date, time, fraction = '0', zone = 'Z'] = match;
  return new Date(`${date}T${time}.${fraction.padEnd(3, '0').slice(0, 3)}${zone}`);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * JSON compared as the suite's README asks (NOTE 3): without regard to key order, and date-times
 * as instants (a CBOR-tagged time decodes to an instant, "…Z" and "…+00:00" are the same time).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, canonical(v)]));
    if (typeof value === 'string' && DATE_TIME.test(value)) return `instant:${Date.parse(value)}`;
    return value;
  };
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

const attempt = async (check: () => boolean | Promise<boolean>): Promise<boolean> => {
  try {
    return await check();
  } catch {
    return false;
  }
};

/** Thrown when a vector lacks what a check needs (and it cannot be derived from an earlier stage). */
export class StageMissing extends Error {}

function need<T>(value: T | undefined, stage: string): T {
  if (value === undefined) throw new StageMissing(stage);
  return value;
}

// A stage a vector leaves out is derived from the stage before it (PT's 1.3.0 vectors, for one, hold
// only JSON, BASE45, PREFIX and the picture), so each step is still tested on what the chain gives.
const base45Of = (v: Vector) => v.BASE45 ?? unprefix(need(v.PREFIX, 'PREFIX'));
const compressedOf = (v: Vector) => (v.COMPRESSED ? fromHex(v.COMPRESSED) : decodeBase45Text(base45Of(v)));
const coseBytesOf = (v: Vector) => (v.COSE ? fromHex(v.COSE) : decompress(compressedOf(v)));
const coseOf = (v: Vector) => parseCoseSign1(coseBytesOf(v));

/**
 * The CBOR stage holds the DCC in most vectors and the whole CWT claims map (the DCC under
 * -260 → 1) in others (FR, NL, …); without one, the DCC inside the COSE stage.
 */
function cborStageOf(v: Vector): { claims: unknown; dcc: unknown } {
  if (!v.CBOR) {
    const claims = decodeCbor(coseOf(v).payload);
    return { claims: cborToJson(claims), dcc: cborToJson(((claims as Map<unknown, unknown>).get(CLAIM.hcert) as Map<unknown, unknown>).get(HCERT_DCC)) };
  }
  const decoded = decodeCbor(fromHex(v.CBOR));
  if (decoded instanceof Map && decoded.has(CLAIM.hcert)) return { claims: cborToJson(decoded), dcc: cborToJson((decoded.get(CLAIM.hcert) as Map<unknown, unknown>).get(HCERT_DCC)) };
  return { claims: null, dcc: cborToJson(decoded) };
}

const trustedKeys = new Map<string, Promise<TrustedKey>>();

/** The test context's certificate as a trusted key with its DCC kid (read once per certificate). */
function trustedKeyOf(vector: Vector): Promise<TrustedKey> {
  const certificate = need(vector.TESTCTX.CERTIFICATE, 'TESTCTX.CERTIFICATE');
  let key = trustedKeys.get(certificate);
  if (!key) {
    const der = fromBase64(certificate);
    key = (async () => ({ ...(await readSignerCertificate(der)), kid: toBase64(await kidOfCertificate(der)) }))();
    trustedKeys.set(certificate, key);
  }
  return key;
}

/** The schema's problems of a DCC, a birth date judged at the certificate's issue (or the validation clock). */
export function schemaProblemsOf(v: Vector, dcc: unknown): string[] {
  let issuedAt: Date | undefined;
  try {
    const { iat } = readTimes(coseOf(v));
    if (iat !== null) issuedAt = new Date(iat * 1000);
  } catch {
    // no readable certificate: the clock decides
  }
  issuedAt ??= v.TESTCTX.VALIDATIONCLOCK ? parseClock(v.TESTCTX.VALIDATIONCLOCK) : undefined;
  return dccSchemaProblems(dcc, issuedAt ? { issuedAt } : {});
}

let zxing: Promise<unknown> | undefined;

/**
 * What a PNG shows as a QR code, or null: ZXing compiled to WebAssembly (the decoder the staff
 * scanner uses), its wasm read from node_modules rather than fetched from a CDN.
 */
export async function readQrPng(png: Uint8Array): Promise<string | null> {
  zxing ??= prepareZXingModule({
    overrides: { wasmBinary: ownBuffer(fs.readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'))).buffer },
    fireImmediately: true,
  });
  await zxing;
  const results = await readBarcodes(new Blob([ownBuffer(png)]), { formats: ['QRCode'], maxNumberOfSymbols: 1 });
  return results.find((result) => result.isValid)?.text ?? null;
}

/**
 * One check per EXPECTED… field; each answers what Vigil gives (true: the step succeeds). A check
 * first takes what it needs from the vector (StageMissing when absent), then runs Vigil's step.
 */
export const CHECKS: Record<string, (vector: Vector) => Promise<boolean>> = {
  // the QR picture decodes to the prefixed text (LV's pictures are under `_2DCODE`)
  EXPECTEDPICTUREDECODE: async (v) => {
    const picture = need(v['2DCODE'] ?? v._2DCODE, '2DCODE');
    const prefix = need(v.PREFIX, 'PREFIX');
    return attempt(async () => (await readQrPng(fromBase64(picture))) === prefix);
  },
  // the prefix is HC1: and the rest is the BASE45 stage
  EXPECTEDUNPREFIX: async (v) => {
    const prefix = need(v.PREFIX, 'PREFIX');
    return attempt(() => {
      const rest = unprefix(prefix);
      return v.BASE45 === undefined || rest === v.BASE45;
    });
  },
  // the BASE45 stage decodes to the COMPRESSED stage (or, without one, to zlib data inflating to the COSE stage)
  EXPECTEDB45DECODE: async (v) => attempt(() => {
    const bytes = decodeBase45Text(base45Of(v));
    if (v.COMPRESSED) return bytesEqual(bytes, fromHex(v.COMPRESSED));
    return v.COSE === undefined || bytesEqual(decompress(bytes), fromHex(v.COSE));
  }),
  // the COMPRESSED stage inflates (zlib) to the COSE stage
  EXPECTEDCOMPRESSION: async (v) => attempt(() => {
    const inflated = inflateZlib(compressedOf(v));
    return v.COSE === undefined || bytesEqual(inflated, fromHex(v.COSE));
  }),
  // the COSE structure's payload holds the CBOR stage (all the claims when the stage is the claims map)
  EXPECTEDDECODE: async (v) => attempt(() => {
    const message = coseOf(v);
    const stage = v.CBOR ? cborStageOf(v) : { claims: null, dcc: need(v.JSON, 'CBOR or JSON') };
    if (stage.claims) return sameJson(cborToJson(decodeCbor(message.payload)), stage.claims);
    return sameJson(readClaims(message).dcc, stage.dcc);
  }),
  // the whole chain from the prefixed text gives the JSON stage
  EXPECTEDVALIDJSON: async (v) => {
    const [prefix, json] = [need(v.PREFIX, 'PREFIX'), need(v.JSON, 'JSON')];
    return attempt(() => sameJson(readClaims(decodeHc1(prefix)).dcc, json));
  },
  // the JSON stage encoded as CBOR is the CBOR stage (compared decoded: map order is free)
  EXPECTEDENCODE: async (v) => {
    const json = need(v.JSON, 'JSON');
    return attempt(() => sameJson(cborToJson(decodeCbor(encodeCbor(jsonToCbor(json)))), cborStageOf(v).dcc));
  },
  // the signature verifies with the certificate of the test context
  EXPECTEDVERIFY: async (v) => attempt(async () => Boolean(await checkSignature(coseOf(v), [await trustedKeyOf(v)]))),
  // the test context's certificate may sign what the certificate holds
  EXPECTEDKEYUSAGE: async (v) => attempt(async () => {
    checkKeyUsage(await trustedKeyOf(v), readClaims(coseOf(v)).dcc);
    return true;
  }),
  // valid at the validation clock: issued before it, not expired
  EXPECTEDEXPIRATIONCHECK: async (v) => {
    const clock = parseClock(need(v.TESTCTX.VALIDATIONCLOCK, 'TESTCTX.VALIDATIONCLOCK'));
    return attempt(() => {
      checkTimes(readTimes(coseOf(v)), clock.getTime());
      return true;
    });
  },
  // the JSON stage is a DCC object (version, name, birth date, entries). Not the schema: the Dutch
  // vectors set this true on the very JSON their EXPECTEDSCHEMAVALIDATION calls invalid (a birth
  // date in 1815), and no vector sets it false.
  EXPECTEDVALIDOBJECT: async (v) => {
    const json = need(v.JSON, 'JSON');
    return attempt(() => dccShapeProblem(json) === null);
  },
  // the DCC decoded from the certificate follows the DCC schema
  EXPECTEDSCHEMAVALIDATION: async (v) => attempt(() => schemaProblemsOf(v, cborStageOf(v).dcc).length === 0),
};

// Seven ES and BG files write EXPTECTEDEXPIRED, which the README does not define. Read as the
// expiration check misspelt: each of the seven is within iat–exp at its clock (so "expected to be
// expired" would contradict the file's own times), and each sets it true.
CHECKS.EXPTECTEDEXPIRED = CHECKS.EXPECTEDEXPIRATIONCHECK!;

/** Fields a vector sets that no check can answer, with why. */
export const NOT_CHECKED: Record<string, string> = {
  EXPECTEDRESULTS: 'not a result: three Spanish files nest the key inside EXPECTEDRESULTS by mistake',
};

/**
 * Results where Vigil and a vector disagree for a reason found by reading the vector, as rules:
 * each takes the disagreement and returns why, or null. The test fails on any disagreement no rule
 * explains.
 */
export const KNOWN_DISAGREEMENTS: { rule: string; explains: (v: Vector, field: string) => boolean }[] = [
  {
    rule: 'the JSON stage is not what was signed: FR test_pcr_ok writes sc and dr two hours early (local time marked Z); '
      + 'PL 1.3.0 vectors 1 and 5 name other people than the signed certificate (Akdi Omar, "ik ben ben")',
    explains: (v, field) => field === 'EXPECTEDVALIDJSON' && ['FR/2DCode/raw/test_pcr_ok.json', 'PL/1.3.0/2DCode/raw/1.json', 'PL/1.3.0/2DCode/raw/5.json'].includes(v.file),
  },
  {
    rule: 'value-set membership, which the schema only names (valueset-uri): PL vectors 7–9 expect RAT device "9999", '
      + 'country "XY" and manufacturer "ORG-99999999" to fail, while 288 NL vectors expect tt "a test" and tr "" to pass',
    explains: (v, field) => field === 'EXPECTEDSCHEMAVALIDATION' && v.country === 'PL' && /\/(7|8|9)\.json$/.test(v.file),
  },
  {
    rule: 'the Dutch generator writes co "" and doses 0, which every schema version refuses (co matches [A-Z]{1,10}, dn and sd ≥ 1); its validator accepts them',
    explains: (v, field) => field === 'EXPECTEDSCHEMAVALIDATION' && v.country === 'NL'
      && schemaProblemsOf(v, cborStageOf(v).dcc).every((problem) => /^\/[vtr]\/0\/(co|dn|sd): /.test(problem)),
  },
  {
    rule: 'Bulgaria\'s "old version" certificates write dob as a date-time ("1978-01-26T00:00:00") and the absent kinds as null, outside the schema',
    explains: (v, field) => field === 'EXPECTEDSCHEMAVALIDATION' && ['BG/2DCode/raw/1.json', 'BG/2DCode/raw/2.json'].includes(v.file),
  },
  {
    rule: 'Hungary\'s RAT vector names a testing centre of 106 characters; the schema allows 50 (1.0.0) or 80 (1.3.0)',
    explains: (v, field) => field === 'EXPECTEDSCHEMAVALIDATION' && v.file === 'HU/2DCode/raw/3.json',
  },
];

export const cborDcc = (v: Vector) => cborStageOf(v).dcc;
