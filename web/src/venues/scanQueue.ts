// The scanner's queue on the device (IndexedDB): every scan is stored, with the id the server will
// know it by, before the screen says "recorded"; it stays until the server acknowledges it. Items the
// server refused stay too, with its reason, until staff resend or drop them: nothing disappears silently.
// Acknowledged scans are kept a little while only, to merge repeated scans and show the last ones.

export type ScanMethod = 'personal_qr' | 'national_id';
export type ScanState = 'waiting' | 'sent' | 'rejected';

export interface QueuedScan {
  /** made on the device at scan time: sending it again is a repeat, never a second check-in */
  id: string;
  venueId: string;
  venueName: string;
  personCode?: string;
  nationalId?: string;
  checkedInAt: string;
  method: ScanMethod;
  state: ScanState;
  /** the server's reason, for a refused scan */
  problem?: string;
  /** `${venueId} ${person}`: finds repeated scans of one person at one venue */
  personKey: string;
}

export type NewScan = Pick<QueuedScan, 'venueId' | 'venueName' | 'personCode' | 'nationalId' | 'method'>;

/** Scans of the same person at the same venue this close together are one visit. */
export const MERGE_MS = 5 * 60_000;
/** How long acknowledged scans stay on the device (for merging and the "last scans" list). */
export const KEEP_SENT_MS = 30 * 60_000;

const DB_NAME = 'vigil-scanner';
const STORE = 'scans';

/** A v4 UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An IndexedDB request as a promise (shared with the testing collector's queue). */
export const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

/** Resolves once the transaction has committed: what it wrote survives a closed tab. */
export const committed = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });

export class ScanQueue {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(): Promise<ScanQueue> {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'id' });
      store.createIndex('state', ['state', 'checkedInAt']);
      store.createIndex('person', 'personKey');
    };
    return new ScanQueue(await done(request));
  }

  close(): void {
    this.db.close();
  }

  /**
   * Stores a scan, or returns the earlier scan it repeats (same person and venue within MERGE_MS).
   * Resolves only once the transaction has committed: then the scan survives a closed tab.
   */
  async add(scan: NewScan, now = new Date()): Promise<{ scan: QueuedScan; repeatOf: boolean }> {
    const person = scan.personCode ?? scan.nationalId ?? '';
    const personKey = `${scan.venueId} ${person}`;
    const tx = this.db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const earlier = (await done(store.index('person').getAll(IDBKeyRange.only(personKey)))) as QueuedScan[];
    const recent = earlier.find((s) => s.state !== 'rejected' && Math.abs(now.getTime() - Date.parse(s.checkedInAt)) < MERGE_MS);
    if (recent) return { scan: recent, repeatOf: true }; // nothing written: the transaction just ends
    const queued: QueuedScan = { ...scan, id: newId(), checkedInAt: now.toISOString(), state: 'waiting', personKey };
    store.put(queued);
    await committed(tx);
    return { scan: queued, repeatOf: false };
  }

  /** The oldest waiting scans, at most `limit`. */
  async waiting(limit: number): Promise<QueuedScan[]> {
    const range = IDBKeyRange.bound(['waiting', ''], ['waiting', '\uffff']);
    return (await done(this.db.transaction(STORE).objectStore(STORE).index('state').getAll(range, limit))) as QueuedScan[];
  }

  async counts(): Promise<{ waiting: number; rejected: QueuedScan[]; recent: QueuedScan[] }> {
    const tx = this.db.transaction(STORE);
    const index = tx.objectStore(STORE).index('state');
    const [waiting, rejected, all] = await Promise.all([
      done(index.count(IDBKeyRange.bound(['waiting', ''], ['waiting', '\uffff']))),
      done(index.getAll(IDBKeyRange.bound(['rejected', ''], ['rejected', '\uffff']))) as Promise<QueuedScan[]>,
      // the newest scans: walk the index backwards over every state is overkill; the queue is small
      done(tx.objectStore(STORE).getAll()) as Promise<QueuedScan[]>,
    ]);
    const recent = all.sort((a, b) => b.checkedInAt.localeCompare(a.checkedInAt)).slice(0, 8);
    return { waiting, rejected, recent };
  }

  /** Applies the server's answers: acknowledged ids become 'sent', refused ones 'rejected' with the reason. */
  async settle(sent: readonly string[], rejected: ReadonlyMap<string, string> = new Map()): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const update = async (id: string, change: Partial<QueuedScan>) => {
      const scan = (await done(store.get(id))) as QueuedScan | undefined;
      if (scan) store.put({ ...scan, ...change });
    };
    await Promise.all([
      ...sent.map((id) => update(id, { state: 'sent', problem: undefined })),
      ...[...rejected].map(([id, problem]) => update(id, { state: 'rejected', problem })),
    ]);
    await committed(tx);
  }

  /** Staff chose to send a refused scan again (e.g. after registering the person). */
  async retry(id: string): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const scan = (await done(store.get(id))) as QueuedScan | undefined;
    if (scan) store.put({ ...scan, state: 'waiting', problem: undefined });
    await committed(tx);
  }

  async remove(id: string): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete(id);
    await committed(tx);
  }

  /** Drops acknowledged scans older than KEEP_SENT_MS: presence data does not linger on the phone. */
  async purge(now = Date.now()): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const range = IDBKeyRange.bound(['sent', ''], ['sent', new Date(now - KEEP_SENT_MS).toISOString()]);
    const old = (await done(store.index('state').getAllKeys(range))) as string[];
    for (const id of old) store.delete(id);
    await committed(tx);
  }
}
