import { ApiError } from './api';
import { t } from './i18n';

/**
 * The sign-in failure to show: the server's own Chinese message, except for a lockout, where
 * we say how long to wait (details.retryAfterSeconds) if the message does not.
 */
export function loginErrorMessage(err: ApiError): string {
  if (err.code === 'AUTH_LOCKED') {
    const seconds = Number(err.details?.retryAfterSeconds);
    if (Number.isFinite(seconds) && seconds > 0 && !/\d/.test(err.message)) {
      return `${err.message}（${t('login.locked', { minutes: Math.ceil(seconds / 60) })}）`;
    }
  }
  return err.message;
}
