import type { FastifyReply, FastifyRequest } from 'fastify';
import { typed, viewerOf, SESSION_COOKIE, type App } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import {
  loginBody,
  loginChallenge as loginChallengeSchema,
  loginChallengeBody,
  loginResponse,
  logoutResponse,
  meResponse,
  passwordChangeBody,
} from '../../../common/contracts/identity.js';
import { identityDeps } from './identity.deps.js';
import { login, loginChallenge, viewerFromSession, type SessionViewers, type SignInClient } from './identity.service.js';
import { loginAddressLimits } from './login-limits.js';
import { presentMe } from './identity.presenter.js';
import { changePassword } from './password-change.js';
import { passwordChangeGate } from './password-change-gate.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S } from './trusted-device.js';
import { usersRoutes } from './users.routes.js';

/** The sign-in routes that end sessions or change an account; signing in only adds one. */
const CHANGES_SESSIONS = new Set(['/api/auth/logout', '/api/auth/password']);

/** Signing in and out, who am I, changing one's password; and the account list (users.routes.ts). */
export async function identityRoutes(app: App, options: { sessions: SessionViewers }) {
  const r = typed(app);
  // The app's clock (buildApp's `clock` option, kept on the casework context), so tests move it.
  const deps = identityDeps(app.db, { clock: app.casework.clock, sessionTtlMs: app.config.sessionTtlMs });
  const addressLimits = loginAddressLimits(app);
  const client = (request: FastifyRequest): SignInClient => ({
    ip: request.ip,
    deviceToken: request.cookies[DEVICE_COOKIE],
    addressLimits: addressLimits(request),
  });

  // Every /api route, whichever plugin declares it: see the skip-override note at the end.
  app.addHook('preValidation', passwordChangeGate(app.config));
  // A sign-out, a new password or a change to an account (role, region, 停用, reset) is in force
  // for this process's next request, before the trigger's notice reaches any process: its
  // cached sessions go once the change is committed and before the answer leaves.
  app.addHook('onSend', async (request) => {
    const url = request.routeOptions.url ?? '';
    if (request.method !== 'GET' && (CHANGES_SESSIONS.has(url) || url.startsWith('/api/users'))) options.sessions.clear();
  });

  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: '登录', body: loginBody, response: { 200: loginResponse } },
    },
    async (request, reply) => {
      const { token, deviceToken } = await withRetryAfter(reply, () => login(deps, client(request), request.body));
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.cookieSecure,
        maxAge: Math.floor(app.config.sessionTtlMs / 1000),
      });
      // Sent only to the sign-in routes, which are all that read it.
      reply.setCookie(DEVICE_COOKIE, deviceToken, {
        path: '/api/auth',
        httpOnly: true,
        sameSite: 'strict',
        secure: app.config.cookieSecure,
        maxAge: DEVICE_COOKIE_MAX_AGE_S,
      });
      const viewer = (await viewerFromSession(options.sessions, token, request.ip))!;
      return { user: presentMe(viewer, app.config.mode) };
    },
  );

  r.post(
    '/api/auth/login-challenge',
    {
      schema: {
        tags: ['auth'],
        summary: '登录安全验证题（多次失败后登录需附带解答）',
        body: loginChallengeBody,
        response: { 200: loginChallengeSchema },
      },
    },
    async (request) => loginChallenge(deps, client(request), request.body.username),
  );

  r.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], summary: '退出登录', response: { 204: logoutResponse } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deps.identity.deleteSession(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/auth/me',
    {
      schema: { tags: ['auth'], summary: '当前用户', response: { 200: meResponse } },
    },
    async (request) => presentMe(viewerOf(request), app.config.mode),
  );

  r.post(
    '/api/auth/password',
    {
      schema: { tags: ['auth'], summary: '修改密码（结束本人其他会话）', body: passwordChangeBody, response: { 200: meResponse } },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      await withRetryAfter(reply, () => changePassword(deps, viewer, request.body, request.cookies[SESSION_COOKIE]));
      return presentMe({ ...viewer, mustChangePassword: false }, app.config.mode);
    },
  );

  await app.register(usersRoutes, { deps });
}

// The password-change gate must see the routes of every domain, not only this plugin's: like
// fastify-plugin does, skip-override makes this plugin's hooks belong to the app itself. It is
// registered before the other domains (server/app.ts), so their routes inherit the hook.
Object.assign(identityRoutes, { [Symbol.for('skip-override')]: true });

/** A 429 also carries the standard Retry-After header. */
async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.status === 429 && typeof error.details?.retryAfterSeconds === 'number') {
      reply.header('Retry-After', String(error.details.retryAfterSeconds));
    }
    throw error;
  }
}
