import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectScope, ref, type EffectScope } from 'vue';
import { ApiError } from '@lib/api';
import { deferred, settle } from './composable-harness';
import { useResource } from './use-resource';

/** One record loaded again whenever its key changes: the latest key's answer wins, and a 404 is told apart. */
let scope: EffectScope;
beforeEach(() => {
  scope = effectScope();
});
afterEach(() => scope.stop());

const use = <T>(key: () => number, load: (key: number) => Promise<T>) => scope.run(() => useResource(key, load))!;

describe('useResource', () => {
  it('loads the record of its key, and again when the key changes', async () => {
    const id = ref(1);
    const asked: number[] = [];
    const resource = use(
      () => id.value,
      async (key) => {
        asked.push(key);
        return { id: key };
      },
    );
    expect(resource.loading.value).toBe(true);
    await settle();
    expect([resource.data.value, resource.loading.value]).toEqual([{ id: 1 }, false]);
    id.value = 2;
    await settle();
    expect(asked).toEqual([1, 2]);
    expect(resource.data.value).toEqual({ id: 2 });
  });

  it('keeps the answer for the latest key when an earlier one arrives after it', async () => {
    const id = ref(1);
    const answers = new Map([
      [1, deferred<string>()],
      [2, deferred<string>()],
    ]);
    const resource = use(
      () => id.value,
      (key) => answers.get(key)!.promise,
    );
    await settle();
    id.value = 2;
    await settle();
    answers.get(2)!.resolve('second');
    await settle();
    answers.get(1)!.resolve('first');
    await settle();
    expect([resource.data.value, resource.loading.value]).toEqual(['second', false]);
  });

  it('says "not found" for a 404 — outside the viewer\'s region — and shows other errors', async () => {
    const missing = use(
      () => 1,
      async () => {
        throw new ApiError(404, 'NOT_FOUND', '居民不存在或不在您的管辖范围内');
      },
    );
    const failing = use(
      () => 1,
      async () => {
        throw new ApiError(503, 'FILE_DAMAGED', '文件不完整');
      },
    );
    await settle();
    expect([missing.notFound.value, missing.error.value]).toEqual([true, '居民不存在或不在您的管辖范围内']);
    expect([failing.notFound.value, failing.error.value, failing.loading.value]).toEqual([false, '文件不完整', false]);
  });

  it('clears the error when reloaded and the load succeeds', async () => {
    let fail = true;
    const resource = use(
      () => 1,
      async () => {
        if (fail) throw new Error('网络错误');
        return 'ok';
      },
    );
    await settle();
    expect(resource.error.value).toBe('Error: 网络错误');
    fail = false;
    await resource.reload();
    expect([resource.error.value, resource.data.value]).toEqual([null, 'ok']);
  });
});
