// Kintsugi's service worker: keeps the guide readable offline, and nothing else. Registered
// only when the app is installed on the device, or when the person asks on the guide page. It
// stores the guide as a signed-out visitor sees it (requests without cookies), so no page of
// anyone's own writing is ever kept on the device. `PAGES` is written by the server above.
/* global PAGES */
const CACHE = "kintsugi-guide-v1";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        PAGES.map((url) =>
          fetch(url, { credentials: "omit" }).then((res) => (res.ok ? cache.put(url, res) : undefined)),
        ),
      ),
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The guide and its styles come from the network when it answers, from the kept copy when not.
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  const kept = PAGES.includes(url.pathname);
  if (!kept) return;
  event.respondWith(fetch(event.request).catch(() => caches.match(url.pathname)));
});
