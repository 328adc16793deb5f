import { ref } from 'vue';
import { errorMessage } from '@lib/api';

/** What a Zod safeParse answers: the body, or its problems. */
type Checked<B> = { success: true; data: B } | { success: false; error: { issues: readonly { message: string }[] } };

/**
 * A form dialog's one request (小区, 楼栋, 车辆, 账号, 查看完整号码): the body checked by the
 * request's own contract first, its first problem (or the dialog's own words for it) shown in the
 * dialog; one request at a time; the server's refusal shown in the dialog. `request` does what
 * follows success (close, emit) too, so a dialog closes only when the server said yes.
 */
export function useDialogSend() {
  const busy = ref(false);
  const error = ref<string | null>(null);

  async function send<B>(checked: Checked<B>, request: (body: B) => Promise<unknown>, invalid?: string): Promise<void> {
    if (!checked.success) {
      error.value = invalid ?? checked.error.issues[0].message;
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      await request(checked.data);
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, send };
}
