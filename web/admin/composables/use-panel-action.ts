import { ref } from 'vue';
import { ElMessage } from 'element-plus';
import { errorMessage } from '@lib/api';

/**
 * A form in a panel of a page (催办, 填报月度进展) that asks the server for something: busy while
 * its step runs, a failure told as a message as a row's button tells it (use-row-action.ts), and
 * the fields left as they were for a retry. The step itself says what succeeded and clears the form.
 */
export function usePanelAction() {
  const busy = ref(false);

  async function run(step: () => Promise<unknown>): Promise<void> {
    busy.value = true;
    try {
      await step();
    } catch (err) {
      ElMessage.error(errorMessage(err));
    } finally {
      busy.value = false;
    }
  }

  return { busy, run };
}
