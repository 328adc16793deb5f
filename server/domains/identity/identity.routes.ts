import { z } from 'zod';
import { typed, viewerOf, SESSION_COOKIE, type App } from '../../platform/http.js';
import { login, presentMe, viewerFromSession } from './identity.service.js';
import { deleteSession } from './identity.repository.js';
import { LoginThrottle } from './login-throttle.js';

const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export async function identityRoutes(app: App) {
  const throttle = new LoginThrottle();
  const r = typed(app);

  r.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: '登录', body: loginBody },
  }, async (request, reply) => {
    const { token } = await login(
      { db: app.db, throttle, sessionTtlMs: app.config.sessionTtlMs, ip: request.ip },
      request.body.username, request.body.password,
    );
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.cookieSecure,
      maxAge: Math.floor(app.config.sessionTtlMs / 1000),
    });
    const viewer = (await viewerFromSession(app.db, token, request.ip))!;
    return { user: presentMe(viewer) };
  });

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(app.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户' } }, async (request) => presentMe(viewerOf(request)));
}
