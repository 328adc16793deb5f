import { ref, type Ref } from 'vue';
import { errorMessage } from '@lib/api';

/** What a Zod safeParse answers: the body, or its problems. */
type Checked<B> = { success: true; data: B } | { success: false; error: { issues: readonly { message: string }[] } };

/**
 * A form dialog's one request (小区, 楼栋, 车辆, 账号, 查看完整号码): the body checked by the
 * request's own contract first, its first problem (or the dialog's own words for it) shown in the
 * dialog; one request at a time; the server's refusal shown in the dialog. `request` does what
 * follows success (close, emit) too, so a dialog closes only when the server said yes — or, given
 * `closes`, the dialog is closed and told what the server saved when `request` answers it.
 */
export function useDialogSend<S = unknown>(closes?: { open: Ref<boolean>; saved: (value: S) => void }) {
  const busy = ref(false);
  const error = ref<string | null>(null);

  async function send<B>(checked: Checked<B>, request: (body: B) => Promise<S>, invalid?: string): Promise<void> {
    if (!checked.success) {
      error.value = invalid ?? checked.error.issues[0].message;
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      const saved = await request(checked.data);
      if (closes) {
        closes.open.value = false;
        closes.saved(saved);
      }
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, send };
}
