import { Response } from 'express';

/**
 * Answers 200 with `body` as JSON, as `res.json` does but without express's
 * ETag: a document stamped with the time it was built (`generatedAt`) never
 * matches an earlier one, so hashing it per answer (SHA-1 of the body, plus
 * express's freshness check) buys nothing. Used by the status route, the
 * one a portal calls most.
 */
export function sendJson<T>(res: Response, body: T): void {
  const text = JSON.stringify(body);
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
