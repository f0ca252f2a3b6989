// Live events: a bus per app and the Server-Sent Events stream GET /api/v1/events.
//
// A service publishes after its transaction commits (`events.publish('levels.published', …)`);
// every browser connected to any server process receives it. The app's bus is shared through the
// database (`createSharedEventBus`): publish inserts the event into `live_events` and notifies
// channel `vigil_events` in one transaction, and every process (several workers of one node, or
// several nodes behind a balancer) listens and delivers the rows it has not delivered yet, in id
// order. So all processes number events alike, a client reconnecting to another process replays
// by Last-Event-ID just the same, and a process whose listening connection dropped catches up
// from the table. The same code runs on PGlite, where the one process hears its own notifications.
// `createEventBus` alone is the in-process part, for code that needs no database.
//
// The stream is public and carries only what anyone may see (published levels, announcements).
// Events about personal data will need an authenticated stream filtered by the user's scope.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import { Type } from 'typebox';
import type { AppContext } from './context.js';
import type { App } from './http.js';

export interface LiveEvent {
  /** increasing; the same on every process of a shared bus; a reconnecting client sends the last one it saw (Last-Event-ID) */
  id: number;
  type: string;
  at: string;
  data: unknown;
}

export interface EventPublisher {
  /** Delivers the event to every subscriber; on a shared bus, to every process's, a moment later. */
  publish(type: string, data: unknown): void;
}

export interface EventBus extends EventPublisher {
  /** Calls listener for each new event, numbered; returns the function that stops it. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /**
   * Calls listener with the type of each change as soon as this process knows of it: at once for
   * its own publications (so its caches never serve what it has just changed), on arrival for the
   * others'. Once per event. Returns the function that stops it.
   */
  onChange(listener: (type: string) => void): () => void;
  /** Kept events newer than the given id (oldest first), for a client that reconnects. */
  since(id: number): LiveEvent[];
  readonly subscribers: number;
}

/** The in-process bus: events are numbered here and delivered at once. */
export function createEventBus(options: { keep?: number } = {}): EventBus {
  let lastId = 0;
  const local = localDelivery(options.keep ?? 200);
  return busOver(local, (type, data) => {
    local.changed(type);
    local.deliver({ id: ++lastId, type, at: new Date().toISOString(), data });
  });
}

/** A bus: its own way of publishing over the local subscribers (a getter is not copied by spreading, so no spread here). */
function busOver(local: ReturnType<typeof localDelivery>, publish: EventPublisher['publish']): EventBus {
  return {
    publish,
    subscribe: (listener) => local.subscribe(listener),
    onChange: (listener) => local.onChange(listener),
    since: (id) => local.since(id),
    get subscribers() {
      return local.subscribers;
    },
  };
}

/** Subscribers and the latest events, for a bus that numbers its events itself or hears them numbered. */
function localDelivery(keep: number) {
  const listeners = new Set<(event: LiveEvent) => void>();
  const changeListeners = new Set<(type: string) => void>();
  const recent: LiveEvent[] = [];
  return {
    deliver(event: LiveEvent) {
      recent.push(event);
      if (recent.length > keep) recent.shift();
      callEach(listeners, event);
    },
    changed(type: string) {
      callEach(changeListeners, type);
    },
    subscribe(listener: (event: LiveEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onChange(listener: (type: string) => void) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    since: (id: number) => recent.filter((event) => event.id > id),
    get subscribers() {
      return listeners.size;
    },
  };
}

/** Calls every listener; a broken one is dropped and must not stop the others. */
function callEach<T>(listeners: Set<(value: T) => void>, value: T) {
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch {
      listeners.delete(listener);
    }
  }
}

const CHANNEL = 'vigil_events';
/** Publishers take this lock, so ids commit in the order they were drawn and no reader skips one. */
const PUBLISH_LOCK = 0x76_69_67_65; // 'vige'

export interface SharedEventBus extends EventBus {
  /** Stops listening; events published afterwards are not delivered here. */
  close(): Promise<void>;
}

/**
 * The bus shared by every process on the same database. Starts from the events published after
 * it was created; `onError` hears a publication or a read that failed (the caller's write stays).
 */
export async function createSharedEventBus(db: Database, options: { keep?: number; onError: (error: unknown, doing: string) => void }): Promise<SharedEventBus> {
  const local = localDelivery(options.keep ?? 200);
  const origin = randomUUID();
  const [newest] = await db.query<{ id: number | null }>('SELECT max(id) AS id FROM live_events');
  let lastId = newest?.id ?? 0;
  // One read at a time; a notification during a read asks for one more.
  const reads: { running: Promise<void> | null; asked: number } = { running: null, asked: 0 };

  const readNew = async () => {
    let answered: number;
    do {
      answered = reads.asked;
      const rows = await db.query<{ id: number; type: string; at: Date; data: unknown; origin: string }>('SELECT id, type, at, data, origin FROM live_events WHERE id > $1 ORDER BY id', [lastId]);
      for (const row of rows) {
        lastId = row.id;
        if (row.origin !== origin) local.changed(row.type);
        local.deliver({ id: row.id, type: row.type, at: row.at.toISOString(), data: row.data });
      }
    } while (answered !== reads.asked);
  };
  const onNotify = () => {
    reads.asked += 1;
    if (reads.running) return;
    reads.running = readNew().catch((error: unknown) => options.onError(error, 'reading live events')).finally(() => { reads.running = null; });
  };
  const stopListening = await db.listen(CHANNEL, onNotify);

  // This process's publications go one after another, so they are numbered in the order made.
  let publishing = Promise.resolve();
  const bus = busOver(local, (type, data) => {
    local.changed(type);
    publishing = publishing.then(() => db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
      await tx.query(`DELETE FROM live_events WHERE at < now() - interval '1 hour'`);
      await tx.query(`WITH e AS (INSERT INTO live_events (type, data, origin) VALUES ($1, $2::jsonb, $3) RETURNING id) SELECT pg_notify('${CHANNEL}', id::text) FROM e`, [type, JSON.stringify(data ?? null), origin]);
    })).catch((error: unknown) => options.onError(error, `publishing ${type}`));
  });
  return Object.assign(bus, {
    async close() {
      await publishing;
      await stopListening();
      await reads.running;
    },
  });
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
