import type { FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { AppError } from '../../platform/errors.js';

/**
 * Production mode holds a user whose password someone else knows (a demo account, a generated
 * initial password) to changing it; demo mode only says so, so that the demo keeps working
 * with the password its banner prints.
 */
export const passwordChangeEnforced = (viewer: Viewer, mode: Config['mode']) => viewer.mustChangePassword && mode === 'production';

/**
 * What a signed-in user whose password must change may still call in production mode: who am I,
 * change it, sign out (and the sign-in routes, which any visitor may call).
 */
const ALLOWED = new Set([
  'GET /api/auth/me',
  'POST /api/auth/password',
  'POST /api/auth/logout',
  'POST /api/auth/login',
  'POST /api/auth/login-challenge',
]);

export const passwordChangeRequired = () => new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改初始密码，再使用系统');

/**
 * preValidation hook for every /api route: a demo account or a generated initial password is
 * known to others, so in production mode it opens nothing until it is changed. Demo mode only
 * shows the flag (GET /api/auth/me), so that the demo works with the password it prints.
 */
export function passwordChangeGate(config: Pick<Config, 'mode'>) {
  return async (request: FastifyRequest) => {
    const viewer = request.viewer;
    if (!viewer || !passwordChangeEnforced(viewer, config.mode)) return;
    const url = request.routeOptions.url ?? '';
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    if (!ALLOWED.has(`${request.method} ${url}`)) throw passwordChangeRequired();
  };
}
