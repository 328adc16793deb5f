import { createRouter, createWebHistory } from 'vue-router';
import { loadMe, me } from '@lib/session';
import { t } from '@lib/i18n';
import { setPageTitle } from '@lib/title';
import LoginPage from './pages/LoginPage.vue';
import HomePage from './pages/HomePage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    public?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory('/m/'),
  routes: [
    { path: '/login', name: 'login', component: LoginPage, meta: { title: 'h5.loginTitle', public: true } },
    { path: '/', name: 'home', component: HomePage, meta: { title: 'h5.home' } },
    { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue'), meta: { title: 'h5.settings' } },
    { path: '/:pathMatch(.*)*', redirect: { name: 'home' } },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const user = me.value ?? (await loadMe().catch(() => null));
  if (!user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  return true;
});

router.afterEach((to) => {
  setPageTitle(to.meta.title ? t(to.meta.title) : '');
});
