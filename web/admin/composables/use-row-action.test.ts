import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@lib/api';
import { deferred } from './composable-harness';

const error = vi.fn();
vi.mock('element-plus', () => ({ ElMessage: { error: (text: string) => error(text) } }));
const { useRowAction } = await import('./use-row-action');

/** A row's button: busy for that row only while its call runs, a refusal told in the server's words. */
describe('useRowAction', () => {
  it('marks only the row whose step runs as busy, until it ends', async () => {
    const action = useRowAction();
    const answer = deferred<void>();
    const running = action.run(7, () => answer.promise);
    expect([action.busy(7), action.busy(8)]).toEqual([true, false]);
    answer.resolve();
    await running;
    expect(action.busy(7)).toBe(false);
  });

  it("shows the server's refusal as a message", async () => {
    const action = useRowAction();
    await action.run(7, async () => {
      throw new ApiError(409, 'ALREADY_SIGNED', '督办单已签收');
    });
    expect(error).toHaveBeenCalledWith('督办单已签收');
    expect(action.busy(7)).toBe(false);
  });
});
