import type { Component } from 'vue';
import { Bell, Cpu, Document, HomeFilled, Memo, OfficeBuilding, Setting, Switch, Tickets, UserFilled } from '@element-plus/icons-vue';
import {
  READ_REGIONS,
  DATA_TRANSFER,
  READ_AUDIT,
  READ_ESTATES,
  READ_GRIDS,
  READ_HOUSES,
  READ_ORGS,
  READ_PEOPLE,
  READ_VEHICLES,
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
} from '../permissions';
import { MANAGE_USERS } from '../modules/users/users-api';
import { MANAGE_MAP } from '../modules/map-data/map-data-api';
import { HANDLE_PROPOSALS, READ_PROPOSALS } from '../modules/proposals/proposals-api';

export interface NavItem {
  /** i18n key */
  label: string;
  /** route name */
  to: string;
  /** any one of these shows the entry; none: everyone signed in */
  permissions?: string[];
}

export interface NavGroup {
  /** i18n key of the group's heading */
  label: string;
  /** an Element Plus icon (@element-plus/icons-vue) */
  icon: Component;
  items: NavItem[];
}

/**
 * The left menu: the home page, then the pages grouped by the work they serve. Entries the user
 * may not open are hidden, not greyed out; a group with none left is hidden. A new page is one
 * line in its group.
 */
export const HOME_ITEM: NavItem & { icon: Component } = { label: 'nav.home', to: 'home', icon: HomeFilled };

export const NAV_GROUPS: NavGroup[] = [
  {
    // Casework first: it is the daily work of most staff.
    label: 'ui.nav.cases',
    icon: Tickets,
    items: [
      { label: 'cases.nav.workbench', to: 'cases', permissions: WORK_CASES },
      { label: 'av.nav.campaign', to: 'abandoned-vehicles', permissions: READ_CASES },
    ],
  },
  {
    label: 'ui.nav.supervision',
    icon: Bell,
    items: [
      { label: 'cases.nav.board', to: 'supervision-board', permissions: SUPERVISE_CASES },
      { label: 'cases.nav.notices', to: 'supervision-notices', permissions: READ_NOTICES },
      { label: 'cases.nav.statistics', to: 'case-statistics', permissions: CASE_STATISTICS },
      // The county office's task lists (督查督办 of the documents' tasks, docs/decisions/044).
      { label: 'tasks.nav.lists', to: 'task-lists', permissions: READ_TASKS },
      { label: 'tasks.nav.mine', to: 'my-tasks', permissions: REPORT_TASKS },
      { label: 'tasks.nav.leader', to: 'task-leaders', permissions: READ_TASKS },
      { label: 'tasks.nav.actions', to: 'task-actions', permissions: READ_TASKS },
      { label: 'tasks.nav.assessment', to: 'task-assessment', permissions: SUPERVISE_TASKS },
    ],
  },
  {
    label: 'ui.nav.basics',
    icon: OfficeBuilding,
    items: [
      { label: 'nav.regions', to: 'regions', permissions: READ_REGIONS },
      { label: 'nav.residents', to: 'residents', permissions: READ_PEOPLE },
      { label: 'nav.houses', to: 'houses', permissions: READ_HOUSES },
      { label: 'nav.estates', to: 'estates', permissions: READ_ESTATES },
      { label: 'nav.vehicles', to: 'vehicles', permissions: READ_VEHICLES },
      { label: 'nav.grids', to: 'grids', permissions: READ_GRIDS },
      // The county's official boundaries and roads, beside the regions they draw (decision 048).
      { label: 'mapData.nav', to: 'map-data', permissions: MANAGE_MAP },
    ],
  },
  {
    label: 'iot.nav.group',
    icon: Cpu,
    items: [
      { label: 'iot.nav.devices', to: 'iot-devices', permissions: READ_DEVICES },
      { label: 'iotAlarms.nav.centre', to: 'iot-alarms', permissions: READ_DEVICES },
      { label: 'iotAlarms.nav.screen', to: 'alarm-screen', permissions: READ_DEVICES },
      { label: 'iotPages.nav.health', to: 'iot-health', permissions: READ_DEVICES },
      { label: 'iotPages.nav.rules', to: 'iot-rules', permissions: READ_DEVICES },
    ],
  },
  {
    // 政务公开: the county office's work for the public (issue 11).
    label: 'ui.nav.openGovernment',
    icon: Document,
    items: [
      { label: 'documents.nav.library', to: 'documents', permissions: READ_DOCUMENTS },
      { label: 'documents.nav.gazette', to: 'gazette-issues', permissions: READ_DOCUMENTS },
      { label: 'gazette.nav', to: 'gazette-import', permissions: MANAGE_DOCUMENTS },
      { label: 'disclosure.nav.applications', to: 'disclosure-applications', permissions: HANDLE_DISCLOSURE },
      { label: 'disclosure.nav.decisions', to: 'disclosure-decisions', permissions: HANDLE_DISCLOSURE },
      { label: 'documents.nav.annualReport', to: 'documents-annual-report', permissions: READ_DOCUMENTS },
      { label: 'disclosure.nav.annualTable', to: 'disclosure-annual-table', permissions: HANDLE_DISCLOSURE },
    ],
  },
  {
    // 建议提案: the county office's handling of CPPCC proposals and NPC suggestions (issue 11).
    label: 'proposals.nav.group',
    icon: Memo,
    items: [
      { label: 'proposals.nav.inbox', to: 'proposal-inbox', permissions: HANDLE_PROPOSALS },
      { label: 'proposals.nav.list', to: 'proposals', permissions: READ_PROPOSALS },
      { label: 'proposals.nav.statistics', to: 'proposal-statistics', permissions: READ_PROPOSALS },
    ],
  },
  {
    label: 'nav.orgs',
    icon: UserFilled,
    items: [
      { label: 'nav.units', to: 'org-units', permissions: READ_ORGS },
      { label: 'nav.leaders', to: 'org-leaders', permissions: READ_ORGS },
      { label: 'nav.propertyCompanies', to: 'org-companies', permissions: READ_ORGS },
    ],
  },
  {
    label: 'ui.nav.exchange',
    icon: Switch,
    items: [{ label: 'nav.dataTransfer', to: 'data-transfer', permissions: DATA_TRANSFER }],
  },
  {
    label: 'ui.nav.system',
    icon: Setting,
    items: [
      { label: 'identity.users.nav', to: 'users', permissions: MANAGE_USERS },
      { label: 'cases.nav.handlingUnits', to: 'case-handling-units', permissions: CONFIGURE_CASES },
      { label: 'nav.audit', to: 'audit', permissions: READ_AUDIT },
    ],
  },
];

/** Route names whose pages belong under a menu entry (detail pages highlight their list). */
export const SECTION_OF: Record<string, string> = {
  resident: 'residents',
  'resident-new': 'residents',
  'resident-edit': 'residents',
  house: 'houses',
  estate: 'estates',
  vehicle: 'vehicles',
  grid: 'grids',
  'org-unit': 'org-units',
  'org-leader': 'org-leaders',
  case: 'cases',
  'disclosure-application': 'disclosure-applications',
  'disclosure-decision': 'disclosure-decisions',
  'task-list': 'task-lists',
  task: 'task-lists',
  document: 'documents',
  'gazette-issue': 'gazette-issues',
};
