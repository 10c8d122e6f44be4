import { z } from 'zod';

/**
 * The one place that reads process.env. Parsed once at start-up; a bad value stops the
 * process with a message naming the variable.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Unset: `npm start` runs an embedded PostgreSQL under .data/postgres. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** Prefix of every BullMQ key, so several deployments (or test files) can share one Redis. */
  QUEUE_PREFIX: z.string().min(1).default('eldercare'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z.string().default('1mb'),
  UPLOAD_LIMIT_MB: z.coerce.number().positive().default(20),
  /** Limits of one spreadsheet import (src/imports/limits.ts): data rows, cells, XLSX expanded size, seconds of reading. */
  IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
  IMPORT_MAX_CELLS: z.coerce.number().int().positive().default(3_000_000),
  IMPORT_MAX_EXPANDED_MB: z.coerce.number().positive().default(150),
  IMPORT_MAX_SECONDS: z.coerce.number().positive().default(300),
  /**
   * Map tiles for the planning desk's Leaflet map, as a Leaflet URL template with {z}/{x}/{y} (and
   * optional {s}), e.g. a city's own tile server or 天地图/高德 where licensed. Unset: the desk shows
   * the SVG route drawing, and the CSP allows no image origin but our own.
   */
  TILE_URL: z.url({ protocol: /^https?$/ }).refine((u) => u.includes('{z}') && u.includes('{x}') && u.includes('{y}'), 'A tile URL template with {z}, {x} and {y}.').optional(),
  /** Attribution shown on the map (the tile provider's licence usually requires it). */
  TILE_ATTRIBUTION: z.string().max(300).optional(),
  /** OSRM base URL for road travel times; unset: haversine × road factor. */
  OSRM_URL: z.url().optional(),
  /**
   * HTTP geocoder for addresses (src/geocoding): the endpoint, e.g. http://api.tianditu.gov.cn/geocoder
   * (GEOCODER_KIND=tianditu) or https://restapi.amap.com/v3/geocode/geo (amap). Unset: no geocoding.
   */
  GEOCODER_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The provider's key (Tianditu `tk`, AMap `key`). */
  GEOCODER_KEY: z.string().optional(),
  GEOCODER_KIND: z.enum(['tianditu', 'amap']).default('tianditu'),
  GEOCODER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Calls per second, across every worker (BullMQ limiter on the geocode.address queue). */
  GEOCODER_RATE_PER_SEC: z.coerce.number().int().min(1).max(1000).default(5),
  /** Below this confidence (0..1) an address is listed for a manager to place by hand. */
  GEOCODER_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.7),
  /** Put before addresses that lack it (sheets say 宣风镇竹垅村3组, not the province and county). */
  GEOCODER_REGION: z.string().optional(),
  /** Deadline of every Redis command an API call makes (a frozen Redis → 503, not a hang). */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(800),
  /** How often a process checks whether Redis lost its data (then restores schedules and jobs). */
  REDIS_CHECK_EVERY_MS: z.coerce.number().int().min(200).max(600_000).default(15_000),
  /** Timeout of one call to an SMS provider, robot or webhook (src/notify/channels). */
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  /** Overrides every tenant's welfareDelayMinutes with a delay in seconds (tests, drills). */
  WELFARE_DELAY_SECONDS: z.coerce.number().int().min(0).optional(),
  /**
   * BullMQ job lock (ms): a worker renews it every half period while a job runs; when a worker dies,
   * its active jobs are picked up again by another worker this long after (lockDuration and stalledInterval).
   */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  DATA_DIR: z.string().default('.data'),
  PUBLIC_URL: z.url().optional(),
  /**
   * Object storage for files (proof-of-delivery photos and signatures). Unset: local disk under
   * DATA_DIR/files. Set S3_BUCKET (and S3_ENDPOINT for a non-AWS store: MinIO, OSS, COS…) to use any
   * S3-compatible store; credentials S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY (else the SDK's chain).
   */
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /**
   * The platform operator's credential for the queue dashboard (/admin/queues): HTTP Basic with
   * OPERATOR_USER + OPERATOR_PASSWORD_HASH (argon2id, `npm run -s operator:credential`), and/or a bearer token whose
   * sha256 is OPERATOR_TOKEN_SHA256. No tenant role opens it; with neither set it is disabled.
   */
  OPERATOR_USER: z.string().min(1).max(64).optional(),
  OPERATOR_PASSWORD_HASH: z.string().startsWith('$argon2').optional(),
  OPERATOR_TOKEN_SHA256: z.string().regex(/^[0-9a-f]{64}$/, 'Hex sha256 of the operator token.').optional(),
  /** Comma-separated origins allowed by CORS; unset: no CORS headers at all (same-origin only). */
  CORS_ORIGINS: z.string().optional().transform((v) => (v ? v.split(',').map((o) => o.trim()).filter(Boolean) : [])),
  /** Rate limits (per window of RATE_LIMIT_WINDOW_SECONDS), counted in Redis so they hold across API processes. */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Failed bearer/operator authentications per client IP and window. */
  RATE_LIMIT_AUTH_FAILURES: z.coerce.number().int().min(1).default(30),
  /** Token issues per client IP, and per account, and window. */
  RATE_LIMIT_TOKEN_ISSUE_PER_IP: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_TOKEN_ISSUE_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  /** A printed rating code sends one rating and one report per this many seconds (SPEC §7: once an hour). */
  VOICE_CODE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
}).superRefine((c, ctx) => {
  if (Boolean(c.OPERATOR_USER) !== Boolean(c.OPERATOR_PASSWORD_HASH)) {
    ctx.addIssue({ code: 'custom', path: ['OPERATOR_PASSWORD_HASH'], message: 'OPERATOR_USER and OPERATOR_PASSWORD_HASH go together.' });
  }
});

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (e.g. OSRM_URL= in a compose file) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * A secret that tenant settings name by reference (`env:NAME`), so keys live in the deployment's
 * environment or secret store, never in the database, the repository or an API answer.
 */
export function secretFromRef(ref: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const m = ref ? /^env:([A-Z][A-Z0-9_]*)$/.exec(ref) : null;
  return m ? env[m[1]] || undefined : undefined;
}

let cached: Config | undefined;
/** The process-wide configuration (parsed on first use). */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
