// `vigil cert verify --trust FILE [--at TIME] [--json]` ⚑: verifies one `HC1:` certificate read on
// stdin against a trust list file `[{"kid": base64, "certificate": base64 DER X.509}]`. Offline: no
// configuration, no database. Prints {"valid", "reason", "payload", "expired"} and exits 0 for any
// verdict, valid or not; a bad option or trust file exits 2.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadTrustList, TrustListError, type TrustedKey } from '../modules/certificates/hcert/trust.js';
import { verifyHc1 } from '../modules/certificates/hcert/verify.js';
import { type CommandOutput, failure, refused } from './offline.js';

const USAGE = `vigil cert verify --trust FILE [--at TIME] [--json] < certificate.txt
  reads one HC1: text on stdin and checks it against the trusted keys in FILE
  --trust  a JSON list [{"kid": base64, "certificate": base64 DER X.509}], e.g. from
           GET /.well-known/vigil/dcc-trust-list.json
  --at     the validation time, ISO 8601 (e.g. 2021-11-16T08:00:00+07:00; without a zone, UTC); default now
  --json   {"valid": bool, "reason": null | "bad_prefix" | … | "expired", "payload": {…} | null, "expired": bool}`;

export interface CertCommandIo extends CommandOutput {
  stdin: AsyncIterable<string | Uint8Array>;
}

/** An ISO 8601 time; a time without a zone is UTC, a date alone is its midnight UTC. */
export function parseTime(text: string): Date {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text.trim());
  const time = match ? new Date(`${match[1]}T${match[2] ?? '00:00'}${match[3] ?? 'Z'}`) : null;
  if (!time || Number.isNaN(time.getTime())) throw failure('--at: must be an ISO 8601 time, e.g. 2021-11-16T08:00:00+07:00', { at: 'must be an ISO 8601 time' });
  return time;
}

async function readTrust(file: string | undefined): Promise<TrustedKey[]> {
  if (!file) throw failure(`--trust: is required\n${USAGE}`, { trust: 'is required' });
  let list: unknown;
  try {
    list = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw failure(`--trust: cannot read ${file} as JSON: ${(error as Error).message}`, { trust: 'cannot be read as JSON' });
  }
  try {
    return await loadTrustList(list);
  } catch (error) {
    if (!(error instanceof TrustListError)) throw error;
    throw failure(`--trust: ${error.message}`, Object.fromEntries(Object.entries(error.fields).map(([field, reason]) => [`trust${field}`, reason])));
  }
}

/** The first non-empty line of stdin (a QR code's text has no line breaks). */
async function readCertificate(stdin: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text.split(/\r?\n/).find((line) => line.trim())?.trim() ?? '';
}

async function verifyCommand(argv: string[], io: CertCommandIo, json: boolean): Promise<number> {
  const { values } = parseArgs({ args: argv, strict: true, options: { trust: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean' } } });
  const trust = await readTrust(values.trust);
  const at = values.at === undefined ? new Date() : parseTime(values.at);
  const result = await verifyHc1(await readCertificate(io.stdin), trust, { at });
  const { valid, reason, payload, expired } = result;
  if (json) io.stdout.write(`${JSON.stringify({ valid, reason, payload, expired })}\n`);
  else {
    const holder = payload ? `${[payload.nam.fn ?? payload.nam.fnt, payload.nam.gn ?? payload.nam.gnt].filter(Boolean).join(' ')}, born ${payload.dob}` : 'unreadable';
    io.stdout.write(`${valid ? 'valid' : `not valid: ${reason ?? ''} (${result.detail ?? ''})`}\nholder: ${holder}\nexpires: ${result.expiresAt ?? 'unknown'}${expired ? ' (expired)' : ''}\nsigned by: ${result.signer?.subject ?? 'no trusted key'}\n`);
  }
  return 0;
}

/** Runs `vigil cert …` (argv after "cert"); resolves to the exit code. */
export async function certCommand(argv: string[], io: CertCommandIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const json = argv.includes('--json');
  const [subcommand, ...rest] = argv;
  try {
    if (subcommand === '--help' || subcommand === '-h' || subcommand === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (subcommand === 'verify') return await verifyCommand(rest, io, json);
    throw failure(`unknown cert command "${subcommand ?? ''}"\n${USAGE}`);
  } catch (error) {
    return refused(error, io, json, 'cert');
  }
}
