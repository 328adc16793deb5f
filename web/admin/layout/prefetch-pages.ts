import type { Router } from 'vue-router';

/**
 * Loads the code of the pages in the user's menu while the browser is idle, one page at a time,
 * in menu order (the workbench first), so opening one from the menu waits only for its data.
 * Opened cold, the workbench spent 250 ms fetching a score of small files before its first API
 * request (issue 9: usable within 500 ms of navigation). A prefetch that fails is dropped: the
 * navigation itself loads the page again and reports its own failure.
 */
export function prefetchPages(router: Router, routeNames: readonly string[]): void {
  const loaders = routeNames.flatMap((name) => {
    const component = router.getRoutes().find((r) => r.name === name)?.components?.default;
    // A lazily loaded page is a function returning its module; a page in the shell is an object.
    return typeof component === 'function' ? [component as () => Promise<unknown>] : [];
  });
  const whenIdle = (fn: () => void) => (window.requestIdleCallback ? window.requestIdleCallback(fn) : setTimeout(fn, 200));
  const next = () => {
    const load = loaders.shift();
    if (load)
      whenIdle(
        () =>
          void load()
            .catch(() => undefined)
            .finally(next),
      );
  };
  next();
}
