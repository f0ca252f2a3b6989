// Settings of the notification channels and the outbox worker, read from the environment and
// validated once. A channel left unconfigured is not an error: its messages wait in the outbox.
import { ConfigError, integerSetting as integer } from '../../configError.js';

export const CHANNELS = ['webpush', 'sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface SmsGatewayConfig {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
  format: 'json' | 'form';
  /** With {{to}}, {{text}} and {{id}}; values are escaped for the format. */
  bodyTemplate: string;
  /** Field of the gateway's JSON answer that holds its own message id (kept to match delivery reports). */
  responseIdField: string;
}

export interface NotificationConfig {
  sms: SmsGatewayConfig | null;
  /** The shared secret a gateway's delivery report must carry; null refuses every report. */
  smsReportSecret: string | null;
  smtp: { url: string; from: string } | null;
  /** VAPID subject (mailto: or https:): who push services contact about our traffic. */
  vapidSubject: string;
  /** Accept push endpoints over plain http (local test push services only). */
  pushAllowHttp: boolean;
  worker: {
    intervalMs: number;
    leaseMs: number;
    sendTimeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    batchSize: number;
  };
}


function httpUrl(key: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${key} must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${key} must start with http:// or https://`);
  return url;
}

const DEFAULT_SMS_BODY = { json: '{"to":"{{to}}","text":"{{text}}","id":"{{id}}"}', form: 'to={{to}}&text={{text}}&id={{id}}' };

function smsConfig(env: NodeJS.ProcessEnv): SmsGatewayConfig | null {
  if (!env.VIGIL_SMS_GATEWAY_URL) return null;
  const url = httpUrl('VIGIL_SMS_GATEWAY_URL', env.VIGIL_SMS_GATEWAY_URL);
  let headers: Record<string, string> = {};
  if (env.VIGIL_SMS_GATEWAY_HEADERS) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.VIGIL_SMS_GATEWAY_HEADERS);
    } catch {
      throw new ConfigError('VIGIL_SMS_GATEWAY_HEADERS must be a JSON object of header names to strings');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
      throw new ConfigError('VIGIL_SMS_GATEWAY_HEADERS must be a JSON object of header names to strings');
    }
    headers = parsed as Record<string, string>;
  }
  // fetch refuses URLs with credentials: user:password@host becomes a Basic Authorization header.
  if (url.username) {
    headers = { authorization: `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`, ...headers };
    url.username = '';
    url.password = '';
  }
  const method = (env.VIGIL_SMS_GATEWAY_METHOD || 'POST').toUpperCase();
  if (method !== 'POST' && method !== 'PUT') throw new ConfigError('VIGIL_SMS_GATEWAY_METHOD must be POST or PUT');
  const format = env.VIGIL_SMS_BODY_FORMAT || 'json';
  if (format !== 'json' && format !== 'form') throw new ConfigError('VIGIL_SMS_BODY_FORMAT must be json or form');
  const bodyTemplate = env.VIGIL_SMS_BODY_TEMPLATE || DEFAULT_SMS_BODY[format];
  for (const variable of ['{{to}}', '{{text}}']) {
    if (!bodyTemplate.includes(variable)) throw new ConfigError(`VIGIL_SMS_BODY_TEMPLATE must contain ${variable}`);
  }
  if (format === 'json') {
    try {
      JSON.parse(bodyTemplate.replace(/\{\{(to|text|id)\}\}/g, 'x'));
    } catch {
      throw new ConfigError('VIGIL_SMS_BODY_TEMPLATE must be JSON once its {{variables}} are filled in (put them inside strings)');
    }
  }
  return { url: url.href, method, headers, format, bodyTemplate, responseIdField: env.VIGIL_SMS_RESPONSE_ID_FIELD || 'id' };
}

function smtpConfig(env: NodeJS.ProcessEnv): NotificationConfig['smtp'] {
  if (!env.VIGIL_SMTP_URL) return null;
  let url: URL;
  try {
    url = new URL(env.VIGIL_SMTP_URL);
  } catch {
    throw new ConfigError(`VIGIL_SMTP_URL must be a URL such as smtp://user:password@mail.example.vn:587, got "${env.VIGIL_SMTP_URL}"`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError('VIGIL_SMTP_URL must start with smtp:// or smtps://');
  const from = env.VIGIL_MAIL_FROM;
  if (!from || !/[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+/.test(from)) throw new ConfigError('VIGIL_MAIL_FROM is required with VIGIL_SMTP_URL, e.g. "Vigil Hậu Giang <vigil@soyte.haugiang.gov.vn>"');
  return { url: url.href, from };
}

function vapidSubject(env: NodeJS.ProcessEnv): string {
  const raw = env.VIGIL_VAPID_SUBJECT;
  if (raw) {
    if (!/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(raw)) throw new ConfigError('VIGIL_VAPID_SUBJECT must be a mailto: address or an https:// URL');
    return raw;
  }
  const publicUrl = env.VIGIL_PUBLIC_URL;
  return publicUrl?.startsWith('https://') ? publicUrl : 'mailto:vigil@example.invalid';
}

export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  const sendTimeoutMs = integer(env, 'VIGIL_OUTBOX_SEND_TIMEOUT_MS', 30_000, 100, 600_000);
  const leaseMs = integer(env, 'VIGIL_OUTBOX_LEASE_MS', 5 * 60_000, 500, 3_600_000);
  // A delivery must end (or time out) before its lease does, or a second worker could start it again.
  // SMTP bounds connecting, greeting and each reply separately, hence three timeouts.
  if (leaseMs < 3 * sendTimeoutMs) throw new ConfigError('VIGIL_OUTBOX_LEASE_MS must be at least three times VIGIL_OUTBOX_SEND_TIMEOUT_MS');
  const retryBaseMs = integer(env, 'VIGIL_OUTBOX_RETRY_BASE_MS', 30_000, 10, 86_400_000);
  const retryMaxMs = integer(env, 'VIGIL_OUTBOX_RETRY_MAX_MS', 3_600_000, 10, 7 * 86_400_000);
  if (retryMaxMs < retryBaseMs) throw new ConfigError('VIGIL_OUTBOX_RETRY_MAX_MS must not be below VIGIL_OUTBOX_RETRY_BASE_MS');
  return {
    sms: smsConfig(env),
    smsReportSecret: env.VIGIL_SMS_REPORT_SECRET || null,
    smtp: smtpConfig(env),
    vapidSubject: vapidSubject(env),
    pushAllowHttp: env.VIGIL_PUSH_ALLOW_HTTP === '1',
    worker: {
      intervalMs: integer(env, 'VIGIL_OUTBOX_INTERVAL_MS', 2_000, 10, 3_600_000),
      leaseMs,
      sendTimeoutMs,
      maxAttempts: integer(env, 'VIGIL_OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
      retryBaseMs,
      retryMaxMs,
      batchSize: integer(env, 'VIGIL_OUTBOX_BATCH', 20, 1, 500),
    },
  };
}

/** Channels this process can deliver; the others' messages stay queued. Web Push needs only its keys, kept in the database. */
export function configuredChannels(config: NotificationConfig): Channel[] {
  return CHANNELS.filter((channel) => channel === 'webpush' || (channel === 'sms' ? config.sms !== null : config.smtp !== null));
}

/** Why a channel's messages wait, for last_error and the staff list. */
export const UNCONFIGURED: Record<Exclude<Channel, 'webpush'>, string> = {
  sms: 'channel sms is not configured (set VIGIL_SMS_GATEWAY_URL); the message waits in the outbox',
  email: 'channel email is not configured (set VIGIL_SMTP_URL and VIGIL_MAIL_FROM); the message waits in the outbox',
};

