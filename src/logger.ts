import { pino } from 'pino';
import { config } from './config.js';

/**
 * PII never reaches the logs: ID-card numbers, phones and tokens are redacted wherever they
 * appear in logged objects (request bodies are not logged at all).
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  '*.idNumber', '*.phone', '*.token', '*.password',
  '*.*.idNumber', '*.*.phone',
  'idNumber', 'phone', 'token',
];

export const logger = pino({
  level: config().LOG_LEVEL,
  redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  base: { service: 'eldercare' },
});
