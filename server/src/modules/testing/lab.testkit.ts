// Test helpers of the laboratory and results slices. Tubes are collected through collection's HTTP
// API (collection.testkit.ts), as a collector's phone would.
import assert from 'node:assert/strict';
import type { TestApp } from '../../testing/app.js';
import { type CollectedPool, type CollectPoolOptions, collectPool } from './collection.testkit.js';
import { TEST_COMMUNE } from './factories.js';

export { TEST_COMMUNE };

/** Another commune, in another district (Phường Ngã Bảy, Ngã Bảy). */
export const OTHER_COMMUNE = '31340';

/** The body of a response that must have this status (the caller says what shape it expects). */
function created(response: { status: number; body: unknown }, status = 201): unknown {
  assert.equal(response.status, status, JSON.stringify(response.body));
  return response.body;
}

/** A collected tube, through collection's HTTP API: sessions, people, scans and the seal. */
export const collectTube = (t: () => TestApp, options: CollectPoolOptions): Promise<CollectedPool> => collectPool(t, options);

/** POST /api/v1/testing/results; returns status and body. */
export function enterResult(t: () => TestApp, token: string, body: Record<string, unknown>) {
  return t().request('POST', '/api/v1/testing/results', { token, body });
}

/** Each person's current outcomes, newest sample first, through the staff read. */
export async function outcomesOf(t: () => TestApp, personIds: readonly string[]): Promise<string[][]> {
  const outcomes: string[][] = [];
  for (const personId of personIds) {
    const body = created(await t().request('GET', `/api/v1/testing/people/${personId}/results?reason=test`, { token: t().adminToken }), 200) as { items: { outcome: string; current: boolean }[] };
    outcomes.push(body.items.filter((item) => item.current).map((item) => item.outcome));
  }
  return outcomes;
}

/** The latest current outcome of each person. */
export async function latestOutcomes(t: () => TestApp, personIds: readonly string[]): Promise<string[]> {
  return (await outcomesOf(t, personIds)).map((list) => list[0] ?? 'none');
}

export interface PlannedRetest {
  barcode: string;
  origin: 'aliquot' | 'resample';
  kind: string;
  parentBarcode: string;
  people: { personId: string; role: string }[];
}

/** Planned retests a tube's result asked for, through the retests list. */
export async function retestsOf(t: () => TestApp, parentBarcode: string): Promise<PlannedRetest[]> {
  const body = created(await t().request('GET', '/api/v1/testing/retests?limit=500&reason=test', { token: t().adminToken }), 200) as { items: PlannedRetest[] };
  return body.items.filter((item) => item.parentBarcode === parentBarcode);
}

/** The field team sampled the people of a planned resample tube again (POST …/retests/{barcode}/sampled). */
export async function resampled(t: () => TestApp, barcode: string): Promise<void> {
  created(await t().request('POST', `/api/v1/testing/retests/${barcode}/sampled`, { token: t().adminToken, body: {} }), 200);
}

/** Opens the app's live stream (the app must listen); `next` resolves with the first event of that type. */
export async function liveEvent(url: string, type: string): Promise<{ next: Promise<unknown> }> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  assert.equal(response.status, 200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let connected = () => {};
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const next = (async () => {
    for (;;) {
      const { value, done } = (await reader.read()) as { value: Uint8Array | undefined; done: boolean };
      if (done) throw new Error('the stream ended');
      buffer += decoder.decode(value, { stream: true });
      if (buffer.includes(': connected')) connected();
      const frame = buffer.split('\n\n').find((f) => f.split('\n').includes(`event: ${type}`));
      const data = frame?.split('\n').find((line) => line.startsWith('data: '));
      if (data) return JSON.parse(data.slice(6)) as unknown;
    }
  })().finally(() => abort.abort());
  await ready;
  return { next };
}
