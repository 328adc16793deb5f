import { ApiError } from './api';
import { t } from './i18n';
import { refusalDetails } from './sign-in';

/**
 * The sign-in failure to show: the server's own Chinese message, and, when the next try must
 * wait, for how long (details.retryAfterSeconds; the button counts it down as well).
 */
export function loginErrorMessage(err: ApiError): string {
  const wait = refusalDetails(err)?.retryAfterSeconds ?? 0;
  return wait > 0 ? `${err.message}（${t('identity.login.waitNotice', { seconds: wait })}）` : err.message;
}
