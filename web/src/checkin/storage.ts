// What this phone keeps about its owner, in localStorage only: the details typed once, the personal
// code, recent check-ins, check-ins waiting for the network, and declarations to show at a checkpoint.
import { useSyncExternalStore } from 'react';
import type { DeclarationReceipt, OwnCheckin, PublicVenue, SelfPerson } from './api';

export interface Me {
  person: SelfPerson;
  personCode: string | null;
}

/** A tap on "check in" that the server has not answered yet; its id is reused for every retry. */
export interface PendingCheckin {
  id: string;
  venueCode: string;
  venue: PublicVenue;
  tappedAt: string;
}

export interface StoredDeclaration {
  receipt: DeclarationReceipt;
  venueName: string | null;
}

interface Store {
  me: Me | null;
  checkins: OwnCheckin[];
  pending: PendingCheckin[];
  declarations: StoredDeclaration[];
}

const KEYS = {
  me: 'vigil.me', checkins: 'vigil.checkins', pending: 'vigil.checkins.pending', declarations: 'vigil.declarations', venues: 'vigil.venues',
} as const;
const CHANGE = 'vigil:checkin-store';
const KEEP_DAYS = 14; // what the server's history endpoint returns too
const DAY_MS = 86_400_000;

function read<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the page still works, it just forgets
  }
  cached = null;
  window.dispatchEvent(new Event(CHANGE));
}

let cached: Store | null = null;

export function store(): Store {
  cached ??= {
    me: read<Me | null>(KEYS.me, null),
    checkins: read<OwnCheckin[]>(KEYS.checkins, []),
    pending: read<PendingCheckin[]>(KEYS.pending, []),
    declarations: read<StoredDeclaration[]>(KEYS.declarations, []),
  };
  return cached;
}

function subscribe(listener: () => void): () => void {
  const onStorage = () => {
    cached = null;
    listener();
  };
  window.addEventListener(CHANGE, listener);
  window.addEventListener('storage', onStorage); // another tab changed it
  return () => {
    window.removeEventListener(CHANGE, listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useStore(): Store {
  return useSyncExternalStore(subscribe, store);
}

export function saveMe(me: Me): void {
  write(KEYS.me, me);
}

export function savePersonCode(personCode: string): void {
  const me = store().me;
  if (me && me.personCode !== personCode) saveMe({ ...me, personCode });
}

const recent = (iso: string, now: number) => now - new Date(iso).getTime() < KEEP_DAYS * DAY_MS;

/** Adds or replaces check-ins (by id), newest first, dropping those older than 14 days. */
export function rememberCheckins(items: OwnCheckin[]): void {
  const now = Date.now();
  const byId = new Map(store().checkins.map((item) => [item.id, item]));
  for (const item of items) byId.set(item.id, item);
  const list = [...byId.values()].filter((item) => recent(item.checkedInAt, now));
  list.sort((a, b) => b.checkedInAt.localeCompare(a.checkedInAt));
  write(KEYS.checkins, list.slice(0, 100));
}

export function addPending(item: PendingCheckin): void {
  write(KEYS.pending, [...store().pending.filter((p) => p.id !== item.id), item]);
}

export function removePending(id: string): void {
  write(KEYS.pending, store().pending.filter((p) => p.id !== id));
}

export function rememberDeclaration(item: StoredDeclaration): void {
  const now = Date.now();
  const others = store().declarations.filter((d) => d.receipt.id !== item.receipt.id && recent(d.receipt.declaredAt, now));
  write(KEYS.declarations, [item, ...others].slice(0, 10));
}

/** Venues opened before, so a poster scanned again without network still shows its venue. */
export function rememberVenue(code: string, venue: PublicVenue): void {
  const venues = read<[string, PublicVenue][]>(KEYS.venues, []).filter(([known]) => known !== code);
  write(KEYS.venues, [[code, venue], ...venues].slice(0, 20));
}

export function cachedVenue(code: string): PublicVenue | undefined {
  return read<[string, PublicVenue][]>(KEYS.venues, []).find(([known]) => known === code)?.[1];
}

/** "Forget me on this phone": every trace of the owner, including what was not sent yet. */
export function forgetEverything(): void {
  for (const key of Object.values(KEYS)) write(key, null);
}

/** The visit at this venue that is still going on (not checked out, dwell time not over), if any. */
export function openVisitAt(checkins: OwnCheckin[], venueId: string, now = Date.now()): OwnCheckin | undefined {
  return checkins.find((c) => c.venue.id === venueId && !c.checkedOutAt && new Date(c.endsAt).getTime() > now);
}
