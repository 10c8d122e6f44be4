import type { Access } from './api-router.js';

/**
 * operationIds for generated clients, derived from the route's method and path so that they are
 * stable as long as the path is (a route may still declare its own): the domain and resource
 * words in camelCase, a collection item singular, and the action as the verb —
 *   GET /canteens/{id}/meals → listCanteenMeals, POST /nursing/bookings/{id}/activate → activateNursingBooking.
 */
const ACTIONS = new Set([
  'accept', 'acknowledge', 'activate', 'cancel', 'confirm', 'discharge', 'end', 'generate', 'pin', 'publish',
  'remove', 'reopen', 'replan', 'resolve', 'retry', 'revoke', 'transfer', 'undo', 'void',
]);
/** Singular words that end in s: GET on them reads one thing, not a list. */
const NOT_LISTS = new Set(['settings']);
const FILE_VERBS: Record<string, string> = { csv: 'export', svg: 'get', html: 'get' };

function camel(words: string[]): string {
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function kebabToWords(segment: string): string[] {
  return segment.split('-').filter(Boolean);
}

function isPlural(word: string): boolean {
  return word === 'people' || (!NOT_LISTS.has(word) && /[^s]s$/.test(word));
}

export function singular(word: string): string {
  if (word === 'people') return 'person';
  if (NOT_LISTS.has(word)) return word;
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(ss|x|ch|sh|us)es$/.test(word)) return word.replace(/es$/, '');
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

export function deriveOperationId(method: string, path: string): string {
  const segments = path.split('/').filter(Boolean);
  const isParam = (s: string | undefined) => !!s && s.startsWith(':');
  let verb: string;
  let last = segments[segments.length - 1] ?? '';
  let suffix: string[] = [];
  const file = /^(.*)\.(csv|svg|html)$/.exec(last);
  if (file) {
    last = file[1];
    segments[segments.length - 1] = last;
    suffix = [file[2]];
  }
  const lastIsParam = isParam(last);
  const body = [...segments];
  if (file) verb = FILE_VERBS[file[2]];
  else if (method === 'get') verb = !lastIsParam && isPlural(kebabToWords(last).pop() ?? '') ? 'list' : 'get';
  else if (method === 'post' && ACTIONS.has(last)) {
    verb = last;
    body.pop();
  } else verb = ({ post: 'create', patch: 'update', put: 'set', delete: 'delete' } as Record<string, string>)[method] ?? method;
  const words: string[] = [];
  body.forEach((segment, i) => {
    if (isParam(segment)) return;
    const itemFollows = isParam(body[i + 1]) || (i === body.length - 1 && ['create', 'set'].includes(verb));
    const parts = kebabToWords(segment === 'me' && i < body.length - 1 ? 'my' : segment);
    if (itemFollows) parts[parts.length - 1] = singular(parts[parts.length - 1]);
    words.push(...parts);
  });
  return verb + camel([...words, ...suffix]);
}

/** Who may call the operation, in words (the same rule as mayAccess in api-router.ts). */
export function rolesInWords(access: Access, method: string): string {
  if (access === 'public') return '**Roles:** public — no token needed.';
  if (access === 'any') return '**Roles:** any signed-in user of the tenant.';
  const readers = method === 'get' ? '; auditor (every read)' : '';
  return `**Roles:** ${access.map((r) => `\`${r}\``).join(', ')}; \`admin\` (always)${readers}.`;
}
