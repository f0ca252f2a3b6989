// E-mail through SMTP (nodemailer). The Message-ID is made from the outbox message id, so a retry
// after a crash carries the same Message-ID as the first copy and mail systems that drop repeats
// of a Message-ID show it once.
import nodemailer from 'nodemailer';
import type { NotificationConfig } from '../config.js';
import { MAIL_FOOTER } from '../templates.js';
import { DeliveryError, type Sender } from './sender.js';

/** The domain of the sender address: Message-IDs are made unique under it. */
function domainOf(from: string): string {
  return /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'vigil.invalid';
}

export function messageIdOf(id: string, from: string): string {
  return `<${id}@${domainOf(from)}>`;
}

interface SmtpError {
  responseCode?: number;
  response?: string;
  message?: string;
}

export function emailSender(smtp: NonNullable<NotificationConfig['smtp']>, timeoutMs: number): Sender {
  // Each step (connect, greeting, each reply) is bounded; the lease is three times this long.
  const transport = nodemailer.createTransport({ url: smtp.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  return {
    async send(delivery) {
      try {
        const info = await transport.sendMail({
          from: smtp.from,
          to: delivery.recipient,
          subject: delivery.message.title,
          text: `${delivery.message.body}\n\n-- \n${MAIL_FOOTER[delivery.locale]}\n`,
          // base64 keeps Vietnamese text compact and unmangled by 7-bit relays
          textEncoding: 'base64',
          messageId: messageIdOf(delivery.id, smtp.from),
          headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': delivery.locale },
        });
        return { providerRef: typeof info.response === 'string' ? info.response.slice(0, 200) : null };
      } catch (error) {
        const smtpError = error as SmtpError;
        const detail = smtpError.response ?? smtpError.message ?? String(error);
        // 5xx: the server refuses for good (no such mailbox, policy); 4xx and connection trouble may pass later.
        throw new DeliveryError(`SMTP: ${detail.slice(0, 200)}`, (smtpError.responseCode ?? 0) >= 500);
      }
    },
    close() {
      transport.close();
    },
  };
}
