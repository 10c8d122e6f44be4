import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express from 'express';
import type { Router } from 'express';

const require = createRequire(import.meta.url);

/** Front-end libraries we serve ourselves (no CDN): name → file inside the installed package. */
const VENDOR_FILES: Record<string, [pkg: string, file: string]> = {
  'sortable.min.js': ['sortablejs', 'Sortable.min.js'],
  'leaflet.js': ['leaflet', 'dist/leaflet.js'],
  'leaflet.css': ['leaflet', 'dist/leaflet.css'],
  'signature_pad.umd.min.js': ['signature_pad', 'dist/signature_pad.umd.min.js'],
};

/** The folder of an installed package (its "exports" may hide the files we serve as they are). */
function packageDir(pkg: string): string {
  let dir = path.dirname(require.resolve(pkg));
  while (!existsSync(path.join(dir, 'package.json')) || JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== pkg) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`Cannot find the folder of ${pkg}`);
    dir = up;
  }
  return dir;
}

const YEAR_S = 365 * 86_400;

/**
 * Every static file of the screens: the web kernel's own (app.css, app.js…), each domain's
 * `web/assets/` folder, and vendored libraries. URLs carry one release hash in the path
 * (/app/assets/v/<hash>/…), so files are cached for a year on a phone, a new release is fetched
 * at once, and ES modules import each other with relative paths (`../web/app.js`) that stay
 * inside the same release.
 */
export class Assets {
  private readonly versions = new Map<string, string>();
  readonly router: Router = express.Router();

  /** Serves `dir` at /app/assets/<name>/. */
  mount(name: string, dir: string): this {
    if (!existsSync(dir)) throw new Error(`Asset folder ${dir} is missing (did the build copy it?)`);
    this.releaseHash = undefined;
    for (const file of walk(dir)) this.versions.set(`${name}/${path.relative(dir, file).split(path.sep).join('/')}`, hashOf(file));
    this.router.use(`/app/assets/v/:release/${name}`, express.static(dir, { index: false, maxAge: YEAR_S * 1000, immutable: true }));
    return this;
  }

  mountVendor(): this {
    for (const [name, [pkg, file]] of Object.entries(VENDOR_FILES)) {
      const full = path.join(packageDir(pkg), file);
      this.versions.set(`vendor/${name}`, hashOf(full));
      this.router.get(`/app/assets/v/:release/vendor/${name}`, (_req, res) => {
        res.sendFile(full, { maxAge: YEAR_S * 1000, immutable: true });
      });
    }
    const leafletImages = path.join(packageDir('leaflet'), 'dist/images');
    this.router.use('/app/assets/v/:release/vendor/images', express.static(leafletImages, { index: false, maxAge: YEAR_S * 1000 }));
    return this;
  }

  private releaseHash?: string;

  /** One hash over every asset: changes whenever any file does. */
  get release(): string {
    this.releaseHash ??= createHash('sha256').update([...this.versions.entries()].sort().join('\n')).digest('hex').slice(0, 10);
    return this.releaseHash;
  }

  /** The versioned URL of an asset, e.g. url('web/app.js') → /app/assets/v/1a2b3c4d5e/web/app.js. */
  url(asset: string): string {
    if (!this.versions.has(asset)) throw new Error(`Unknown asset ${asset}`);
    return `/app/assets/v/${this.release}/${asset}`;
  }

  /** Every asset URL (service workers precache them). */
  all(prefix = ''): string[] {
    return [...this.versions.keys()].filter((k) => k.startsWith(prefix)).map((k) => this.url(k));
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function hashOf(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 10);
}
