import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { can, loadMe, me } from '@lib/session';
import { setPasswordChangeHandler } from '@lib/api';
import { MANAGE_MAP } from './modules/map-data/map-data-api';
import { MANAGE_USERS } from './modules/users/users-api';
import { t } from '@lib/i18n';
import { setPageTitle } from '@lib/title';
import {
  DATA_TRANSFER,
  READ_AUDIT,
  READ_REGIONS,
  READ_ESTATES,
  READ_GRIDS,
  READ_HOUSES,
  READ_ORGS,
  READ_PEOPLE,
  READ_VEHICLES,
  WRITE_PEOPLE,
  CASE_STATISTICS,
  READ_CASES,
  READ_NOTICES,
  SUPERVISE_CASES,
  CONFIGURE_CASES,
  WORK_CASES,
  READ_DEVICES,
  MANAGE_DOCUMENTS,
  HANDLE_DISCLOSURE,
  READ_TASKS,
  REPORT_TASKS,
  SUPERVISE_TASKS,
  READ_DOCUMENTS,
} from './permissions';
import AdminLayout from './layout/AdminLayout.vue';
import LoginPage from './modules/auth/LoginPage.vue';
import HomePage from './modules/home/HomePage.vue';
import { HANDLE_PROPOSALS, READ_PROPOSALS } from './modules/proposals/proposals-api';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title?: string;
    /** Reachable without a session. */
    public?: boolean;
    /** Any one of these permissions opens the page. */
    permissions?: string[];
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginPage, meta: { title: 'login.title', public: true } },
  // 监控大屏: the whole window, without the admin's header and menu (docs/decisions/031).
  {
    path: '/screen',
    name: 'alarm-screen',
    component: () => import('./modules/iot/screen/AlarmScreenPage.vue'),
    meta: { title: 'iotAlarms.screen.title', permissions: READ_DEVICES },
  },
  // 政府公报's printable view: the issue alone, without the admin's header and menu.
  {
    path: '/print/gazette/:id(\\d+)',
    name: 'gazette-issue-print',
    component: () => import('./modules/documents/GazetteIssuePrintPage.vue'),
    meta: { title: 'documents.gazette.print', permissions: READ_DOCUMENTS },
  },
  {
    path: '/',
    component: AdminLayout,
    children: [
      { path: '', name: 'home', component: HomePage, meta: { title: 'home.title' } },
      {
        path: 'regions/:id?',
        name: 'regions',
        component: () => import('./modules/regions/RegionsPage.vue'),
        meta: { title: 'region.title', permissions: READ_REGIONS },
      },
      {
        path: 'residents',
        name: 'residents',
        component: () => import('./modules/people/ResidentListPage.vue'),
        meta: { title: 'resident.listTitle', permissions: READ_PEOPLE },
      },
      {
        path: 'residents/new',
        name: 'resident-new',
        component: () => import('./modules/people/ResidentFormPage.vue'),
        meta: { title: 'resident.create', permissions: WRITE_PEOPLE },
      },
      {
        path: 'residents/:id(\\d+)',
        name: 'resident',
        component: () => import('./modules/people/ResidentDetailPage.vue'),
        meta: { title: 'resident.title', permissions: READ_PEOPLE },
      },
      {
        path: 'residents/:id(\\d+)/edit',
        name: 'resident-edit',
        component: () => import('./modules/people/ResidentFormPage.vue'),
        meta: { title: 'resident.edit', permissions: WRITE_PEOPLE },
      },
      {
        path: 'houses',
        name: 'houses',
        component: () => import('./modules/houses/HouseListPage.vue'),
        meta: { title: 'house.listTitle', permissions: READ_HOUSES },
      },
      {
        path: 'houses/:id(\\d+)',
        name: 'house',
        component: () => import('./modules/houses/HouseDetailPage.vue'),
        meta: { title: 'house.title', permissions: READ_HOUSES },
      },
      {
        path: 'estates',
        name: 'estates',
        component: () => import('./modules/estates/EstateListPage.vue'),
        meta: { title: 'estate.listTitle', permissions: READ_ESTATES },
      },
      {
        path: 'estates/:id(\\d+)',
        name: 'estate',
        component: () => import('./modules/estates/EstateDetailPage.vue'),
        meta: { title: 'estate.title', permissions: READ_ESTATES },
      },
      {
        path: 'vehicles',
        name: 'vehicles',
        component: () => import('./modules/vehicles/VehicleListPage.vue'),
        meta: { title: 'vehicle.listTitle', permissions: READ_VEHICLES },
      },
      {
        path: 'vehicles/:id(\\d+)',
        name: 'vehicle',
        component: () => import('./modules/vehicles/VehicleDetailPage.vue'),
        meta: { title: 'vehicle.title', permissions: READ_VEHICLES },
      },
      {
        path: 'iot/devices',
        name: 'iot-devices',
        component: () => import('./modules/iot/DeviceListPage.vue'),
        meta: { title: 'iot.devices.title', permissions: READ_DEVICES },
      },
      {
        path: 'iot/devices/:id(\\d+)',
        name: 'iot-device',
        component: () => import('./modules/iot/DeviceDetailPage.vue'),
        meta: { title: 'iotPages.detail.titleShort', permissions: READ_DEVICES },
      },
      {
        path: 'iot/health',
        name: 'iot-health',
        component: () => import('./modules/iot/DeviceHealthPage.vue'),
        meta: { title: 'iotPages.health.title', permissions: READ_DEVICES },
      },
      {
        path: 'iot/rules',
        name: 'iot-rules',
        component: () => import('./modules/iot/RuleEditorPage.vue'),
        meta: { title: 'iotPages.rules.title', permissions: READ_DEVICES },
      },
      {
        path: 'iot/alarms',
        name: 'iot-alarms',
        component: () => import('./modules/iot/alarms/AlarmCentrePage.vue'),
        meta: { title: 'iotAlarms.centre.title', permissions: READ_DEVICES },
      },
      {
        path: 'grids',
        name: 'grids',
        component: () => import('./modules/grids/GridListPage.vue'),
        meta: { title: 'grid.listTitle', permissions: READ_GRIDS },
      },
      {
        path: 'grids/:id(\\d+)',
        name: 'grid',
        component: () => import('./modules/grids/GridDetailPage.vue'),
        meta: { title: 'grid.title', permissions: READ_GRIDS },
      },
      {
        path: 'disclosure/applications',
        name: 'disclosure-applications',
        component: () => import('./modules/disclosure/ApplicationListPage.vue'),
        meta: { title: 'disclosure.admin.listTitle', permissions: HANDLE_DISCLOSURE },
      },
      {
        path: 'disclosure/applications/:id(\\d+)',
        name: 'disclosure-application',
        component: () => import('./modules/disclosure/ApplicationDetailPage.vue'),
        meta: { title: 'disclosure.admin.listTitle', permissions: HANDLE_DISCLOSURE },
      },
      {
        path: 'disclosure/annual-table',
        name: 'disclosure-annual-table',
        component: () => import('./modules/disclosure/AnnualTablePage.vue'),
        meta: { title: 'disclosure.admin.annualTitle', permissions: HANDLE_DISCLOSURE },
      },
      {
        path: 'disclosure/decisions',
        name: 'disclosure-decisions',
        component: () => import('./modules/disclosure/DecisionListPage.vue'),
        meta: { title: 'disclosure.decisions.admin.listTitle', permissions: HANDLE_DISCLOSURE },
      },
      {
        path: 'disclosure/decisions/:id(\\d+)',
        name: 'disclosure-decision',
        component: () => import('./modules/disclosure/DecisionDetailPage.vue'),
        meta: { title: 'disclosure.decisions.admin.listTitle', permissions: HANDLE_DISCLOSURE },
      },
      { path: 'orgs', redirect: { name: 'org-units' } },
      {
        path: 'orgs/units',
        name: 'org-units',
        component: () => import('./modules/orgs/UnitListPage.vue'),
        meta: { title: 'org.unitsTitle', permissions: READ_ORGS },
      },
      {
        path: 'orgs/units/:id(\\d+)',
        name: 'org-unit',
        component: () => import('./modules/orgs/UnitDetailPage.vue'),
        meta: { title: 'org.unitsTitle', permissions: READ_ORGS },
      },
      {
        path: 'orgs/leaders',
        name: 'org-leaders',
        component: () => import('./modules/orgs/LeaderListPage.vue'),
        meta: { title: 'org.leadersTitle', permissions: READ_ORGS },
      },
      {
        path: 'orgs/leaders/:id(\\d+)',
        name: 'org-leader',
        component: () => import('./modules/orgs/LeaderDetailPage.vue'),
        meta: { title: 'org.leadersTitle', permissions: READ_ORGS },
      },
      // 督查督办 (issue 11 part 5, docs/decisions/044).
      {
        path: 'tasks',
        name: 'task-lists',
        component: () => import('./modules/tasks/TaskListsPage.vue'),
        meta: { title: 'tasks.lists.title', permissions: READ_TASKS },
      },
      {
        path: 'tasks/lists/:id(\\d+)',
        name: 'task-list',
        component: () => import('./modules/tasks/TaskListPage.vue'),
        meta: { title: 'tasks.list.title', permissions: READ_TASKS },
      },
      {
        path: 'tasks/mine',
        name: 'my-tasks',
        component: () => import('./modules/tasks/TaskListPage.vue'),
        meta: { title: 'tasks.list.mineTitle', permissions: REPORT_TASKS, mine: true },
      },
      {
        path: 'tasks/leaders',
        name: 'task-leaders',
        component: () => import('./modules/tasks/TaskLeaderPage.vue'),
        meta: { title: 'tasks.list.leaderTitle', permissions: READ_TASKS },
      },
      {
        path: 'tasks/actions',
        name: 'task-actions',
        component: () => import('./modules/tasks/TaskActionsPage.vue'),
        meta: { title: 'tasks.actions.title', permissions: READ_TASKS },
      },
      {
        path: 'tasks/assessment',
        name: 'task-assessment',
        component: () => import('./modules/tasks/TaskAssessmentPage.vue'),
        meta: { title: 'tasks.assessment.title', permissions: SUPERVISE_TASKS },
      },
      {
        path: 'tasks/:id(\\d+)',
        name: 'task',
        component: () => import('./modules/tasks/TaskDetailPage.vue'),
        meta: { title: 'tasks.task.title', permissions: READ_TASKS },
      },
      {
        path: 'orgs/property-companies',
        name: 'org-companies',
        component: () => import('./modules/orgs/PropertyCompanyListPage.vue'),
        meta: { title: 'org.companiesTitle', permissions: READ_ORGS },
      },
      {
        path: 'documents',
        name: 'documents',
        component: () => import('./modules/documents/DocumentListPage.vue'),
        meta: { title: 'documents.library.title', permissions: READ_DOCUMENTS },
      },
      {
        path: 'documents/:id(\\d+)',
        name: 'document',
        component: () => import('./modules/documents/DocumentDetailPage.vue'),
        meta: { title: 'documents.library.title', permissions: READ_DOCUMENTS },
      },
      {
        path: 'gazette',
        name: 'gazette-issues',
        component: () => import('./modules/documents/GazetteIssueListPage.vue'),
        meta: { title: 'documents.gazette.title', permissions: READ_DOCUMENTS },
      },
      {
        path: 'gazette/:id(\\d+)',
        name: 'gazette-issue',
        component: () => import('./modules/documents/GazetteIssuePage.vue'),
        meta: { title: 'documents.gazette.title', permissions: READ_DOCUMENTS },
      },
      {
        path: 'documents/annual-report',
        name: 'documents-annual-report',
        component: () => import('./modules/documents/AnnualReportPage.vue'),
        meta: { title: 'documents.report.title', permissions: READ_DOCUMENTS },
      },
      {
        path: 'cases',
        name: 'cases',
        component: () => import('./modules/cases/CaseWorkbenchPage.vue'),
        meta: { title: 'cases.workbench.title', permissions: WORK_CASES },
      },
      {
        path: 'cases/:id(\\d+)',
        name: 'case',
        component: () => import('./modules/cases/CaseDetailPage.vue'),
        meta: { title: 'cases.detail.heading', permissions: WORK_CASES },
      },
      {
        path: 'case-handling-units',
        name: 'case-handling-units',
        component: () => import('./modules/cases/HandlingUnitsPage.vue'),
        meta: { title: 'cases.handling.title', permissions: CONFIGURE_CASES },
      },
      {
        path: 'supervision',
        name: 'supervision-board',
        component: () => import('./modules/supervision/SupervisionBoardPage.vue'),
        meta: { title: 'cases.board.title', permissions: SUPERVISE_CASES },
      },
      {
        path: 'supervision/notices',
        name: 'supervision-notices',
        component: () => import('./modules/supervision/SupervisionNoticesPage.vue'),
        meta: { title: 'cases.notices.title', permissions: READ_NOTICES },
      },
      {
        path: 'case-statistics',
        name: 'case-statistics',
        component: () => import('./modules/supervision/CaseStatisticsPage.vue'),
        meta: { title: 'cases.stats.title', permissions: CASE_STATISTICS },
      },
      {
        path: 'abandoned-vehicles',
        name: 'abandoned-vehicles',
        component: () => import('./modules/abandoned-vehicles/CampaignPage.vue'),
        meta: { title: 'av.campaign.title', permissions: READ_CASES },
      },
      {
        path: 'proposals',
        name: 'proposals',
        component: () => import('./modules/proposals/ProposalListPage.vue'),
        meta: { title: 'proposals.list.title', permissions: READ_PROPOSALS },
      },
      {
        path: 'proposals/inbox',
        name: 'proposal-inbox',
        component: () => import('./modules/proposals/ProposalListPage.vue'),
        props: { inbox: true },
        meta: { title: 'proposals.list.inboxTitle', permissions: HANDLE_PROPOSALS },
      },
      {
        path: 'proposals/statistics',
        name: 'proposal-statistics',
        component: () => import('./modules/proposals/ProposalStatisticsPage.vue'),
        meta: { title: 'proposals.stats.title', permissions: READ_PROPOSALS },
      },
      {
        path: 'proposals/:id(\\d+)',
        name: 'proposal',
        component: () => import('./modules/proposals/ProposalDetailPage.vue'),
        meta: { title: 'proposals.list.title', permissions: READ_PROPOSALS },
      },
      {
        path: 'data',
        name: 'data-transfer',
        component: () => import('./modules/data-transfer/DataTransferPage.vue'),
        meta: { title: 'data.title', permissions: DATA_TRANSFER },
      },
      {
        path: 'gazette-import',
        name: 'gazette-import',
        component: () => import('./modules/gazette/GazetteImportPage.vue'),
        meta: { title: 'gazette.title', permissions: MANAGE_DOCUMENTS },
      },
      {
        path: 'map-data',
        name: 'map-data',
        component: () => import('./modules/map-data/MapDataPage.vue'),
        meta: { title: 'mapData.title', permissions: MANAGE_MAP },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('./modules/audit/AuditPage.vue'),
        meta: { title: 'audit.title', permissions: READ_AUDIT },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('./modules/users/UserListPage.vue'),
        meta: { title: 'identity.users.title', permissions: MANAGE_USERS },
      },
      {
        path: 'password',
        name: 'change-password',
        component: () => import('./modules/auth/ChangePasswordPage.vue'),
        meta: { title: 'identity.password.title' },
      },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('./modules/errors/ErrorPage.vue'),
        props: { title: 'errors.forbiddenTitle', message: 'errors.forbidden' },
        meta: { title: 'errors.forbiddenTitle' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('./modules/errors/ErrorPage.vue'),
        props: { title: 'errors.notFoundTitle', message: 'errors.notFound' },
        meta: { title: 'errors.notFoundTitle' },
      },
    ],
  },
];

export const router = createRouter({
  history: createWebHistory('/admin/'),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const user = me.value ?? (await loadMe().catch(() => null));
  if (!user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  // 居民 accounts belong in the H5 client.
  if (user.role === 'resident') {
    window.location.assign('/m/');
    return false;
  }
  // Production mode: an initial or demo password is changed before anything else (008-login-throttling.md).
  if (user.passwordChangeEnforced && to.name !== 'change-password') return { name: 'change-password', replace: true };
  if (to.meta.permissions && !can(...to.meta.permissions)) {
    return { name: 'forbidden', query: { from: to.fullPath }, replace: true };
  }
  return true;
});

// A 403 PASSWORD_CHANGE_REQUIRED (a flag set while the page was open) leads to the same page.
setPasswordChangeHandler(() => {
  if (me.value) me.value = { ...me.value, mustChangePassword: true, passwordChangeEnforced: true };
  if (router.currentRoute.value.name !== 'change-password') router.push({ name: 'change-password' });
});

router.afterEach((to) => {
  setPageTitle(to.meta.title ? t(to.meta.title) : '');
});
