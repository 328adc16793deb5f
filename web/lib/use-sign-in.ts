import { computed, onBeforeUnmount, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { ApiError } from './api';
import { loginErrorMessage } from './login-error';
import { refusalDetails, signIn } from './sign-in';
import { logout } from './session';
import type { Me } from '@common/contracts/identity';

/**
 * The state of a sign-in form, for both clients' login pages: submitting, solving the
 * challenge, the error to show and the seconds before the next try is looked at (the submit
 * button counts them down and stays disabled meanwhile, so nobody spends a try on a 429).
 */
export function useSignIn() {
  const route = useRoute();
  const router = useRouter();
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

  /**
   * Where a signed-in user goes next: the client's password page (`passwordRoute`) when the
   * password must be changed first, else back to the page the router guard sent them from
   * (`?redirect=`, a path of this client only), else the client's home.
   */
  async function enter(user: Me, passwordRoute: string) {
    if (user.passwordChangeEnforced) {
      await router.replace({ name: passwordRoute });
      return;
    }
    const redirect = typeof route.query.redirect === 'string' && route.query.redirect.startsWith('/') ? route.query.redirect : '/';
    await router.replace(redirect);
  }

  return { submitting, solving, error, waitSeconds, waiting: computed(() => waitSeconds.value > 0), submit, enter };
}

/**
 * 退出登录 for both clients: ends the session, then opens the login page whether or not the
 * server answered (the client forgets the session either way: session.ts `logout`). The admin
 * pushes the login page; the H5 replaces the current one (`navigate`).
 */
export function useSignOut(navigate: 'push' | 'replace') {
  const router = useRouter();
  const signingOut = ref(false);

  async function signOut() {
    signingOut.value = true;
    try {
      await logout();
    } finally {
      signingOut.value = false;
      void router[navigate]({ name: 'login' });
    }
  }

  return { signingOut, signOut };
}
