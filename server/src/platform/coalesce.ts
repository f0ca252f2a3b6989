// Coalescing: requests that arrive together (in the same turn of the event loop, or while the
// previous round trip of their kind runs) share one database round trip instead of making one each.
// Under load that turns N small queries into one, and N commits into one (group commit); alone, a
// request waits for nothing but the end of its own turn.
import DataLoader from 'dataloader';

/** Nothing is cached across turns: a value changed by one request is seen by the next. */
const PER_TURN = { cache: false, maxBatchSize: 1000 } as const;

/**
 * Loads many keys at once; a key `load` does not return resolves to `missing`. One load runs at a
 * time: keys that arrive meanwhile wait for it to end and share the next one, so under load many
 * requests share one query, and every key is still read by a query that started after it arrived.
 */
export function coalescedLoader<K, V>(load: (keys: readonly K[]) => Promise<Map<K, V>>, missing: V): DataLoader<K, V> {
  return groupedWork<K, V>(async (keys) => {
    const found = await load(keys);
    return keys.map((key) => found.get(key) ?? missing);
  }, 1);
}

/**
 * Runs `work` on groups of keys with at most `maxInFlight` groups running: while they run, new
 * keys wait and join the next group, so the busier the server, the larger (and fewer) the groups.
 * `work` answers each key with a value or an Error of its own.
 */
export function groupedWork<K, V>(work: (keys: readonly K[]) => Promise<(V | Error)[]>, maxInFlight: number): DataLoader<K, V> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const pump = () => {
    while (running < maxInFlight && waiting.length > 0) {
      const dispatch = waiting.shift()!;
      running += 1;
      setImmediate(dispatch);
    }
  };
  return new DataLoader<K, V>(async (keys) => {
    try {
      return await work(keys);
    } finally {
      running -= 1;
      pump();
    }
  }, {
    ...PER_TURN,
    batchScheduleFn: (dispatch) => {
      waiting.push(dispatch);
      pump();
    },
  });
}
