import type { RouteRecordRaw } from 'vue-router';

/** 重大决策预公开: the year's catalogue, and each decision's draft, comments and result. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/decisions',
    name: 'decisions',
    component: () => import('../pages/decisions/DecisionListPage.vue'),
    meta: { title: 'disclosure.decisions.title', nav: 'disclosure.decisions.nav', navOrder: 40 },
  },
  {
    path: '/decisions/:id(\\d+)',
    name: 'decision',
    component: () => import('../pages/decisions/DecisionPage.vue'),
    meta: { title: 'disclosure.decisions.title' },
  },
];
