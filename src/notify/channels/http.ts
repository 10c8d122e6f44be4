import { ChannelError } from './types.js';

export interface HttpAnswer {
  status: number;
  json: unknown;
}

/**
 * One HTTP call to a provider with a timeout. A timeout or a connection failure is a retryable
 * ChannelError; the body is parsed as JSON when it is JSON (null otherwise). Never logs the URL
 * (robot URLs carry their key).
 */
export async function callProvider(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }, timeoutMs: number): Promise<HttpAnswer> {
  let res: Response;
  try {
    res = await fetch(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new ChannelError('timeout', `no answer within ${timeoutMs} ms`);
    throw new ChannelError('unavailable', `connection failed: ${(err as Error).message}`);
  }
  const text = await res.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json };
}

/** 5xx and 429 are the provider's trouble: try again later. */
export function failIfServerError(a: HttpAnswer, provider: string): void {
  if (a.status === 429) throw new ChannelError('rate_limited', `${provider}: HTTP 429`);
  if (a.status >= 500) throw new ChannelError('unavailable', `${provider}: HTTP ${a.status}`);
}
