import express from 'express';
import request from 'supertest';
import { sendJson } from './sendJson';

describe('sendJson', () => {
  const app = express().get('/doc', (_req, res) =>
    sendJson(res, { name: 'résumé-model', generatedAt: 'now', n: [1, 2] }),
  );

  it('answers the body as JSON with its length in bytes and no ETag', async () => {
    const res = await request(app).get('/doc');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({
      name: 'résumé-model',
      generatedAt: 'now',
      n: [1, 2],
    });
    // 'é' is two bytes in UTF-8.
    expect(Number(res.headers['content-length'])).toBe(
      JSON.stringify(res.body).length + 2,
    );
    expect(res.headers.etag).toBeUndefined();
  });

  it('answers HEAD with the headers only', async () => {
    const res = await request(app).head('/doc');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.text).toBeUndefined();
  });
});
