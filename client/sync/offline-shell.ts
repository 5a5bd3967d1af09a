// Lets a page opened once reload with no network (the visit happens on a shop floor): a
// service worker answers navigations and /assets from a cache, and the page puts the files
// it has already loaded into that cache itself (the worker starts too late to see them).
const CACHE = 'entraide-shell-v1';

export function registerOfflineShell(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  const cacheLoaded = async () => {
    const cache = await caches.open(CACHE);
    const assets = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
      .map((url) => url.pathname);
    await cache.addAll(['/index.html', ...new Set(assets)]);
  };
  const start = () => {
    // data-offline-ready tells tests (and curious users) that a reload without network works.
    void Promise.all([navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready), cacheLoaded()])
      .then(() => {
        document.documentElement.dataset.offlineReady = 'true';
      })
      .catch(() => undefined);
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

/** Cache a lazily loaded chunk as soon as it has loaded, even before the worker controls the page. */
export function cacheAssetsNow(): void {
  if (import.meta.env.DEV || !('caches' in window)) return;
  const assets = performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
    .map((url) => url.pathname);
  void caches
    .open(CACHE)
    .then((cache) => cache.addAll([...new Set(assets)]))
    .catch(() => undefined);
}
