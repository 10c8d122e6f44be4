import { pino } from 'pino';
import type { DestinationStream, LoggerOptions } from 'pino';
import { config } from './config.js';

/**
 * PII and secrets never reach the logs, in two layers:
 * 1. path redaction of known fields (ID numbers, phones, tokens, auth headers) in logged objects;
 * 2. pattern scrubbing of every finished log line — URLs, query strings, headers, messages and
 *    error stacks alike — for API tokens (ect_…), Bearer/Basic credentials, cookies, 18-character
 *    ID numbers, mainland mobile numbers and sensitive query parameters. Layer 2 is what catches a
 *    value in a place nobody thought of (an error message quoting input, a URL).
 * Request bodies are not logged at all.
 */
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  '*.idNumber', '*.phone', '*.token', '*.password',
  '*.*.idNumber', '*.*.phone',
  'idNumber', 'phone', 'token', 'password',
];

/** Query parameters whose values are secrets or personal data (q: a name, ID number or phone). */
const SENSITIVE_PARAMS = 'token|access_token|password|secret|q|idNumber|phone|cardNumber|code';

const PATTERNS: [RegExp, string][] = [
  [/ect_[A-Za-z0-9_-]+/g, 'ect_[redacted]'],
  [/\b(Bearer|Basic)(\s|%20|\+)+[A-Za-z0-9._~+/=%-]+/gi, '$1 [redacted]'],
  // Header values quoted in JSON: cookie, set-cookie, authorization.
  [/("(?:cookie|set-cookie|authorization)"\s*:\s*)(?:"(?:[^"\\]|\\.)*"|\[[^\]]*\])/gi, '$1"[redacted]"'],
  [/((?:^|[?&;\s"])(?:cookie|ect_admin)\s*[:=]\s*)[^"&;\s]+/gi, '$1[redacted]'],
  [new RegExp(`([?&](?:${SENSITIVE_PARAMS})=)[^&#"\\s]*`, 'gi'), '$1[redacted]'],
  // 18-character ID-card numbers (17 digits + digit or X), not inside a longer number.
  [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, '[id-number]'],
  // Mainland mobiles, bare or +86 / 0086, with optional separators (1xx xxxx xxxx).
  [/(?<![0-9])(?:(?:\+|00)?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9])/g, '[phone]'],
];

/** Replaces every secret or personal number in a string (a log line, a URL). */
export function scrub(text: string): string {
  let out = text;
  for (const [re, to] of PATTERNS) out = out.replace(re, to);
  return out;
}

/** A destination that scrubs each finished line before it reaches `target`. */
export function scrubbing(target: DestinationStream): DestinationStream {
  return { write: (line: string) => target.write(scrub(line)) };
}

export function loggerOptions(level: string): LoggerOptions {
  return { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'eldercare' } };
}

/** A logger writing scrubbed lines to `target` (tests capture with a stream of their own). */
export function createLogger(target: DestinationStream = pino.destination(1), level: string = config().LOG_LEVEL) {
  return pino(loggerOptions(level), scrubbing(target));
}

/** Where the process logger writes (stdout); tests swap it to capture the scrubbed lines. */
let processTarget: DestinationStream = pino.destination(1);
export function setLogTarget(target: DestinationStream): void {
  processTarget = target;
}
export const logger = pino(loggerOptions(config().LOG_LEVEL), scrubbing({ write: (line: string) => processTarget.write(line) }));
