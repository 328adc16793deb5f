import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { t } from '@lib/i18n';
import { setPageTitle } from '@lib/title';
import NotFoundPage from './NotFoundPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title?: string;
    /** i18n key of the link in the site's top navigation; pages without one are reached by links. */
    nav?: string;
    /** Order of the navigation link, left to right. */
    navOrder?: number;
  }
}

/**
 * The public column (政府信息公开专栏) is read without signing in. Each part of it (the document
 * library, applications for disclosure, decision consultations) lists its pages in a file of
 * routes/, so a new part adds a file instead of editing this one.
 */
const parts = import.meta.glob<{ routes: RouteRecordRaw[] }>('./routes/*.ts', { eager: true });
const partRoutes = Object.values(parts).flatMap((part) => part.routes);

export const router = createRouter({
  history: createWebHistory('/open/'),
  routes: [...partRoutes, { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundPage, meta: { title: 'open.notFound' } }],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

/** The top navigation: every page that names a link, in its order. */
export const navigation = () =>
  router
    .getRoutes()
    .filter((route) => route.meta.nav)
    .sort((a, b) => (a.meta.navOrder ?? 0) - (b.meta.navOrder ?? 0));

router.afterEach((to) => setPageTitle(to.meta.title ? t(to.meta.title) : ''));
