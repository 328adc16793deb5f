import { reactive, ref } from 'vue';
import { ApiError } from './api';
import { t } from './i18n';
import { changePassword } from './sign-in';
import type { Me } from '@common/contracts/identity';

/** The form's fields in order: catalogue keys of the label and of "required", and the browser's autocomplete hint. */
export const PASSWORD_FIELDS = [
  {
    key: 'currentPassword',
    label: 'identity.password.current',
    required: 'identity.password.currentRequired',
    autocomplete: 'current-password',
  },
  { key: 'newPassword', label: 'identity.password.new', required: 'identity.password.newRequired', autocomplete: 'new-password' },
  {
    key: 'confirmPassword',
    label: 'identity.password.confirm',
    required: 'identity.password.confirmRequired',
    autocomplete: 'new-password',
  },
] as const;

/**
 * The change-password form of both clients: current, new and repeated new password. The
 * password rules are the server's (server/platform/auth/password-policy.ts), whose message is
 * shown as it comes; here only "the two new ones differ" is checked, which needs no server.
 */
export function usePasswordChange() {
  const model = reactive({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const submitting = ref(false);
  const error = ref('');
  /** Which field the error belongs to, for aria-describedby and focus. */
  const errorField = ref<'currentPassword' | 'newPassword' | 'confirmPassword' | null>(null);

  async function submit(): Promise<Me | null> {
    error.value = '';
    errorField.value = null;
    if (model.newPassword !== model.confirmPassword) {
      error.value = t('identity.password.mismatch');
      errorField.value = 'confirmPassword';
      return null;
    }
    submitting.value = true;
    try {
      const user = await changePassword(model.currentPassword, model.newPassword);
      Object.assign(model, { currentPassword: '', newPassword: '', confirmPassword: '' });
      return user;
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
      if (err instanceof ApiError) {
        errorField.value = err.code === 'PASSWORD_WRONG' ? 'currentPassword' : err.code.startsWith('PASSWORD_') ? 'newPassword' : null;
      }
      return null;
    } finally {
      submitting.value = false;
    }
  }

  return { model, submitting, error, errorField, submit };
}
