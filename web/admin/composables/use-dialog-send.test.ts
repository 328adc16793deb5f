import { ref } from 'vue';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '@lib/api';
import { deferred } from './composable-harness';
import { useDialogSend } from './use-dialog-send';

const body = z.object({ name: z.string().min(1, '请填写名称') });

/** A form dialog's request: checked by its contract before it goes, busy while it runs, a refusal in the dialog. */
describe('useDialogSend', () => {
  it("sends nothing for a body its contract refuses, and shows the contract's words or the dialog's own", async () => {
    const dialog = useDialogSend();
    let sent = 0;
    await dialog.send(body.safeParse({ name: '' }), async () => sent++);
    expect([sent, dialog.error.value]).toEqual([0, '请填写名称']);
    await dialog.send(body.safeParse({}), async () => sent++, '请填写楼栋名称');
    expect([sent, dialog.error.value, dialog.busy.value]).toEqual([0, '请填写楼栋名称', false]);
  });

  it('is busy while the request runs, clears the last error, and passes the checked body', async () => {
    const dialog = useDialogSend();
    dialog.error.value = '上次的错误';
    const answer = deferred<void>();
    let got: unknown;
    const sending = dialog.send(body.safeParse({ name: '锦绣花园' }), (b) => ((got = b), answer.promise));
    expect([dialog.busy.value, dialog.error.value, got]).toEqual([true, null, { name: '锦绣花园' }]);
    answer.resolve();
    await sending;
    expect(dialog.busy.value).toBe(false);
  });

  it("shows the server's refusal in the dialog", async () => {
    const dialog = useDialogSend();
    await dialog.send(body.safeParse({ name: '锦绣花园' }), async () => {
      throw new ApiError(409, 'ESTATE_NAME_TAKEN', '该社区已有同名小区');
    });
    expect([dialog.error.value, dialog.busy.value]).toEqual(['该社区已有同名小区', false]);
  });

  it('closes the dialog it was given with what the server saved, and keeps it open on a refusal', async () => {
    const open = ref(true);
    const saved: string[] = [];
    const dialog = useDialogSend<string>({ open, saved: (v) => saved.push(v) });
    await dialog.send(body.safeParse({ name: '锦绣花园' }), async () => {
      throw new ApiError(409, 'GRID_EXISTS', '本社区已有该网格');
    });
    expect([open.value, saved]).toEqual([true, []]);
    await dialog.send(body.safeParse({ name: '锦绣花园' }), async (b) => `已保存 ${b.name}`);
    expect([open.value, saved]).toEqual([false, ['已保存 锦绣花园']]);
  });
});
