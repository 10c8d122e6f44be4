import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const depcruise = resolve(root, 'node_modules/.bin/depcruise');
const config = resolve(root, '.dependency-cruiser.cjs');

/** Runs the real boundary check (the one `npm test` runs) on a folder; resolves to exit code and report. */
async function cruise(cwd: string, paths: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(depcruise, [...paths, '--config', config, '--output-type', 'err'], { cwd });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('import boundaries (.dependency-cruiser.cjs)', () => {
  it('fails on each deliberately forbidden import of the fixture, and only on those', async () => {
    const { code, out } = await cruise(resolve(root, 'tests/fixtures/boundaries'), ['src', 'jobs']);
    expect(code).toBe(6);
    expect(out).toContain('solver-is-pure: src/routing/solve.ts → src/delivery/order-service.ts');
    expect(out).toContain('kernel-knows-no-domain: src/http/kernel.ts → src/delivery/order-service.ts');
    expect(out).toContain('kernel-knows-no-domain: src/app.ts → src/modules.ts');
    expect(out).toContain('domains-listed-once: src/server.ts → src/delivery/board-service.ts');
    expect(out).toContain('root-is-not-imported-back: jobs/orders.ts → src/modules.ts');
    expect(out).toContain('domain-reads-through-owner: src/canteen/audit.ts → src/delivery/board-service.ts');
    // The allowed imports: a domain's read module, the solver's worker-thread target, the root and its processors.
    expect(out).not.toContain('src/delivery/read.ts');
    expect(out).not.toContain('src/workers/thread.ts');
    expect(out).not.toContain('src/server.ts → src/modules.ts');
    expect(out).not.toContain('src/modules.ts →');
    expect(out).not.toContain('jobs/orders.ts → src/delivery/order-service.ts');
  }, 60_000);

  it('passes on the code base as it is', async () => {
    const { code, out } = await cruise(root, ['src', 'jobs']);
    expect(out).toContain('no dependency violations found');
    expect(code).toBe(0);
  }, 60_000);
});
