// Lets a page opened once reload with no network (the visit happens on a shop floor): a
// service worker answers navigations and /assets from a cache, and the page puts the files
// it has already loaded into that cache itself (the worker starts too late to see them).
const CACHE = 'entraide-shell-v1';

function loadedAssets(): string[] {
  const paths = performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
    .map((url) => url.pathname);
  return [...new Set(paths)];
}

export function registerOfflineShell(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  const start = () => {
    // data-offline-ready tells tests (and curious users) that a reload without network works.
    const worker = navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready);
    const files = caches.open(CACHE).then((cache) => cache.addAll(['/index.html', '/zod-jitless.js', ...loadedAssets()]));
    void Promise.all([worker, files])
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
  void caches
    .open(CACHE)
    .then((cache) => cache.addAll(loadedAssets()))
    .catch(() => undefined);
}
