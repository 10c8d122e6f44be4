// The driver app's service worker, served at /app/driver/sw.js (scope /app/driver) with three
// constants prepended by the server: RELEASE, PRECACHE (this release's asset URLs) and SCOPE.
// The page opens without a network: the page itself is network-first (fresh when there is
// signal, the last good copy when not), assets are cache-first (their URLs carry the release).
// Writes are never touched here: taps go through the page's IndexedDB outbox.
/* global RELEASE, PRECACHE, SCOPE */
const ASSET_CACHE = `driver-assets-${RELEASE}`;
const PAGE_CACHE = 'driver-page';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const assets = await caches.open(ASSET_CACHE);
    await assets.addAll(PRECACHE);
    // The page as it is now (with the session cookie), so the very next open works offline.
    const page = await fetch(SCOPE, { credentials: 'same-origin' }).catch(() => null);
    if (page && page.ok && !page.redirected) await (await caches.open(PAGE_CACHE)).put(SCOPE, page);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('driver-assets-') && key !== ASSET_CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

async function pageNetworkFirst(request) {
  const cache = await caches.open(PAGE_CACHE);
  try {
    const response = await fetch(request);
    // Only the app itself is kept: not a signed-out sentence (401) nor an error page.
    if (response.ok && !response.redirected) await cache.put(SCOPE, response.clone());
    return response;
  } catch {
    const cached = await cache.match(SCOPE);
    if (cached) return cached;
    throw new Error('offline and no saved copy of the page');
  }
}

async function assetCacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(ASSET_CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname === SCOPE) event.respondWith(pageNetworkFirst(request));
  else if (url.pathname.startsWith('/app/assets/')) event.respondWith(assetCacheFirst(request));
});

// Signing out on this phone drops the saved page (the routes inside it are personal data).
self.addEventListener('message', (event) => {
  if (event.data === 'sign-out') event.waitUntil(caches.delete(PAGE_CACHE));
});
