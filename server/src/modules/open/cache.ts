// In-process cache of the open-data documents. An entry is dropped when this process learns of a
// change of its topic (places.*, zones.*, stats.*, levels.*, units.*): at once for its own, as soon
// as the event arrives for another process's (platform/events.ts `onChange`), and after a
// time limit for changes no event announces (a boundary import by the CLI in another process).
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { eventBusOf } from '../../platform/events.js';
import { chooseEncoding, compress, MIN_COMPRESS_BYTES, type Encoding } from './encoding.js';

export interface CachedDocument {
  body: string;
  etag: string;
  contentType: string;
  asOf: string;
  /** The body compressed with this encoding, made at the first request that accepts it and kept. */
  encoded: (encoding: Encoding) => Promise<Buffer>;
}

export interface DocumentCache {
  get(topic: string, key: string, build: () => Promise<Omit<CachedDocument, 'etag' | 'encoded'>>): Promise<CachedDocument>;
  readonly size: number;
}

const MAX_AGE_MS = 5 * 60_000;

export function createDocumentCache(onChange: (listener: (type: string) => void) => () => void, maxAgeMs = MAX_AGE_MS): DocumentCache {
  const entries = new Map<string, { topic: string; at: number; document: Promise<CachedDocument> }>();
  onChange((type) => {
    const topic = type.split('.')[0];
    for (const [key, entry] of entries) if (topic === 'units' || entry.topic === topic) entries.delete(key);
  });
  return {
    get(topic, key, build) {
      const id = `${topic}:${key}`;
      const entry = entries.get(id);
      if (entry && Date.now() - entry.at < maxAgeMs) return entry.document;
      const document = build().then((built) => ({ ...built, etag: `"${createHash('sha256').update(built.body).digest('base64url').slice(0, 27)}"`, encoded: encodedCopies(built.body) }));
      entries.set(id, { topic, at: Date.now(), document });
      document.catch(() => entries.delete(id)); // a failed build is not kept
      return document;
    },
    get size() {
      return entries.size;
    },
  };
}

function encodedCopies(body: string): (encoding: Encoding) => Promise<Buffer> {
  const copies = new Map<Encoding, Promise<Buffer>>();
  return (encoding) => {
    let copy = copies.get(encoding);
    if (!copy) copies.set(encoding, (copy = compress(body, encoding)));
    return copy;
  };
}

const caches = new WeakMap<AppContext, DocumentCache>();

export function documentCacheOf(ctx: AppContext): DocumentCache {
  let cache = caches.get(ctx);
  if (!cache) {
    const bus = eventBusOf(ctx);
    caches.set(ctx, (cache = createDocumentCache((listener) => bus.onChange(listener))));
  }
  return cache;
}

/**
 * Answers a cached document with its ETag and as-of time; 304 when the client has it already;
 * compressed (brotli or gzip) when the client accepts it. The ETag names the content, whatever
 * its encoding, as for the web app's precompressed files.
 */
export async function sendDocument(request: FastifyRequest, reply: FastifyReply, document: CachedDocument, filename: string) {
  reply.header('etag', document.etag).header('x-as-of', document.asOf).header('cache-control', 'public, max-age=0, must-revalidate')
    .header('access-control-allow-origin', '*').header('content-disposition', `inline; filename="${filename}"`).header('vary', 'accept-encoding');
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === document.etag)) return reply.status(304).send();
  const encoding = Buffer.byteLength(document.body) >= MIN_COMPRESS_BYTES ? chooseEncoding(request.headers['accept-encoding']) : null;
  if (!encoding) return reply.type(document.contentType).send(document.body);
  const body = await document.encoded(encoding);
  return reply.type(document.contentType).header('content-encoding', encoding).send(body);
}

