// JSON errors per the contract: {"error": {"code": "...", "message": "..."}}.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '../observability/logger';

export class HttpError extends Error {
  constructor(public readonly status: number, public readonly code: string, message: string) {
    super(message);
  }
}

export function sendError(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  res.status(status).json({ error: { code, message } });
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}`);
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = err as { type?: string; status?: number; message?: string };
    if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message);
    if (e.type === 'entity.parse.failed') return sendError(res, 400, 'malformed_body', 'The request body is not valid JSON.');
    if (e.type === 'entity.too.large') return sendError(res, 413, 'body_too_large', 'The request body is too large.');
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      return sendError(res, 415, 'unsupported_encoding', 'The request body encoding is not supported.');
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendError(res, e.status, 'bad_request', 'The request could not be processed.');
    }
    logger.error({ err: e.message, path: req.path }, 'unhandled error');
    sendError(res, 500, 'internal', 'Something went wrong on our side.');
  };
}
