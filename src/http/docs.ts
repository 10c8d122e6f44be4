import { createRequire } from 'node:module';
import path from 'node:path';
import express from 'express';
import type { Router } from 'express';

const require = createRequire(import.meta.url);

/** Swagger UI served from the installed package: the docs page works offline. */
export function docsRouter(): Router {
  const router = express.Router();
  const dist = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Eldercare API docs</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body></html>`;
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  // A file, not an inline script: the Content-Security-Policy allows scripts from 'self' only.
  router.get('/docs/init.js', (_req, res) => {
    res.type('text/javascript').send("window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', persistAuthorization: true });\n");
  });
  router.use('/docs/assets', express.static(dist, { index: false, maxAge: '1d' }));
  return router;
}
