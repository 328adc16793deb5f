import { ref } from 'vue';
import { ElMessage } from 'element-plus';
import { errorMessage } from '@lib/api';

/**
 * A button on a table row that asks the server for something (解除限制, 签收): which row's button
 * is busy, and a failure told as a message (the step itself says what succeeded).
 */
export function useRowAction() {
  const busyId = ref<number | null>(null);

  async function run(id: number, step: () => Promise<unknown>): Promise<void> {
    busyId.value = id;
    try {
      await step();
    } catch (err) {
      ElMessage.error(errorMessage(err));
    } finally {
      busyId.value = null;
    }
  }

  return { busy: (id: number) => busyId.value === id, run };
}
