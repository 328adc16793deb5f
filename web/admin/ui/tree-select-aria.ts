import { onBeforeUnmount, useId } from 'vue';

/**
 * el-tree-select (Element Plus 2.14) draws its popup as an el-tree (role="tree") inside
 * el-select's list (role="listbox"), and wraps each node's words in an el-option (a role="option"
 * <li>): a tree in a listbox and options in tree items. axe refuses both (aria-required-children,
 * aria-required-parent, critical), and a screen reader hears neither a list nor a tree. There is
 * no prop for it, so while the popup is open this makes it the WAI-ARIA combobox with a tree
 * popup: the input says `aria-haspopup="tree"` and controls the tree, the tree is named, the
 * listbox and the options only lay out (role="none"), the tree item of the chosen value is
 * `aria-selected`, and one shown item is in the tab order (el-tree gives it to its first item,
 * which a filter may have hidden). The keys are Element's (↓ from the input moves into the tree,
 * ↑/↓ walk it), and one more: Enter or Space on a tree item chooses it, as a click does; el-tree
 * only acts on them for a checkbox, so a keyboard user could reach a unit and not pick it.
 *
 * Use: `<ElTreeSelect :popper-class="popperClass" @visible-change="onVisible" …>` with
 * `const { popperClass, onVisible } = useTreeSelectAria(() => label, () => model.value)`.
 */
export function useTreeSelectAria(label: () => string, selected: () => string) {
  const popperClass = `tree-select-${useId()}`;
  let observer: MutationObserver | null = null;

  function repair(popper: Element) {
    const tree = popper.querySelector<HTMLElement>('[role="tree"]');
    if (!tree) return;
    tree.id ||= `${popperClass}-tree`;
    setAttr(tree, 'aria-label', label());
    const list = popper.querySelector<HTMLElement>('[role="listbox"]');
    if (list) {
      // The combobox's input points at the list (aria-controls); it now points at the tree.
      for (const input of document.querySelectorAll<HTMLElement>(`[role="combobox"][aria-controls="${list.id}"]`)) {
        setAttr(input, 'aria-controls', tree.id);
        setAttr(input, 'aria-haspopup', 'tree');
      }
      setAttr(list, 'role', 'none');
      list.removeAttribute('aria-label');
      list.removeAttribute('aria-orientation');
    }
    for (const option of popper.querySelectorAll<HTMLElement>('[role="option"]')) {
      setAttr(option, 'role', 'none');
      option.removeAttribute('aria-selected');
      option.removeAttribute('aria-disabled');
    }
    const items = [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')];
    for (const item of items) setAttr(item, 'aria-selected', String(item.dataset.key === selected()));
    const shown = items.filter((i) => i.classList.contains('is-focusable') && i.checkVisibility());
    if (shown.length && !shown.some((i) => i.tabIndex === 0)) {
      for (const item of items) if (item.tabIndex === 0) item.tabIndex = -1;
      shown[0].tabIndex = 0;
    }
  }

  function chooseWithKeys(event: KeyboardEvent) {
    const item = event.target as HTMLElement;
    if (item.getAttribute('role') !== 'treeitem' || !['Enter', 'NumpadEnter', ' '].includes(event.key)) return;
    event.preventDefault();
    item.click();
  }

  function onVisible(visible: boolean) {
    observer?.disconnect();
    observer = null;
    if (!visible) return;
    const popper = document.querySelector(`.${popperClass}`);
    if (!popper) return;
    repair(popper);
    popper.addEventListener('keydown', chooseWithKeys as EventListener); // once: the same listener is not added twice
    // Filtering, expanding and choosing re-render nodes (and set role="option" on new ones).
    observer = new MutationObserver(() => repair(popper));
    observer.observe(popper, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'style', 'class'] });
  }

  onBeforeUnmount(() => observer?.disconnect());
  return { popperClass, onVisible };
}

/** Only when it differs, so the observer's own writes do not wake it again and again. */
function setAttr(el: HTMLElement, name: string, value: string) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
