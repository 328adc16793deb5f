import { createApp, defineComponent, effectScope } from 'vue';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';

/**
 * For the composables' tests: runs a composable as a page's setup() would — inside an app with a
 * router (memory history, so no browser is needed) — in an effect scope the test stops.
 */
export async function inRoute<T>(url: string, use: () => T, names: string[] = ['list', 'detail']) {
  const page = defineComponent({ render: () => null });
  const routes: RouteRecordRaw[] = names.map((name) => ({ path: name === 'detail' ? `/${name}/:id` : `/${name}`, name, component: page }));
  const router = createRouter({ history: createMemoryHistory(), routes });
  const app = createApp(page).use(router);
  await router.push(url);
  const scope = effectScope();
  const result = app.runWithContext(() => scope.run(use)!);
  return { router, result, stop: () => scope.stop() };
}

/** Lets watchers, navigations and resolved loads run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A load the test answers (or fails) when it chooses, to order responses. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
