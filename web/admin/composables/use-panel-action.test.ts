import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@lib/api';
import { deferred } from './composable-harness';

const error = vi.fn();
vi.mock('element-plus', () => ({ ElMessage: { error: (text: string) => error(text) } }));
const { usePanelAction } = await import('./use-panel-action');

/** A panel's form: busy while its call runs, a refusal told in the server's words. */
describe('usePanelAction', () => {
  it('is busy until the step ends', async () => {
    const action = usePanelAction();
    const answer = deferred<void>();
    const running = action.run(() => answer.promise);
    expect(action.busy.value).toBe(true);
    answer.resolve();
    await running;
    expect(action.busy.value).toBe(false);
  });

  it("shows the server's refusal as a message", async () => {
    const action = usePanelAction();
    await action.run(async () => {
      throw new ApiError(422, 'MONTH_CLOSED', '该月已不能填报');
    });
    expect(error).toHaveBeenCalledWith('该月已不能填报');
    expect(action.busy.value).toBe(false);
  });
});
