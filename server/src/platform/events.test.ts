import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import type { AppContext } from './context.js';
import { createEventBus, eventBusOf, eventRoutes, type LiveEvent } from './events.js';
import type { App } from './http.js';

describe('event bus', () => {
  test('subscribers get each published event until they unsubscribe', () => {
    const bus = createEventBus();
    const seen: LiveEvent[] = [];
    const stop = bus.subscribe((event) => seen.push(event));
    bus.publish('levels.published', { week: '2021-W45' });
    stop();
    bus.publish('levels.published', { week: '2021-W46' });
    assert.deepEqual(seen.map((e) => [e.id, e.type, e.data]), [[1, 'levels.published', { week: '2021-W45' }]]);
    assert.equal(bus.subscribers, 0);
  });

  test('change listeners hear the type of each publication at once', () => {
    const bus = createEventBus();
    const types: string[] = [];
    const stop = bus.onChange((type) => types.push(type));
    bus.publish('zones.changed', {});
    stop();
    bus.publish('places.changed', {});
    assert.deepEqual(types, ['zones.changed']);
  });

  test('a failing subscriber is dropped and the others still hear', () => {
    const bus = createEventBus();
    let heard = 0;
    bus.subscribe(() => { throw new Error('gone'); });
    bus.subscribe(() => heard++);
    bus.publish('a', {});
    bus.publish('a', {});
    assert.equal(heard, 2);
    assert.equal(bus.subscribers, 1);
  });

  test('it keeps the latest events for clients that reconnect', () => {
    const bus = createEventBus({ keep: 2 });
    for (let i = 0; i < 4; i++) bus.publish('a', { i });
    assert.deepEqual(bus.since(0).map((e) => e.id), [3, 4]);
    assert.deepEqual(bus.since(3).map((e) => e.id), [4]);
  });
});

describe('GET /api/v1/events (Server-Sent Events)', () => {
  async function serve() {
    const app = Fastify() as unknown as App;
    const ctx = { events: createEventBus() } as AppContext;
    eventRoutes(app, ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, bus: eventBusOf(ctx), url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/events` };
  }

  /** Reads the stream until `until` appears in it, then disconnects. */
  async function read(url: string, headers: Record<string, string>, until: string, whenConnected: () => void = () => {}) {
    const abort = new AbortController();
    const response = await fetch(url, { headers, signal: abort.signal });
    const reader = response.body!.getReader();
    let text = '';
    let connected = false;
    while (!text.includes(until)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
      if (!connected && text.includes(': connected')) {
        connected = true;
        whenConnected();
      }
    }
    abort.abort();
    return { response, text };
  }

  test('streams the wanted types as id/event/data frames', { timeout: 10_000 }, async () => {
    const { app, bus, url } = await serve();
    try {
      const { response, text } = await read(`${url}?types=levels.published`, {}, 'W46', () => {
        bus.publish('other.thing', { secret: 1 });
        bus.publish('levels.published', { week: '2021-W46' });
      });
      assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      assert.equal(response.headers.get('cache-control'), 'no-cache, no-transform');
      assert.match(text, /id: 2\nevent: levels\.published\ndata: \{"week":"2021-W46"\}\n\n/);
      assert.ok(!text.includes('other.thing'));
    } finally {
      await app.close();
    }
  });

  test('a client reconnecting with Last-Event-ID first gets what it missed', { timeout: 10_000 }, async () => {
    const { app, bus, url } = await serve();
    try {
      bus.publish('levels.published', { n: 1 });
      bus.publish('levels.published', { n: 2 });
      const { text } = await read(url, { 'last-event-id': '1' }, '"n":2');
      assert.ok(!text.includes('"n":1'));
      assert.match(text, /id: 2\n/);
    } finally {
      await app.close();
    }
  });

  test('closing the app ends open streams instead of waiting for them', { timeout: 10_000 }, async () => {
    const { app, bus, url } = await serve();
    const response = await fetch(url);
    const reader = response.body!.getReader();
    await reader.read();
    assert.equal(bus.subscribers, 1);
    await app.close();
    let done = false;
    while (!done) done = (await reader.read()).done;
    assert.equal(bus.subscribers, 0);
  });
});
