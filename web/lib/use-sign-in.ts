import { computed, onBeforeUnmount, ref } from 'vue';
import { ApiError } from './api';
import { loginErrorMessage } from './login-error';
import { refusalDetails, signIn } from './sign-in';
import type { Me } from '@common/contracts/identity';

/**
 * The state of a sign-in form, for both clients' login pages: submitting, solving the
 * challenge, the error to show and the seconds before the next try is looked at (the submit
 * button counts them down and stays disabled meanwhile, so nobody spends a try on a 429).
 */
export function useSignIn() {
  const submitting = ref(false);
  const solving = ref(false);
  const error = ref('');
  const waitSeconds = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;

  function countDown(seconds: number) {
    clearInterval(timer);
    waitSeconds.value = seconds;
    if (seconds <= 0) return;
    timer = setInterval(() => {
      waitSeconds.value -= 1;
      if (waitSeconds.value <= 0) clearInterval(timer);
    }, 1000);
  }
  onBeforeUnmount(() => clearInterval(timer));

  /** Signs in; null when refused (error and waitSeconds then say why and for how long). */
  async function submit(username: string, password: string): Promise<Me | null> {
    if (waitSeconds.value > 0) return null;
    error.value = '';
    submitting.value = true;
    solving.value = false;
    try {
      return await signIn(username, password, {
        onSolving: () => {
          solving.value = true;
        },
      });
    } catch (err) {
      if (err instanceof ApiError) {
        error.value = loginErrorMessage(err);
        countDown(refusalDetails(err)?.retryAfterSeconds ?? 0);
      } else {
        error.value = String(err);
      }
      return null;
    } finally {
      submitting.value = false;
      solving.value = false;
    }
  }

  return { submitting, solving, error, waitSeconds, waiting: computed(() => waitSeconds.value > 0), submit };
}
