// tsc compiles only TypeScript: copy the screens' static files (every src/**/assets folder) next
// to the compiled modules, where src/web/assets.ts looks for them (relative to import.meta.url).
import { cpSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function assetDirs(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (!statSync(full).isDirectory() || name === 'generated') return [];
    return name === 'assets' ? [full] : assetDirs(full);
  });
}

for (const dir of assetDirs('src')) cpSync(dir, path.join('dist', dir), { recursive: true });
