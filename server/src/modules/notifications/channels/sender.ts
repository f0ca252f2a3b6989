// What every channel implements, and how a failure says whether trying again can help.
import type { Locale, Rendered } from '../templates.js';

export interface Delivery {
  /** The outbox message id: every channel hands it to the provider as its idempotency key. */
  id: string;
  recipient: string;
  template: string;
  locale: Locale;
  message: Rendered;
}

export interface Sender {
  /** Resolves once the provider has accepted the message; the reference is the provider's own id, if it gave one. */
  send(delivery: Delivery, signal: AbortSignal): Promise<{ providerRef: string | null }>;
  close(): void;
}

/** A failed delivery; `permanent` when trying again cannot help (a refused address, an expired subscription). */
export class DeliveryError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
  }
}

/** HTTP answers worth retrying: timeouts, rate limits and the provider's own failures. */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** An error of fetch (refused connection, reset, timeout) as a retryable delivery error. */
export function networkError(error: unknown, what: string): DeliveryError {
  const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return new DeliveryError(`${what} unreachable: ${cause}`, false);
}
