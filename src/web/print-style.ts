import { createHash } from 'node:crypto';

const sources = new Set<string>();

/**
 * A printable page (route sheet, production sheet, invoice) is one self-contained file a person
 * may save or print, so its styles travel inside it. The CSP forbids inline styles; each such
 * block is declared here once, at module load, and allowed by its SHA-256 — never 'unsafe-inline'.
 */
export function printStyle(css: string): string {
  sources.add(`'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`);
  return `<style>${css}</style>`;
}

/** The CSP sources of every declared print style. */
export function printStyleSources(): string[] {
  return [...sources];
}
