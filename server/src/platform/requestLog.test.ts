import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { RequestLog } from './requestLog.js';

/** A Fastify app logging with RequestLog into memory; `/scan` is summarised, `/page` logged per request. */
async function appWithLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const requestLog = new RequestLog();
  const app = Fastify({ logger: { level: 'info', stream }, logController: requestLog });
  const summaries = requestLog.start(app.log);
  app.addHook('onClose', () => summaries.stop());
  app.post('/scan/:outcome', { config: { logSummary: true } }, async (request, reply) => {
    const { outcome } = request.params as { outcome: string };
    if (outcome === 'broken') throw new Error('database gone');
    return reply.status(outcome === 'bad' ? 400 : 201).send({ ok: outcome !== 'bad' });
  });
  app.get('/page', () => Promise.resolve({ ok: true }));
  await app.ready();
  return { app, lines, requestLog };
}

const messages = (lines: Record<string, unknown>[], msg: string) => lines.filter((line) => line.msg === msg);

describe('the request log', () => {
  test('a summarised route writes no line per request but one summary per route with its statuses and slowest time', async () => {
    const { app, lines, requestLog } = await appWithLog();
    for (let i = 0; i < 5; i++) await app.inject({ method: 'POST', url: '/scan/ok' });
    await app.inject({ method: 'POST', url: '/scan/bad' });
    await app.inject({ method: 'GET', url: '/page' });
    assert.equal(messages(lines, 'request').length, 1, 'only the unsummarised route is logged per request');
    assert.equal(messages(lines, 'request')[0]!.url, '/page');

    requestLog.flush(app.log);
    const [summary, ...more] = messages(lines, 'requests summary');
    assert.equal(more.length, 0);
    assert.equal(summary!.route, 'POST /scan/:outcome');
    assert.equal(summary!.requests, 6);
    assert.deepEqual(summary!.statuses, { 201: 5, 400: 1 });
    assert.equal(typeof summary!.maxMs, 'number');

    // counted once: the next summary has nothing to say
    requestLog.flush(app.log);
    assert.equal(messages(lines, 'requests summary').length, 1);
    await app.close();
  });

  test('a server error on a summarised route gets its own line at once; closing writes the summary left', async () => {
    const { app, lines } = await appWithLog();
    await app.inject({ method: 'POST', url: '/scan/ok' });
    const broken = await app.inject({ method: 'POST', url: '/scan/broken' });
    assert.equal(broken.statusCode, 500);
    const ownLines = messages(lines, 'request');
    assert.equal(ownLines.length, 1);
    assert.deepEqual([ownLines[0]!.url, ownLines[0]!.statusCode], ['/scan/broken', 500]);
    assert.ok(lines.some((line) => JSON.stringify(line.err ?? '').includes('database gone')), 'the error itself is logged by the error handler');

    await app.close();
    const [summary] = messages(lines, 'requests summary');
    assert.deepEqual(summary!.statuses, { 201: 1 });
  });
});
