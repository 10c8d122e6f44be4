/**
 * Writes the OpenAPI document to stdout (or a file) without a database or Redis: routes only
 * declare themselves at registration, so placeholder dependencies do. For client generators.
 *   npm run -s openapi:export > openapi.json
 */
import { writeFileSync } from 'node:fs';
import { ApiRouter } from '../src/http/api-router.js';
import { buildOpenApi } from '../src/http/openapi.js';
import { loadConfig } from '../src/config.js';
import type { Deps } from '../src/deps.js';
import type { PrismaClient } from '../src/db/prisma.js';
import { registerAllRoutes } from '../src/routes.js';
import { modules } from '../src/modules.js';

const unused = new Proxy({}, { get: () => { throw new Error('openapi:export touches no dependency'); } });
const deps = { config: loadConfig(), prisma: unused, redis: unused, queues: unused, outbox: unused } as unknown as Deps;
const api = new ApiRouter(unused as PrismaClient, (_req, _res, next) => next());
registerAllRoutes(api, deps, modules);
const doc = buildOpenApi(api.routes, { title: 'Eldercare scheduling API', version: '0.1.0' });
const text = `${JSON.stringify(doc, null, 2)}\n`;
const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
// On stderr, so that `> openapi.json` stays the document: the size the README quotes.
process.stderr.write(`${operations} operations, ${Buffer.byteLength(JSON.stringify(doc))} bytes minified, ${Buffer.byteLength(text)} bytes written\n`);
const out = process.argv[2];
if (out) writeFileSync(out, text);
else process.stdout.write(text);
