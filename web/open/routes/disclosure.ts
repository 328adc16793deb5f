import type { RouteRecordRaw } from 'vue-router';

/** 依申请公开: the application form with its receipt, and the applicant's status page. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/apply',
    name: 'disclosure-apply',
    component: () => import('../pages/disclosure/ApplyPage.vue'),
    meta: { title: 'disclosure.open.applyTitle', nav: 'disclosure.open.nav', navOrder: 30 },
  },
  {
    path: '/apply/status',
    name: 'disclosure-status',
    component: () => import('../pages/disclosure/StatusPage.vue'),
    meta: { title: 'disclosure.open.statusTitle' },
  },
];
