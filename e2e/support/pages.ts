import type { Locator, Page } from 'playwright-core';

/** Small readers for the admin client's recurring structures, by role and text, not by class. */

/** The value (<dd>) of a description-list term (<dt>) on the page. */
export function definition(scope: Page | Locator, term: string): Locator {
  return scope.locator(`xpath=//dt[normalize-space()="${term}"]/following-sibling::dd[1]`);
}

/**
 * A DataTable by its caption, once nothing on the page is loading. A caller that triggers a new
 * load waits for its response first: until the request starts, the old rows are not busy.
 */
export async function loadedTable(page: Page, caption: string): Promise<Locator> {
  const table = page.getByRole('table', { name: caption, exact: true });
  await table.waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  return table;
}

/** The cells of a table's body rows, as text, by column header. */
export async function tableRows(table: Locator): Promise<Record<string, string>[]> {
  return table.evaluate((el) => {
    const headers = [...el.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').replace(/[⇅▲▼]/g, '').trim());
    return [...el.querySelectorAll('tbody tr')].map((tr) => {
      const cells = [...tr.querySelectorAll('td')];
      return Object.fromEntries(cells.map((td, i) => [headers[i] ?? String(i), (td.textContent ?? '').replace(/\s+/g, ' ').trim()]));
    });
  });
}

/** The main navigation's link to a section. */
export function navLink(page: Page, label: string): Locator {
  return page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: label, exact: true });
}

/** The page's one h1. */
export function heading(page: Page): Locator {
  return page.getByRole('heading', { level: 1 });
}
