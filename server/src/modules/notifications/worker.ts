// The outbox worker: claim due messages under a lease, render, deliver, record the outcome.
// It runs inside the server (startOutboxWorker) or as its own process (worker-process.ts);
// any number of them may run against one database.
//
// Guarantee: at-least-once to the provider, once to the person when the provider deduplicates by
// the message id we send as its idempotency key. A worker that dies after the provider accepted a
// message but before recording it leaves the message 'sending'; when its lease ends another worker
// sends it again with the same id (SMS: Idempotency-Key and {{id}}; e-mail: the same Message-ID;
// Web Push: the same Topic and tag).
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../db/database.js';
import { emailSender } from './channels/email.js';
import { DeliveryError, type Sender } from './channels/sender.js';
import { smsSender } from './channels/sms.js';
import { webPushSender } from './channels/webpush.js';
import { type Channel, type NotificationConfig, UNCONFIGURED, configuredChannels } from './config.js';
import { type Claim, type Outcome, claimDue, noteUnconfigured, settle } from './queue.js';
import { render } from './templates.js';

/** The subset of a pino logger the worker uses (Fastify's app.log fits). */
export interface WorkerLog {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface OutboxWorkerOptions {
  db: Database;
  config: NotificationConfig;
  log?: WorkerLog;
  /** Shown in locked_by; default host:pid:random. */
  workerId?: string;
}

const silent: WorkerLog = { info() {}, error() {} };

/** Exponential back-off with jitter: base·2^(attempt−1), capped, then scaled by 0.5–1 so that messages failed together do not retry together. */
export function backoffMs(attempt: number, worker: NotificationConfig['worker'], random: () => number = Math.random): number {
  const ceiling = Math.min(worker.retryMaxMs, worker.retryBaseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling * (0.5 + random() / 2));
}

function sendersFor(options: OutboxWorkerOptions): Partial<Record<Channel, Sender>> {
  const { config, db } = options;
  return {
    webpush: webPushSender(db, config.vapidSubject),
    ...(config.sms ? { sms: smsSender(config.sms) } : {}),
    ...(config.smtp ? { email: emailSender(config.smtp, config.worker.sendTimeoutMs) } : {}),
  };
}

export interface OutboxWorker {
  /** One round: claims up to a batch of due messages, delivers them concurrently, records each outcome; returns how many it claimed. */
  runOnce(): Promise<number>;
  close(): void;
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, config } = options;
  const log = options.log ?? silent;
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const senders = sendersFor(options);
  const channels = configuredChannels(config);
  const waiting = (['sms', 'email'] as const).filter((channel) => !channels.includes(channel));

  async function deliver(claim: Claim): Promise<Outcome> {
    try {
      const message = render(claim.template, claim.locale, claim.payload);
      const { providerRef } = await senders[claim.channel]!.send(
        { id: claim.id, recipient: claim.recipient, template: claim.template, locale: claim.locale, message },
        AbortSignal.timeout(config.worker.sendTimeoutMs),
      );
      return { kind: 'sent', providerRef };
    } catch (error) {
      const delivery = error instanceof DeliveryError ? error : new DeliveryError(error instanceof Error ? error.message : String(error), false);
      if (delivery.permanent || claim.attempts >= config.worker.maxAttempts) return { kind: 'failed', error: delivery.message };
      return { kind: 'retry', afterMs: backoffMs(claim.attempts, config.worker), error: delivery.message };
    }
  }

  return {
    async runOnce() {
      for (const channel of waiting) await noteUnconfigured(db, channel, UNCONFIGURED[channel]);
      const claims = await claimDue(db, { limit: config.worker.batchSize, leaseMs: config.worker.leaseMs, workerId, channels });
      await Promise.all(claims.map(async (claim) => {
        const outcome = await deliver(claim);
        const recorded = await settle(db, claim, outcome);
        const error = outcome.kind === 'sent' ? undefined : outcome.error;
        log.info({ outbox: { id: claim.id, channel: claim.channel, attempt: claim.attempts, outcome: outcome.kind, recorded, error } }, 'outbox delivery');
      }));
      return claims.length;
    },
    close() {
      for (const sender of Object.values(senders)) sender.close();
    },
  };
}

/** Runs rounds until the signal aborts: at once again after a full batch, otherwise after the interval. Resolves when stopped. */
export async function runOutboxWorker(options: OutboxWorkerOptions & { signal: AbortSignal }): Promise<void> {
  const worker = createOutboxWorker(options);
  const log = options.log ?? silent;
  try {
    while (!options.signal.aborted) {
      let claimed = 0;
      try {
        claimed = await worker.runOnce();
      } catch (error) {
        // the database may be restarting: log it and try again next round
        log.error({ err: error }, 'outbox round failed');
      }
      if (claimed < options.config.worker.batchSize) await sleep(options.config.worker.intervalMs, undefined, { signal: options.signal }).catch(() => undefined);
    }
  } finally {
    worker.close();
  }
}

/** Starts the worker in this process; the returned function stops it after the deliveries in flight. */
export function startOutboxWorker(options: OutboxWorkerOptions): () => Promise<void> {
  const controller = new AbortController();
  const done = runOutboxWorker({ ...options, signal: controller.signal });
  return async () => {
    controller.abort();
    await done;
  };
}
