import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The public benchmark instances (`solomon/`, `curtois/`), never copied into the repo. They live in
 * `../shared/benchmarks` beside the checkout; a clone made elsewhere from a local checkout finds
 * them beside the checkout it was cloned from; `BENCHMARKS_DIR` overrides both.
 */
export function benchmarksDir(kind: 'solomon' | 'curtois'): string {
  const candidates = [
    process.env.BENCHMARKS_DIR,
    path.resolve(repoRoot, '../shared/benchmarks'),
    originSibling(),
  ].filter((d): d is string => !!d);
  const found = candidates.find((d) => existsSync(path.join(d, kind)));
  if (!found) {
    throw new Error(`Benchmark instances not found (looked in ${candidates.join(', ')}): put the repo beside ../shared or set BENCHMARKS_DIR.`);
  }
  return path.join(found, kind);
}

/** `../shared/benchmarks` beside the local repository this one was cloned from, if any. */
function originSibling(): string | undefined {
  try {
    const origin = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    return origin && !/^[a-z+]+:\/\/|^[^/]+@/i.test(origin) ? path.resolve(repoRoot, origin, '../shared/benchmarks') : undefined;
  } catch {
    return undefined;
  }
}
