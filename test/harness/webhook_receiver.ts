import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './host_process';

/** A real webhook receiver for alerting tests: every POST body it gets, parsed when JSON. */
export interface WebhookReceiver {
  readonly url: string;
  readonly messages: Array<Record<string, string>>;
  readonly authorizations: string[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const messages: Array<Record<string, string>> = [];
  const authorizations: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      authorizations.push(String(request.headers.authorization ?? ''));
      try {
        messages.push(JSON.parse(body));
      } catch {
        messages.push({ unparsed: body });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    messages,
    authorizations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The first message the receiver got that matches `predicate`, waiting for it to come. */
export function waitForMessage(
  receiver: WebhookReceiver,
  predicate: (message: Record<string, string>) => boolean,
  what: string,
  timeoutMs?: number
): Promise<Record<string, string>> {
  return waitFor(what, async () => receiver.messages.find(predicate), timeoutMs);
}
