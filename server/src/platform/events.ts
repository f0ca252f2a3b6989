// Live events: an in-process bus and the Server-Sent Events stream GET /api/v1/events.
//
// A service publishes after its transaction commits (`events.publish('levels.published', …)`);
// every browser connected to this node receives it. Across several nodes behind a load balancer
// this bus gains a transport and nothing else changes for callers: publish() also sends the event
// with `SELECT pg_notify('vigil_events', json)` (delivered on commit, so never for a rolled-back
// change; payloads under 8 kB, so large events carry ids rather than bodies), and each node holds
// one LISTEN connection that hands what it hears to its local subscribers. NATS (subject
// `vigil.events`) replaces LISTEN/NOTIFY when PostgreSQL is not to carry the fan-out; event ids
// then come from the transport instead of this node's counter.
//
// The stream is public and carries only what anyone may see (published levels, announcements).
// Events about personal data will need an authenticated stream filtered by the user's scope.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from './context.js';
import type { App } from './http.js';

export interface LiveEvent {
  /** increasing on this node; a reconnecting client sends the last one it saw (Last-Event-ID) */
  id: number;
  type: string;
  at: string;
  data: unknown;
}

export interface EventPublisher {
  publish(type: string, data: unknown): LiveEvent;
}

export interface EventBus extends EventPublisher {
  /** Calls listener for each new event; returns the function that stops it. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** Kept events newer than the given id (oldest first), for a client that reconnects. */
  since(id: number): LiveEvent[];
  readonly subscribers: number;
}

export function createEventBus(options: { keep?: number } = {}): EventBus {
  const keep = options.keep ?? 200;
  const listeners = new Set<(event: LiveEvent) => void>();
  const recent: LiveEvent[] = [];
  let lastId = 0;
  return {
    publish(type, data) {
      const event: LiveEvent = { id: ++lastId, type, at: new Date().toISOString(), data };
      recent.push(event);
      if (recent.length > keep) recent.shift();
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          listeners.delete(listener); // a broken subscriber must not stop the others
        }
      }
      return event;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    since: (id) => recent.filter((event) => event.id > id),
    get subscribers() {
      return listeners.size;
    },
  };
}

/** The app's bus: one per app, so each test app has its own. */
export function eventBusOf(ctx: AppContext): EventBus {
  return ctx.events;
}

const HEARTBEAT_MS = 20_000;
const EventsQuery = Type.Object({
  types: Type.Optional(Type.String({ maxLength: 500, description: 'comma-separated event types to receive, e.g. levels.published; all when left out' })),
});

const frame = (event: LiveEvent) => `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;

export function eventRoutes(app: App, ctx: AppContext) {
  const bus = eventBusOf(ctx);
  const open = new Set<FastifyReply>();
  // Long-lived streams would keep close() waiting: end them first.
  app.addHook('preClose', (done) => {
    for (const reply of open) reply.raw.end();
    done();
  });

  app.get('/api/v1/events', {
    schema: {
      tags: ['events'],
      summary: 'Live events as Server-Sent Events (text/event-stream): levels.published, …',
      querystring: EventsQuery,
    },
  }, (request: FastifyRequest<{ Querystring: { types?: string } }>, reply: FastifyReply) => {
    const wanted = request.query.types ? new Set(request.query.types.split(',').map((t) => t.trim()).filter(Boolean)) : null;
    const send = (event: LiveEvent) => {
      if (!wanted || wanted.has(event.type)) reply.raw.write(frame(event));
    };
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // nginx: do not buffer the stream
      'x-request-id': request.id,
    });
    reply.raw.write('retry: 5000\n: connected\n\n');
    const lastId = Number(request.headers['last-event-id']);
    if (Number.isInteger(lastId) && lastId > 0) bus.since(lastId).forEach(send);
    const unsubscribe = bus.subscribe(send);
    const heartbeat = setInterval(() => reply.raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    open.add(reply);
    reply.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(reply);
    });
  });
}
