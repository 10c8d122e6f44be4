import { createHmac } from 'node:crypto';
import { callProvider, failIfServerError } from './http.js';
import { ChannelError } from './types.js';
import type { Channel } from './types.js';

/** Hex HMAC-SHA256 of `${timestamp}.${body}`: what the receiver recomputes with the shared secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The county platform's own receiver: POST url with JSON {id, template, text, recipient, urgent,
 * params} and headers X-Eldercare-Timestamp (unix seconds) and X-Eldercare-Signature
 * (sha256=<hex>). 2xx: accepted; 429/5xx/timeout: retried with back-off; other 4xx: given up. The
 * receiver de-duplicates on `id` (a retry after a timeout carries the same id).
 */
export function signedWebhook(o: { url: string; secret: string; timeoutMs: number }): Channel {
  return {
    kind: 'webhook',
    async send(m) {
      const body = JSON.stringify({ id: m.id, template: m.template, text: m.text, recipient: m.recipient, urgent: m.urgent, params: m.params });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const a = await callProvider(o.url, {
        headers: { 'content-type': 'application/json', 'X-Eldercare-Timestamp': timestamp, 'X-Eldercare-Signature': `sha256=${webhookSignature(o.secret, timestamp, body)}` },
        body,
      }, o.timeoutMs);
      failIfServerError(a, 'webhook');
      if (a.status >= 400) throw new ChannelError('rejected', `webhook: HTTP ${a.status}`, String(a.status));
      const id = (a.json as { id?: unknown } | null)?.id;
      return { providerMessageId: typeof id === 'string' ? id : null };
    },
  };
}
