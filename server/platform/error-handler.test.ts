import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './error-handler.js';
import { fileDamaged, invalid, notFound, storageFull } from './errors.js';
import type { Viewer } from './auth/viewer.js';

describe('errorHandler', () => {
  async function app() {
    const a = Fastify({ logger: false });
    a.setErrorHandler(errorHandler);
    a.get('/enospc', async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
    });
    a.get('/edquot', async () => {
      throw Object.assign(new Error('EDQUOT: disk quota exceeded'), { code: 'EDQUOT' });
    });
    a.get('/full', async () => {
      throw storageFull();
    });
    a.get('/damaged', async (_request, reply) => {
      reply
        .type('image/jpeg')
        .header('Cache-Control', 'private, max-age=86400')
        .header('Content-Disposition', 'attachment; filename=a.jpg');
      throw fileDamaged();
    });
    a.get('/case/:role', async (request) => {
      const role = (request.params as { role: string }).role;
      request.viewer = role === 'anonymous' ? null : ({ role } as Viewer);
      throw notFound('事件');
    });
    a.get('/invalid', async () => {
      throw invalid('FIELD', '字段有误');
    });
    return a;
  }

  it('tells staff a 404 may be outside their region, and never says 管辖范围 to a resident', async () => {
    const a = await app();
    a.decorateRequest('viewer', null);
    const answer = async (role: string) => (await a.inject({ url: `/case/${role}` })).json();
    expect(await answer('community_staff')).toEqual({ code: 'NOT_FOUND', message: '事件不存在或不在您的管辖范围内' });
    for (const role of ['resident', 'anonymous']) {
      expect(await answer(role)).toEqual({ code: 'NOT_FOUND', message: '事件不存在或您无权查看' });
    }
  });

  it('renders a full disk as 503 STORAGE_FULL in Chinese, whoever threw it', async () => {
    const a = await app();
    for (const url of ['/enospc', '/edquot', '/full']) {
      const res = await a.inject({ url });
      expect(res.statusCode, url).toBe(503);
      expect(res.json()).toEqual({ code: 'STORAGE_FULL', message: '服务器存储空间不足，文件未保存，请联系管理员' });
    }
  });

  it('sends a refusal as JSON that is neither cached nor saved as the file the route meant to send', async () => {
    const a = await app();
    const res = await a.inject({ url: '/damaged' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'FILE_DAMAGED' });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toBeUndefined();
    expect((await a.inject({ url: '/invalid' })).json()).toEqual({ code: 'FIELD', message: '字段有误' });
  });
});
