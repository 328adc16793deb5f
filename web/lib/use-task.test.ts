import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { useTask } from './use-task';

/** A load or a submit: busy while it runs, the server's message when it fails, cleared on the next try. */
describe('useTask', () => {
  it('is busy while the step runs and answers its result', async () => {
    const task = useTask();
    let release!: (value: string) => void;
    const running = task.run(
      () =>
        new Promise<string>((resolve) => {
          release = resolve;
        }),
    );
    expect(task.busy.value).toBe(true);
    release('ok');
    expect(await running).toBe('ok');
    expect([task.busy.value, task.error.value]).toEqual([false, '']);
  });

  it("keeps the server's message of a failure, and clears it when tried again", async () => {
    const task = useTask({ busy: true });
    expect(task.busy.value).toBe(true);
    expect(
      await task.run(async () => {
        throw new ApiError(409, 'CONFLICT', '事件已被他人处理');
      }),
    ).toBeUndefined();
    expect([task.busy.value, task.error.value]).toEqual([false, '事件已被他人处理']);
    await task.run(async () => 1);
    expect(task.error.value).toBe('');
  });

  it('shows any other failure as text, or as the caller describes it', async () => {
    const task = useTask();
    await task.run(async () => {
      throw new Error('网络错误');
    });
    expect(task.error.value).toBe('Error: 网络错误');
    await task.run(
      async () => {
        throw new ApiError(404, 'NOT_FOUND', 'x');
      },
      () => '没有进行中的专项',
    );
    expect(task.error.value).toBe('没有进行中的专项');
  });
});
