// Real local servers the notification tests deliver to: an SMS gateway (node:http) that
// deduplicates by Idempotency-Key as a well-behaved provider does, an SMTP server (smtp-server)
// and a Web Push service (node:http). Each listens on a free port of 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** When it arrived (ms since the epoch). */
  at: number;
}

/** What the gateway does with a request: answer it, or accept the message and never answer (a provider slower than the worker's life). */
export type GatewayReply = { status: number; body?: unknown } | 'hold';

function smtpListen(server: SMTPServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
  });
}

function portOf(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}

async function startHttp(handle: (request: ReceivedRequest, response: http.ServerResponse) => void) {
  const requests: ReceivedRequest[] = [];
  const waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), at: Date.now() };
      requests.push(request);
      handle(request, res);
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${portOf(server)}`,
    requests,
    /** Resolves once `count` requests have arrived. */
    async received(count: number, timeoutMs = 20_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} requests, got ${requests.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * An SMS gateway. `reply` decides each answer (default 200); a message is handed to the person
 * once per Idempotency-Key, however many times it is sent: `toPerson` lists what people received.
 */
export async function startSmsGateway(reply: (request: ReceivedRequest, index: number) => GatewayReply = () => ({ status: 200 })) {
  const toPerson: { key: string; body: string }[] = [];
  const references = new Map<string, string>();
  let index = 0;
  const gateway = await startHttp((request, response) => {
    const answer = reply(request, index++);
    const key = String(request.headers['idempotency-key'] ?? '');
    const accept = () => {
      if (!references.has(key)) {
        references.set(key, `gw-${references.size + 1}`);
        toPerson.push({ key, body: request.body.toString('utf8') });
      }
      return references.get(key)!;
    };
    if (answer === 'hold') {
      accept();
      return;
    }
    const reference = answer.status < 300 ? accept() : null;
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body ?? (reference ? { id: reference } : { error: 'gateway trouble' })));
  });
  return { ...gateway, toPerson };
}

/** A Web Push service: answers `status` (201 as real services do) to every push. */
export async function startPushService(status: () => number = () => 201) {
  return startHttp((_request, response) => {
    response.writeHead(status(), { location: `/messages/${Math.random().toString(36).slice(2)}` });
    response.end();
  });
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** An SMTP server without TLS or authentication; recipients at `reject.example` are refused with 550. */
export async function startSmtpServer() {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false, authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@reject.example')) {
        callback(Object.assign(new Error('5.1.1 no such mailbox'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await smtpListen(server);
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
