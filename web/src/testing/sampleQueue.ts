// The collector's queue on the device (IndexedDB, like the check-in scanner's): every sample is stored
// with the id the server will know it by before the screen says "recorded", and stays until the
// server acknowledges it; samples the server refused stay with its reason until the collector resends
// or drops them. A tube's seal waits here too, and is sent once the tube's samples have gone.
import { committed, done, newId } from '../venues/scanQueue';
import type { SampleItem } from './api';

export type QueueState = 'waiting' | 'sent' | 'rejected';

export interface QueuedSample extends SampleItem {
  state: QueueState;
  /** the server's reason, for a refused sample */
  problem?: string;
  /** `${tubeBarcode} ${who}`: finds the same person scanned twice into one tube */
  personKey: string;
  /** the person's name when the screen knew it (a walk-in, a representative looked up) */
  name?: string;
  /** names of the people a representative stands for, as chosen on the screen */
  representedNames?: string[];
}

export type NewSample = Omit<SampleItem, 'id' | 'sampledAt'> & { name?: string; representedNames?: string[] };

export type SealState = 'none' | 'waiting' | 'sent' | 'rejected';

/** A tube this device has filled: its session, and whether the collector sealed it. */
export interface LocalTube {
  barcode: string;
  sessionId: string;
  openedAt: string;
  seal: SealState;
  sealRequestedAt?: string;
  sealProblem?: string;
}

/** Acknowledged samples stay this long (for the tube's count offline), unless their tube's seal was sent. */
export const KEEP_SENT_MS = 12 * 3600_000;

const DB_NAME = 'vigil-collector';
const SAMPLES = 'samples';
const TUBES = 'tubes';

/** The person part of a sample's key: one way of naming them, as typed or scanned. */
export function personOf(sample: Pick<SampleItem, 'personId' | 'personCode' | 'nationalId' | 'walkIn'>): string {
  if (sample.personId) return `id:${sample.personId}`;
  if (sample.personCode) return `code:${sample.personCode}`;
  if (sample.nationalId) return `nid:${sample.nationalId}`;
  const w = sample.walkIn;
  return w ? `walkin:${w.fullName.trim().toLowerCase()}|${w.birthYear}|${w.phone ?? ''}|${w.nationalId ?? ''}` : '';
}

/** What goes to the server: the item without the device's bookkeeping. */
export function itemOf(sample: QueuedSample): SampleItem {
  const { state: _state, problem: _problem, personKey: _key, name: _name, representedNames: _names, ...item } = sample;
  return item;
}

export interface QueueCounts {
  waiting: number;
  rejected: QueuedSample[];
  recent: QueuedSample[];
}

export class SampleQueue {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(): Promise<SampleQueue> {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const samples = request.result.createObjectStore(SAMPLES, { keyPath: 'id' });
      samples.createIndex('state', ['state', 'sampledAt']);
      samples.createIndex('tube', 'tubeBarcode');
      samples.createIndex('person', 'personKey');
      request.result.createObjectStore(TUBES, { keyPath: 'barcode' });
    };
    return new SampleQueue(await done(request));
  }

  close(): void {
    this.db.close();
  }

  /**
   * Stores a sample, or returns the earlier one it repeats (the same person already in this tube).
   * Resolves once the transaction has committed; the tube is noted on the device at its first sample.
   */
  async add(sample: NewSample, now = new Date()): Promise<{ sample: QueuedSample; repeatOf: boolean }> {
    const personKey = `${sample.tubeBarcode} ${personOf(sample)}`;
    const tx = this.db.transaction([SAMPLES, TUBES], 'readwrite');
    const samples = tx.objectStore(SAMPLES);
    const earlier = (await done(samples.index('person').getAll(IDBKeyRange.only(personKey)))) as QueuedSample[];
    const kept = earlier.find((s) => s.state !== 'rejected');
    if (kept) return { sample: kept, repeatOf: true };
    const queued: QueuedSample = { ...sample, id: newId(), sampledAt: now.toISOString(), state: 'waiting', personKey };
    samples.put(queued);
    const tubes = tx.objectStore(TUBES);
    const tube = (await done(tubes.get(sample.tubeBarcode))) as LocalTube | undefined;
    if (!tube) tubes.put({ barcode: sample.tubeBarcode, sessionId: sample.sessionId, openedAt: queued.sampledAt, seal: 'none' } satisfies LocalTube);
    await committed(tx);
    return { sample: queued, repeatOf: false };
  }

  /** The oldest waiting samples, at most `limit`. */
  async waiting(limit: number): Promise<QueuedSample[]> {
    const range = IDBKeyRange.bound(['waiting', ''], ['waiting', '\uffff']);
    return (await done(this.db.transaction(SAMPLES).objectStore(SAMPLES).index('state').getAll(range, limit))) as QueuedSample[];
  }

  async counts(): Promise<QueueCounts> {
    const tx = this.db.transaction(SAMPLES);
    const index = tx.objectStore(SAMPLES).index('state');
    const [waiting, rejected, all] = await Promise.all([
      done(index.count(IDBKeyRange.bound(['waiting', ''], ['waiting', '\uffff']))),
      done(index.getAll(IDBKeyRange.bound(['rejected', ''], ['rejected', '\uffff']))) as Promise<QueuedSample[]>,
      done(tx.objectStore(SAMPLES).getAll()) as Promise<QueuedSample[]>,
    ]);
    const recent = all.sort((a, b) => b.sampledAt.localeCompare(a.sampledAt)).slice(0, 8);
    return { waiting, rejected, recent };
  }

  /** Samples of one tube kept on this device (every state). */
  async inTube(barcode: string): Promise<QueuedSample[]> {
    return (await done(this.db.transaction(SAMPLES).objectStore(SAMPLES).index('tube').getAll(IDBKeyRange.only(barcode)))) as QueuedSample[];
  }

  async tube(barcode: string): Promise<LocalTube | undefined> {
    return (await done(this.db.transaction(TUBES).objectStore(TUBES).get(barcode))) as LocalTube | undefined;
  }

  async tubes(): Promise<LocalTube[]> {
    return (await done(this.db.transaction(TUBES).objectStore(TUBES).getAll())) as LocalTube[];
  }

  /** Applies the server's answers: acknowledged ids become 'sent', refused ones 'rejected' with the reason. */
  async settle(sent: readonly string[], rejected: ReadonlyMap<string, string> = new Map()): Promise<void> {
    const tx = this.db.transaction(SAMPLES, 'readwrite');
    const store = tx.objectStore(SAMPLES);
    const update = async (id: string, change: Partial<QueuedSample>) => {
      const sample = (await done(store.get(id))) as QueuedSample | undefined;
      if (sample) store.put({ ...sample, ...change });
    };
    await Promise.all([
      ...sent.map((id) => update(id, { state: 'sent', problem: undefined })),
      ...[...rejected].map(([id, problem]) => update(id, { state: 'rejected', problem })),
    ]);
    await committed(tx);
  }

  /** The collector chose to send a refused sample again (e.g. after registering the person). */
  async retry(id: string): Promise<void> {
    const tx = this.db.transaction(SAMPLES, 'readwrite');
    const store = tx.objectStore(SAMPLES);
    const sample = (await done(store.get(id))) as QueuedSample | undefined;
    if (sample) store.put({ ...sample, state: 'waiting', problem: undefined });
    await committed(tx);
  }

  async remove(id: string): Promise<void> {
    const tx = this.db.transaction(SAMPLES, 'readwrite');
    tx.objectStore(SAMPLES).delete(id);
    await committed(tx);
  }

  /** Notes the tube (it may have no sample from this device yet) and asks for its seal. */
  async requestSeal(barcode: string, sessionId: string, now = new Date()): Promise<void> {
    const tx = this.db.transaction(TUBES, 'readwrite');
    const store = tx.objectStore(TUBES);
    const tube = (await done(store.get(barcode))) as LocalTube | undefined;
    store.put({ ...(tube ?? { barcode, sessionId, openedAt: now.toISOString() }), seal: 'waiting', sealRequestedAt: now.toISOString(), sealProblem: undefined });
    await committed(tx);
  }

  async settleSeal(barcode: string, seal: SealState, problem?: string): Promise<void> {
    const tx = this.db.transaction(TUBES, 'readwrite');
    const store = tx.objectStore(TUBES);
    const tube = (await done(store.get(barcode))) as LocalTube | undefined;
    if (tube) store.put({ ...tube, seal, sealProblem: problem });
    await committed(tx);
  }

  /** Tubes whose seal waits and whose samples have all been answered: ready to seal on the server. */
  async sealsDue(): Promise<LocalTube[]> {
    const due: LocalTube[] = [];
    for (const tube of await this.tubes()) {
      if (tube.seal !== 'waiting') continue;
      if (!(await this.inTube(tube.barcode)).some((s) => s.state === 'waiting')) due.push(tube);
    }
    return due;
  }

  /**
   * Forgets what no longer needs the device: acknowledged samples of sealed tubes at once, any
   * acknowledged sample older than KEEP_SENT_MS, and a tube's record (a barcode and its seal, nothing
   * personal) KEEP_SENT_MS after its seal went, or when it was left empty. Personal data does not
   * linger on a collector's phone.
   */
  async purge(now = Date.now()): Promise<void> {
    const tx = this.db.transaction([SAMPLES, TUBES], 'readwrite');
    const samples = tx.objectStore(SAMPLES);
    const tubes = tx.objectStore(TUBES);
    const all = (await done(samples.getAll())) as QueuedSample[];
    const sealed = new Set(((await done(tubes.getAll())) as LocalTube[]).filter((t) => t.seal === 'sent').map((t) => t.barcode));
    const old = (s: QueuedSample) => now - Date.parse(s.sampledAt) > KEEP_SENT_MS;
    const gone = all.filter((s) => s.state === 'sent' && (sealed.has(s.tubeBarcode) || old(s)));
    for (const sample of gone) samples.delete(sample.id);
    const left = new Set(all.filter((s) => !gone.includes(s)).map((s) => s.tubeBarcode));
    for (const tube of (await done(tubes.getAll())) as LocalTube[]) {
      const stale = now - Date.parse(tube.sealRequestedAt ?? tube.openedAt) > KEEP_SENT_MS;
      if (!left.has(tube.barcode) && stale && (tube.seal === 'sent' || tube.seal === 'none')) tubes.delete(tube.barcode);
    }
    await committed(tx);
  }
}
