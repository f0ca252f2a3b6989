import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groupedWork } from './coalesce.js';

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
