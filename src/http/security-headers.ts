import type { RequestHandler } from 'express';
import { printStyleSources } from '../web/print-style.js';

/**
 * Security headers on every response. Scripts and styles only from this origin (no inline
 * script anywhere; the docs page loads its start-up script as a file). Bull Board's page
 * carries an inline <style> block and a <base href>, so only under /admin/queues may styles be
 * inline and <base> point at this origin — scripts stay 'self' there too. (Its Google Fonts link
 * is blocked on purpose: no third-party requests; the board falls back to system fonts.)
 * Printable pages carry their own <style> blocks, each allowed by its hash (src/web/print-style.ts).
 */
const BASE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self' data:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
];
/** Print styles are declared at module load, so the policy is built once they all are (and again if one more appears). */
function pagePolicy(base: string[]): () => string {
  let cached: { count: number; csp: string } | undefined;
  return () => {
    const hashes = printStyleSources();
    if (cached?.count !== hashes.length) {
      cached = { count: hashes.length, csp: base.map((d) => (d.startsWith('style-src') ? [d, ...hashes].join(' ') : d)).join('; ') };
    }
    return cached.csp;
  };
}
const DASHBOARD_CSP = BASE_CSP.map((d) =>
  d.startsWith('style-src') ? "style-src 'self' 'unsafe-inline'" : d.startsWith('base-uri') ? "base-uri 'self'" : d).join('; ');

/**
 * The origin of a Leaflet tile URL template (https://{s}.tile.example.org/{z}/{x}/{y}.png →
 * https://*.tile.example.org): the only other place images may come from, and only when set.
 */
export function tileOrigin(tileUrl: string | undefined): string | null {
  if (!tileUrl) return null;
  const m = /^(https?):\/\/([^/]+)/.exec(tileUrl);
  if (!m) return null;
  return `${m[1]}://${m[2].replace(/\{s\}/g, '*').replace(/\{[^}]*\}/g, '*')}`;
}

export function securityHeaders(opts: { tileUrl?: string } = {}): RequestHandler {
  const tiles = tileOrigin(opts.tileUrl);
  const policy = pagePolicy(BASE_CSP.map((d) => (tiles && d.startsWith('img-src') ? `${d} ${tiles}` : d)));
  return (req, res, next) => {
    res.setHeader('Content-Security-Policy', req.path.startsWith('/admin/queues') ? DASHBOARD_CSP : policy());
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    // HSTS only means something over TLS (req.secure honours `trust proxy` for X-Forwarded-Proto).
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // API answers may carry personal data: never kept by a browser or proxy cache. Static files
    // (the docs' assets) replace this with their own caching; they carry nothing personal.
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/**
 * CORS only for configured origins (CORS_ORIGINS); otherwise no CORS header at all, so a
 * browser on another origin cannot read any answer. Preflights of allowed origins get 204.
 */
export function cors(origins: string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (!origin || !allowed.has(origin)) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
      res.setHeader('Access-Control-Max-Age', '600');
      return res.status(204).end();
    }
    next();
  };
}
