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

describe('log line scrubbing', () => {
  it('when a line carries tokens, credentials, ID numbers, phones or sensitive query values anywhere, then each is replaced', async () => {
    const { scrub } = await import('../../src/logger.js');
    const line = JSON.stringify({
      msg: 'GET /people?q=王&token=abc&limit=5 failed for 36030219440229017X and +86 139-0799-0042; Bearer ect_AbC-123_x',
      stack: 'Error: 11010519491231002x at 13812345678',
      headers: { cookie: 'ect_admin=ect_zzz; sid=1', authorization: 'Basic b3BzOnNlY3JldA==' },
    });
    const out = scrub(line);
    for (const s of ['36030219440229017X', '11010519491231002x', '0799-0042', '13812345678', 'ect_AbC', 'ect_zzz', 'b3BzOnNlY3JldA', 'token=abc', 'q=王']) {
      expect(out, s).not.toContain(s);
    }
    expect(out).toContain('limit=5');
    // Timestamps, uuids and amounts stay readable.
    expect(scrub('{"time":1796219381333,"id":"01a236ff-66c4-712f-b254-660c5598fa96","amount":1000}')).toBe('{"time":1796219381333,"id":"01a236ff-66c4-712f-b254-660c5598fa96","amount":1000}');
  });
});
