// Sends check-ins to the server, now or when the network returns. Every tap has one id, kept
// until the server has answered, so a lost answer or a retry never makes a second check-in.
import { ApiError, NetworkError } from '../lib/api';
import { selfCheckin, type Identity, type SelfCheckinResult } from './api';
import { rememberCheckins, removePending, savePersonCode, store, type PendingCheckin } from './storage';

export type SendOutcome =
  | { kind: 'done'; result: SelfCheckinResult }
  | { kind: 'queued'; offline: boolean }
  | { kind: 'failed'; error: unknown };

/** A random UUID; crypto.randomUUID exists only on https, and a phone may open the site over http. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const inFlight = new Map<string, Promise<SendOutcome>>();

/** Not worth keeping: the server read the request and refused it (a 4xx other than "too many"). */
const refused = (error: unknown) => error instanceof ApiError && error.status < 500 && error.status !== 429;

async function post(pending: PendingCheckin, identity: Identity): Promise<SelfCheckinResult> {
  return selfCheckin({ id: pending.id, venueCode: pending.venueCode, ...identity });
}

async function send(pending: PendingCheckin): Promise<SendOutcome> {
  const me = store().me;
  if (!me) {
    removePending(pending.id); // forgotten meanwhile: nobody to check in
    return { kind: 'failed', error: new Error('no details') };
  }
  try {
    let result: SelfCheckinResult;
    try {
      result = await post(pending, me.personCode ? { personCode: me.personCode } : { person: me.person });
    } catch (error) {
      // A personal code the server no longer knows (e.g. the database was reset): the details still work.
      if (!(me.personCode && error instanceof ApiError && error.fields.personCode)) throw error;
      result = await post(pending, { person: me.person });
    }
    removePending(pending.id);
    savePersonCode(result.personCode);
    rememberCheckins([result.checkin]);
    return { kind: 'done', result };
  } catch (error) {
    if (refused(error)) {
      removePending(pending.id);
      return { kind: 'failed', error };
    }
    // No network, or the server in trouble: keep it for the next try.
    return { kind: 'queued', offline: error instanceof NetworkError };
  }
}

/** Sends one pending check-in; a second call for the same id while the first runs shares its answer. */
export function sendCheckin(pending: PendingCheckin): Promise<SendOutcome> {
  const running = inFlight.get(pending.id);
  if (running) return running;
  const promise = send(pending).finally(() => inFlight.delete(pending.id));
  inFlight.set(pending.id, promise);
  return promise;
}

export async function flushPending(): Promise<void> {
  await Promise.all(store().pending.map((pending) => sendCheckin(pending)));
}

const RETRY_MS = 20_000;

/** Started once by the public app: sends what is waiting now, when the network returns, and now and then. */
export function startCheckinSync(): () => void {
  const flush = () => {
    if (store().pending.length > 0 && navigator.onLine) void flushPending();
  };
  flush();
  window.addEventListener('online', flush);
  const timer = window.setInterval(flush, RETRY_MS);
  return () => {
    window.removeEventListener('online', flush);
    window.clearInterval(timer);
  };
}
