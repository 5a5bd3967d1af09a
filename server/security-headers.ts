import type { RequestHandler } from 'express';

/**
 * What the browser may load and run on our pages: our own scripts, styles, images and
 * sockets, nothing inline but styles (the editor and the board position things with
 * inline styles), no plugins, and no framing by any site (clickjacking a host into
 * revoking a link, or reading a board through an overlay).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // 'self' covers ws: and wss: to the same host (CSP Level 3).
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** On every response. Links carry capability tokens: never leak them through Referer. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  });
  next();
};

/**
 * On `/api` (the summary included): answers name a session's people and content, and
 * the requests carry tokens; no browser or proxy cache keeps them.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
