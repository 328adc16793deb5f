import { ref } from 'vue';
import { errorMessage } from './api';

/**
 * One async step at a time — a page's load, a form's submit — with its busy flag and the
 * failure's message, so that no page writes try / catch / finally around its calls. `run`
 * answers the step's result, or undefined when it failed; the message is then in `error`
 * (the server's own words for an ApiError). Checks made before a step write `error` directly.
 */
export function useTask(options: { busy?: boolean } = {}) {
  const busy = ref(options.busy ?? false);
  const error = ref('');

  async function run<R>(step: () => Promise<R>, describe: (err: unknown) => string = errorMessage): Promise<R | undefined> {
    busy.value = true;
    error.value = '';
    try {
      return await step();
    } catch (err) {
      error.value = describe(err);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run };
}
