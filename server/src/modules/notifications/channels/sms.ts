// SMS through any HTTP gateway: URL, method, headers (credentials) and a body template are
// configuration, so a provider is plugged in without code. The outbox message id travels as the
// Idempotency-Key header and as {{id}}: a gateway that deduplicates by it sends a retried message once.
import type { SmsGatewayConfig } from '../config.js';
import { DeliveryError, type Sender, networkError, retryableStatus } from './sender.js';

const escapers = {
  // inside a JSON string: the quotes of JSON.stringify removed
  json: (value: string) => JSON.stringify(value).slice(1, -1),
  form: (value: string) => encodeURIComponent(value),
};

const CONTENT_TYPES = { json: 'application/json; charset=utf-8', form: 'application/x-www-form-urlencoded; charset=utf-8' };

/** The gateway request body: the template with {{to}}, {{text}} and {{id}} filled in and escaped for its format. */
export function smsBody(config: Pick<SmsGatewayConfig, 'format' | 'bodyTemplate'>, values: { to: string; text: string; id: string }): string {
  const escape = escapers[config.format];
  return config.bodyTemplate.replace(/\{\{(to|text|id)\}\}/g, (_match, name: 'to' | 'text' | 'id') => escape(values[name]));
}

function referenceIn(answer: string, field: string): string | null {
  try {
    const value: unknown = (JSON.parse(answer) as Record<string, unknown> | null)?.[field];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  } catch {
    return null;
  }
}

export function smsSender(config: SmsGatewayConfig): Sender {
  return {
    async send(delivery, signal) {
      const body = smsBody(config, { to: delivery.recipient, text: delivery.message.body, id: delivery.id });
      let response: Response;
      let answer: string;
      try {
        response = await fetch(config.url, {
          method: config.method,
          headers: { 'content-type': CONTENT_TYPES[config.format], 'idempotency-key': delivery.id, ...config.headers },
          body,
          signal,
        });
        answer = await response.text();
      } catch (error) {
        throw networkError(error, 'SMS gateway');
      }
      if (!response.ok) throw new DeliveryError(`SMS gateway answered ${response.status}: ${answer.slice(0, 200)}`, !retryableStatus(response.status));
      return { providerRef: referenceIn(answer, config.responseIdField) };
    },
    close() {},
  };
}
