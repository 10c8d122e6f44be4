import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS } from '../../src/logger.js';

describe('log redaction', () => {
  it('when objects with ID numbers, phones or tokens are logged, then those values never reach the output', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const log = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    log.info({ person: { idNumber: '11010519491231002X', phone: '13812345678', name: '王' }, req: { headers: { authorization: 'Bearer ect_secret' } }, token: 'ect_x' }, 'hello');
    const out = lines.join('');
    expect(out).not.toContain('11010519491231002X');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('ect_secret');
    expect(out).not.toContain('ect_x');
    expect(out).toContain('王');
  });
});
