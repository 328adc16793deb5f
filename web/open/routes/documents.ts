import type { RouteRecordRaw } from 'vue-router';

/** The document library's pages of the public column: its home, search, a document, the gazette's issues. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'open-documents-home',
    component: () => import('../pages/documents/DocumentsHomePage.vue'),
    meta: { title: 'documents.open.columnTitle', nav: 'documents.open.nav', navOrder: 10 },
  },
  {
    path: '/documents',
    name: 'open-documents-search',
    component: () => import('../pages/documents/DocumentSearchPage.vue'),
    meta: { title: 'documents.open.searchLabel' },
  },
  {
    path: '/documents/:id(\\d+)',
    name: 'open-document',
    component: () => import('../pages/documents/DocumentPage.vue'),
    meta: { title: 'documents.open.nav' },
  },
  {
    path: '/gazette',
    name: 'open-gazette',
    component: () => import('../pages/documents/GazetteIssuesPage.vue'),
    meta: { title: 'documents.open.gazetteTitle', nav: 'documents.open.gazetteNav', navOrder: 20 },
  },
  {
    path: '/gazette/:id(\\d+)',
    name: 'open-gazette-issue',
    component: () => import('../pages/documents/GazetteIssuePage.vue'),
    meta: { title: 'documents.open.gazetteTitle' },
  },
];
