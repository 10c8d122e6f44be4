import type { Deps } from '../../src/deps.js';
import type { Role } from '../../src/generated/prisma/enums.js';

/** What each domain's demo step gets: the tenant, a token per role, and the real HTTP API. */
export interface DemoContext {
  deps: Deps;
  baseUrl: string;
  /** Where `npm start` serves the API (the demo's own server stops when it ends). */
  serviceUrl: string;
  tenantId: string;
  timeZone: string;
  tokens: Record<Role, string>;
  /** Ids of users by username (e.g. 'driver1'). */
  users: Record<string, { id: string; token: string; roles: Role[] }>;
  /** Ids of the demo residents, in creation order. */
  personIds: string[];
  /** Calls the API; throws with the problem details on a non-2xx answer. */
  api<T = any>(method: string, path: string, token: string, body?: unknown): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
  log(line?: string): void;
  /** How each demo person signs in on the screens (drivers and aides also get a one-time phone link). */
  signIns: { role: string; username: string; password: string; link?: string }[];
}

export function apiClient(baseUrl: string) {
  return async function api(method: string, path: string, token: string, body?: unknown) {
    const res = await fetch(`${baseUrl}${path}`, {
      method: method.toUpperCase(),
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (!res.ok) throw new Error(`${method.toUpperCase()} ${path} → ${res.status}: ${typeof data === 'string' ? data : JSON.stringify(data)}`);
    return data;
  };
}
