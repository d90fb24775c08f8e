// Keeps klscope working offline once it has loaded: every file of the site is cached
// at install, and answered from the cache first. build.sh stamps the version below, so a
// new build replaces the old cache.
const CACHE = "klscope-BUILD_STAMP";
const FILES = ["./", "index.html", "klscope_web.js", "klscope_web_bg.wasm", "manifest.json",
               "icon.svg", "icon-192.png", "icon-512.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  // A share link differs only after "#", which never reaches the network: the page is one.
  event.respondWith(caches.match(event.request, { ignoreSearch: true })
    .then((cached) => cached || fetch(event.request)));
});
