import { createRouter, createWebHistory } from 'vue-router';
import type { Role } from '@common/enums';
import { loadMe, me } from '@lib/session';
import { setPasswordChangeHandler } from '@lib/api';
import { t } from '@lib/i18n';
import { setPageTitle } from '@lib/title';
import { navigationProblem } from './nav-state';
import { H5_ROLES } from './h5-roles';
import LoginPage from './pages/LoginPage.vue';
import HomePage from './pages/HomePage.vue';
// The report form and the outbox are in the first bundle, not loaded on demand: a 网格员 who
// opened the app with a network must still be able to reach them after the network is gone.
import ReportPage from './pages/ReportPage.vue';
import OutboxPage from './pages/OutboxPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    public?: boolean;
    /** Roles that may open the page; any H5 role when absent. */
    roles?: Role[];
  }
}

export const router = createRouter({
  history: createWebHistory('/m/'),
  routes: [
    { path: '/login', name: 'login', component: LoginPage, meta: { title: 'h5.loginTitle', public: true } },
    { path: '/', name: 'home', component: HomePage, meta: { title: 'h5.home' } },
    { path: '/report', name: 'report', component: ReportPage, meta: { title: 'h5cases.report.title' } },
    { path: '/outbox', name: 'outbox', component: OutboxPage, meta: { title: 'h5cases.outbox.title' } },
    { path: '/my-cases', name: 'my-cases', component: () => import('./pages/MyCasesPage.vue'), meta: { title: 'h5cases.myCases.title' } },
    { path: '/cases/:id(\\d+)', name: 'case', component: () => import('./pages/CasePage.vue'), meta: { title: 'h5cases.case.title' } },
    {
      path: '/messages',
      name: 'notifications',
      component: () => import('./pages/NotificationsPage.vue'),
      meta: { title: 'h5cases.notifications.title' },
    },
    {
      path: '/grid',
      name: 'grid-queue',
      component: () => import('./pages/GridQueuePage.vue'),
      meta: { title: 'h5cases.grid.title', roles: ['grid_worker'] },
    },
    {
      path: '/around',
      name: 'public-map',
      component: () => import('./pages/PublicMapPage.vue'),
      meta: { title: 'h5cases.publicMap.title' },
    },
    { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue'), meta: { title: 'h5.settings' } },
    {
      path: '/password',
      name: 'password',
      component: () => import('./pages/PasswordPage.vue'),
      meta: { title: 'identity.password.title' },
    },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('./pages/NotFoundPage.vue'),
      meta: { title: 'errors.notFoundTitle' },
    },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  navigationProblem.value = '';
  if (to.meta.public) return true;
  const user = me.value ?? (await loadMe().catch(() => null));
  if (!user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  // A staff session (same site as /admin) is not an H5 account: ask for one.
  if (!H5_ROLES.includes(user.role)) return { name: 'login', query: { denied: '1' } };
  // Production mode: an initial or demo password is changed before anything else (008-login-throttling.md).
  if (user.passwordChangeEnforced && to.name !== 'password') return { name: 'password', replace: true };
  if (to.meta.roles && !to.meta.roles.includes(user.role)) return { name: 'home' };
  return true;
});

// A 403 PASSWORD_CHANGE_REQUIRED (a flag set while the page was open) leads to the same page.
setPasswordChangeHandler(() => {
  if (me.value) me.value = { ...me.value, mustChangePassword: true, passwordChangeEnforced: true };
  if (router.currentRoute.value.name !== 'password') router.push({ name: 'password' });
});

router.afterEach((to) => {
  const worker = me.value?.role === 'grid_worker';
  const title =
    to.name === 'home' && worker ? 'h5cases.nav.workbench' : to.name === 'report' && worker ? 'h5cases.report.patrolTitle' : to.meta.title;
  setPageTitle(title ? t(title) : '');
});

router.onError((error) => {
  // A page loaded on demand could not be fetched: most likely the network is gone.
  if (/dynamically imported module|Importing a module script failed|Failed to fetch/i.test(String((error as Error)?.message))) {
    navigationProblem.value = t('h5cases.common.pageNeedsNetwork');
  }
});
