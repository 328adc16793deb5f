import type { FileChooser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible, expectNoPageErrors, screenshot } from './browser.js';

/**
 * Keyboard and label checks on every visible interactive element of a page: links, buttons,
 * form fields, anything with a tabindex or a widget role. Names come from Chromium's own
 * accessibility tree (over CDP), i.e. what a screen reader is told, not from a re-implementation
 * of the naming rules. The checks are soft assertions: a failure fails the test, and the journey
 * still goes on to check the pages after it.
 */
export interface Control {
  /** tag#id.class "text", to find it in a failure message */
  describe: string;
  role: string;
  name: string;
  /** hidden from assistive technology (aria-hidden, presentational) */
  ignored: boolean;
  disabled: boolean;
  /** in the Tab sequence by itself */
  tabbable: boolean;
  /** inside a composite widget (tree, listbox, radiogroup…) that has a tabbable member */
  inRovingWidget: boolean;
  /** what the Tab walk marked it with, if it was reached */
  tabMark: string | null;
}

const MARK = 'data-e2e-control';
const TAB_MARK = 'data-e2e-tab';

/** Collects the page's visible interactive elements with the name Chromium gives each. */
export async function interactiveControls(page: Page): Promise<Control[]> {
  const found = await page.evaluate(
    ({ MARK, TAB_MARK }) => {
      const WIDGET_ROLES = [
        'button',
        'link',
        'checkbox',
        'switch',
        'radio',
        'tab',
        'treeitem',
        'option',
        'menuitem',
        'menuitemcheckbox',
        'menuitemradio',
        'combobox',
        'slider',
        'spinbutton',
        'textbox',
        'searchbox',
      ];
      const COMPOSITES =
        '[role=tree],[role=listbox],[role=menu],[role=menubar],[role=tablist],[role=radiogroup],[role=grid],[role=treegrid],[role=toolbar]';
      const NATIVE = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
      const selector = `${NATIVE}, [tabindex], [contenteditable=""], [contenteditable=true], ${WIDGET_ROLES.map((r) => `[role=${r}]`).join(', ')}`;
      const visible = (el: Element) =>
        el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true } as CheckVisibilityOptions);
      document.querySelectorAll(`[${MARK}]`).forEach((el) => el.removeAttribute(MARK));
      const out: {
        index: number;
        describe: string;
        disabled: boolean;
        tabbable: boolean;
        inRovingWidget: boolean;
        tabMark: string | null;
      }[] = [];
      // With a modal dialog open, everything outside it is inert: only the dialog's controls count.
      const modal = document.querySelector(':modal');
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        if (!visible(el) || (modal && !modal.contains(el)) || el.closest('[inert]')) continue;
        const role = el.getAttribute('role') ?? '';
        const interactive = el.matches(NATIVE) || WIDGET_ROLES.includes(role) || (el.hasAttribute('tabindex') && el.tabIndex >= 0);
        if (!interactive) continue; // tabindex="-1" headings and <main>: focus targets, not controls
        const disabled = el.matches(':disabled') || el.getAttribute('aria-disabled') === 'true';
        const composite = el.closest(COMPOSITES);
        const inRovingWidget = !!composite && [...composite.querySelectorAll<HTMLElement>('*')].some((m) => m.tabIndex >= 0 && visible(m));
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
        const cls = [...el.classList]
          .slice(0, 2)
          .map((c) => `.${c}`)
          .join('');
        out.push({
          index: out.length,
          describe: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}${role ? `[role=${role}]` : ''}${text ? ` "${text}"` : ''}`,
          disabled,
          tabbable: el.tabIndex >= 0 && !disabled,
          inRovingWidget,
          tabMark: el.getAttribute(TAB_MARK),
        });
        el.setAttribute(MARK, String(out.length - 1));
      }
      return out;
    },
    { MARK, TAB_MARK },
  );

  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const axByBackendId = new Map(nodes.filter((n) => n.backendDOMNodeId !== undefined).map((n) => [n.backendDOMNodeId!, n]));
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: `[${MARK}]` });
    const controls: Control[] = [];
    for (const nodeId of nodeIds) {
      const { node } = await cdp.send('DOM.describeNode', { nodeId });
      const attributes = node.attributes ?? [];
      const index = Number(attributes[attributes.indexOf(MARK) + 1]);
      const ax = axByBackendId.get(node.backendNodeId);
      const base = found[index];
      controls.push({
        describe: base.describe,
        disabled: base.disabled,
        tabbable: base.tabbable,
        inRovingWidget: base.inRovingWidget,
        tabMark: base.tabMark,
        role: String(ax?.role?.value ?? ''),
        name: String(ax?.name?.value ?? '').trim(),
        ignored: ax ? !!ax.ignored : true,
      });
    }
    return controls;
  } finally {
    await cdp.detach();
    await page.evaluate((MARK) => document.querySelectorAll(`[${MARK}]`).forEach((el) => el.removeAttribute(MARK)), MARK);
  }
}

/**
 * Every visible control has an accessible name, none is focusable while hidden from assistive
 * technology, and each can be reached from the keyboard: in the Tab sequence itself or as a
 * member of a roving-tabindex widget (a tree's items, a radio group) whose current member is.
 */
export async function expectNamedControls(page: Page, pageName: string) {
  const controls = await interactiveControls(page);
  expect(controls.length, `${pageName} has interactive controls`).toBeGreaterThan(0);
  const problems = [
    ...controls.filter((c) => !c.ignored && !c.name).map((c) => `no accessible name: ${c.describe} (role ${c.role || 'none'})`),
    ...controls.filter((c) => c.ignored && c.tabbable).map((c) => `focusable but hidden from assistive technology: ${c.describe}`),
    ...controls
      .filter((c) => !c.ignored && !c.disabled && !c.tabbable && !c.inRovingWidget)
      .map((c) => `not reachable with the keyboard (tabindex -1 outside a composite widget): ${c.describe}`),
  ];
  expect.soft(problems, `keyboard and labels on ${pageName}`).toEqual([]);
  return controls;
}

/**
 * Presses Tab from the top of the document until focus leaves the page or comes round again,
 * marking each element it lands on. Returns the elements in order.
 */
export async function walkTabSequence(page: Page, limit = 250): Promise<string[]> {
  await page.evaluate((TAB_MARK) => {
    document.querySelectorAll(`[${TAB_MARK}]`).forEach((el) => el.removeAttribute(TAB_MARK));
    // Focus a throwaway element at the very start and remove it: the next Tab starts from the top.
    const start = document.createElement('span');
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
    start.remove();
  }, TAB_MARK);
  const order: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const step = await page.evaluate(
      ({ TAB_MARK, n }) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body || el === document.documentElement) return { done: true, label: '' };
        if (el.hasAttribute(TAB_MARK)) return { done: true, label: '' };
        el.setAttribute(TAB_MARK, String(n));
        const text = (el.getAttribute('aria-label') || el.textContent || (el as HTMLInputElement).value || '')
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, 30);
        return { done: false, label: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${text}"` };
      },
      { TAB_MARK, n: i },
    );
    if (step.done) return order;
    order.push(step.label);
  }
  throw new Error(`Tab did not leave the page after ${limit} presses (a keyboard trap?): ${order.slice(-5).join(' → ')}`);
}

/**
 * Walks the Tab sequence, then checks that every control is in it (or, for a roving-tabindex
 * widget, that the widget is) and has an accessible name.
 */
export async function expectReachableByTab(page: Page, pageName: string) {
  const order = await walkTabSequence(page);
  const controls = await interactiveControls(page);
  await page.evaluate((TAB_MARK) => document.querySelectorAll(`[${TAB_MARK}]`).forEach((el) => el.removeAttribute(TAB_MARK)), TAB_MARK);
  const problems = [
    ...controls
      .filter((c) => !c.ignored && !c.disabled && !c.inRovingWidget && c.tabMark === null)
      .map((c) => `not reached by Tab: ${c.describe}`),
    ...controls.filter((c) => !c.ignored && !c.name).map((c) => `no accessible name: ${c.describe}`),
  ];
  if (process.env.E2E_DEBUG) console.log(`Tab sequence on ${pageName}: ${order.join(' → ')}`);
  expect.soft(problems, `Tab sequence on ${pageName}: ${order.join(' → ')}`).toEqual([]);
  return order;
}

/**
 * A key step of a journey: the screenshot (taken first, so a failing check still leaves it),
 * no uncaught page errors, axe, and the keyboard/labels check.
 */
export async function checkpoint(page: Page, name: string) {
  const t0 = Date.now();
  await screenshot(page, name);
  const t1 = Date.now();
  expectNoPageErrors(page, name);
  await expectAccessible(page, name);
  const t2 = Date.now();
  await expectNamedControls(page, name);
  if (process.env.E2E_DEBUG) console.log(`${name}: screenshot ${t1 - t0} ms, axe ${t2 - t1} ms, controls ${Date.now() - t2} ms`);
}

/**
 * Picks files from the keyboard on an upload area (ui/FileUpload.vue, Element's drop area) or a
 * file input (van-uploader's): Enter opens the file chooser, as for a user without a mouse. On a
 * busy machine the first Enter can come before Playwright intercepts choosers (the browser then
 * opens its own, which a headless run never shows), so it presses again, up to three times.
 */
export async function chooseFilesWithKeyboard(area: Locator, files: Parameters<FileChooser['setFiles']>[0]) {
  for (let attempt = 1; ; attempt++) {
    const chooser = area.page().waitForEvent('filechooser', { timeout: 10_000 });
    await area.press('Enter');
    try {
      await (await chooser).setFiles(files);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
