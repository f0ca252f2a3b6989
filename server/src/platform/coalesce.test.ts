import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { coalescedLoader, groupedWork } from './coalesce.js';

describe('grouped work', () => {
  test('keys that arrive while a group runs wait and form the next group; each key gets its own answer or error', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const firstGroupHeld = new Promise<void>((resolve) => { release = resolve; });
    const work = groupedWork<number, number>(async (keys) => {
      groups.push([...keys]);
      if (groups.length === 1) await firstGroupHeld;
      return keys.map((k) => (k < 0 ? new Error(`bad ${k}`) : k * 10));
    }, 1);

    const first = [work.load(1), work.load(2)];
    await new Promise((resolve) => setImmediate(resolve));
    // The first group is running: these three wait and go together.
    const later = [work.load(3), work.load(-4), work.load(5)];
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(groups, [[1, 2]]);
    release();
    assert.deepEqual(await Promise.all(first), [10, 20]);
    const settled = await Promise.allSettled(later);
    assert.deepEqual(groups, [[1, 2], [3, -4, 5]]);
    assert.deepEqual(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)), [30, 'bad -4', 50]);
  });
});

describe('coalesced loader', () => {
  test('keys that arrive during a load share the next one, which reads values as they are then; a key not found gets the default', async () => {
    const table = new Map([['a', 1], ['b', 2]]);
    const loads: string[][] = [];
    let release!: () => void;
    const firstLoadHeld = new Promise<void>((resolve) => { release = resolve; });
    const loader = coalescedLoader<string, number | null>(async (keys) => {
      loads.push([...keys]);
      const snapshot = new Map([...table].filter(([key]) => keys.includes(key)));
      if (loads.length === 1) await firstLoadHeld;
      return snapshot;
    }, null);

    const first = loader.load('a');
    await new Promise((resolve) => setImmediate(resolve));
    table.set('a', 100); // changed while the first load runs: the keys asking now must see it
    const later = [loader.load('a'), loader.load('b'), loader.load('zzz')];
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(loads, [['a']], 'one load at a time');
    release();
    assert.equal(await first, 1);
    assert.deepEqual(await Promise.all(later), [100, 2, null]);
    assert.deepEqual(loads, [['a'], ['a', 'b', 'zzz']]);
  });
});
