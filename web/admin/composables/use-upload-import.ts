import { ref, shallowRef } from 'vue';
import { errorMessage } from '@lib/api';
import type { SendHandle } from '@lib/send-with-progress';

/**
 * An import page's one upload (导入公报, 地图数据): the stage — sending with its percentage, then
 * the server importing — the server's refusal in words, and the report it answers. One at a time;
 * the report of the last import stays until the next one starts.
 */
export function useUploadImport<R>() {
  const stage = ref<'idle' | 'uploading' | 'importing'>('idle');
  const progress = ref(0);
  const error = ref('');
  const report = shallowRef<R | null>(null);

  /** Sends what `start` sends, reporting its progress; the report, or null when it was refused. */
  async function send(start: (onProgress: (fraction: number) => void) => Promise<SendHandle<R>> | SendHandle<R>): Promise<R | null> {
    error.value = '';
    report.value = null;
    stage.value = 'uploading';
    progress.value = 0;
    try {
      const sent = await start((fraction) => {
        progress.value = Math.round(fraction * 100);
        if (fraction >= 1) stage.value = 'importing';
      });
      report.value = await sent.done;
      return report.value;
    } catch (e) {
      error.value = errorMessage(e);
      return null;
    } finally {
      stage.value = 'idle';
    }
  }

  return { stage, progress, error, report, send };
}
