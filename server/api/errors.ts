import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Wraps an async route so a rejection reaches the error handler. */
export function route(handler: (...args: Parameters<RequestHandler>) => Promise<unknown>): RequestHandler {
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: err.message });
      return;
    }
    // body-parser errors carry a status and a type (invalid JSON, body too large).
    const status = typeof err === 'object' && err !== null && 'status' in err ? Number(err.status) : 500;
    if (status >= 400 && status < 500) {
      const type = (err as { type?: string }).type;
      const message = type === 'entity.parse.failed' ? 'body: invalid JSON' : type === 'entity.too.large' ? 'body: too large' : 'bad request';
      res.status(status).json({ error: message });
      return;
    }
    if (err instanceof Error && err.name === 'DocumentUnreadableError') {
      // One session's document is damaged: a clear answer for it alone.
      log.error({ err }, 'request on an unreadable document');
      res.status(503).json({ error: 'this session cannot be read from storage; the administrator has been told' });
      return;
    }
    log.error({ err }, 'request failed');
    res.status(500).json({ error: 'server error' });
  };
}
