// The service worker: precaches every file of this build on install, serves from the cache
// first (so every lesson and widget works offline after one visit), and deletes older builds'
// caches when it activates. `xtask` fills in VERSION (a hash of the build) and FILES.
'use strict';
const VERSION = '__VERSION__';
const CACHE = 'mtw-' + VERSION;
const FILES = __FILES__;

function scoped(path) {
  return new URL(path, self.registration.scope).href;
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map(scoped))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('mtw-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // Share links and embeds carry their state in the query or fragment: ignore the query.
      const hit = await cache.match(request, { ignoreSearch: true });
      if (hit) return hit;
      try {
        return await fetch(request);
      } catch (error) {
        if (request.mode === 'navigate') {
          const missing = await cache.match(scoped('404.html'));
          if (missing) return missing;
        }
        throw error;
      }
    }),
  );
});
