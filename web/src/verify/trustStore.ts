// The trusted keys, fetched from the server's well-known address and kept on the device, so the
// verifier works without a network once it has fetched them. Each fetch replaces the kept list.
import { loadTrustList, type TrustedKey, type TrustListEntry } from './hcert';

export const TRUST_LIST_URL = '/.well-known/vigil/dcc-trust-list.json';
const STORAGE_KEY = 'vigil.dccTrustList';

export interface KeptTrustList {
  /** when the list was fetched from the server (ISO) */
  fetchedAt: string;
  entries: TrustListEntry[];
}

export function keptTrustList(): KeptTrustList | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const kept = JSON.parse(raw) as Partial<KeptTrustList>;
    return typeof kept.fetchedAt === 'string' && Array.isArray(kept.entries) ? (kept as KeptTrustList) : null;
  } catch {
    return null;
  }
}

/** Fetches the list; kept only when every entry is a usable key (a broken answer never replaces a good list). */
export async function fetchTrustList(): Promise<{ kept: KeptTrustList; keys: TrustedKey[] }> {
  const response = await fetch(TRUST_LIST_URL, { cache: 'no-cache', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const entries = (await response.json()) as TrustListEntry[];
  const keys = await loadTrustList(entries);
  const kept = { fetchedAt: new Date().toISOString(), entries };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
  } catch {
    // private browsing or a full store: the list serves this visit only
  }
  return { kept, keys };
}
