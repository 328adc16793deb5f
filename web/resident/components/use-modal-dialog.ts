import { nextTick, useTemplateRef, watch, type Ref } from 'vue';

/**
 * A native <dialog> shown as a modal while `open` is true (ConfirmDialog, DuplicateDialog): the
 * browser traps focus, Esc cancels, and the heading the dialog points at names it. The element
 * carries `ref="dialog"`; its `close` event should set `open` back to false.
 */
export function useModalDialog(open: Ref<boolean>) {
  const dialog = useTemplateRef<HTMLDialogElement>('dialog');
  watch(
    open,
    async (value) => {
      await nextTick();
      if (!dialog.value) return;
      if (value && !dialog.value.open) dialog.value.showModal();
      if (!value && dialog.value.open) dialog.value.close();
    },
    { immediate: true },
  );
}
