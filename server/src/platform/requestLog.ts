// The request log: one line per request, except on routes that declare `config: { logSummary: true }`
// (single check-ins, thousands a second at peak). Those are counted and summed up once a minute per
// route and status; a request that failed with a server error is still logged on its own line.
// At that rate a line per scan costs about a fifth of the server's CPU per scan (docs/BENCHMARKS.md)
// and tells an operator nothing the summary does not; who sent each scan is in its row.
import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** counted in a summary line a minute instead of a line per request */
    logSummary?: boolean;
  }
}

interface RouteTally {
  requests: number;
  statuses: Record<string, number>;
  maxMs: number;
}

export const SUMMARY_INTERVAL_MS = 60_000;

export class RequestLog extends LogController {
  private tallies = new Map<string, RouteTally>();
  private timer: NodeJS.Timeout | null = null;

  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const ms = Math.round(reply.elapsedTime);
    if (!error && reply.statusCode < 500 && request.routeOptions.config.logSummary) {
      this.count(`${request.method} ${request.routeOptions.url ?? request.url}`, reply.statusCode, ms);
      return;
    }
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, ms };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }

  /** Starts the minute's summaries, written to `log`; `stop` writes what is left. */
  start(log: FastifyBaseLogger) {
    this.timer = setInterval(() => this.flush(log), SUMMARY_INTERVAL_MS).unref();
    return { stop: () => this.stop(log) };
  }

  /** Writes one line per route counted since the last summary. */
  flush(log: FastifyBaseLogger) {
    for (const [route, tally] of this.tallies) log.info({ route, ...tally, seconds: SUMMARY_INTERVAL_MS / 1000 }, 'requests summary');
    this.tallies.clear();
  }

  private stop(log: FastifyBaseLogger) {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.flush(log);
  }

  private count(route: string, status: number, ms: number) {
    let tally = this.tallies.get(route);
    if (!tally) this.tallies.set(route, (tally = { requests: 0, statuses: {}, maxMs: 0 }));
    tally.requests += 1;
    tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
    if (ms > tally.maxMs) tally.maxMs = ms;
  }
}
