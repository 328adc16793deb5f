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
} from '../permissions';
import { MANAGE_USERS } from '../modules/users/users-api';

export interface NavItem {
  /** i18n key */
  label: string;
  /** route name */
  to?: string;
  /** any one of these shows the entry */
  permissions?: string[];
  children?: NavItem[];
}

/** The left menu. Entries the user may not open are hidden, not greyed out. */
export const NAV_ITEMS: NavItem[] = [
  { label: 'nav.home', to: 'home' },
  // Casework first: it is the daily work of most staff (NavMenu filters top-level entries only,
  // so entries with their own permissions stay top-level rather than in a group).
  { label: 'cases.nav.workbench', to: 'cases', permissions: WORK_CASES },
  { label: 'cases.nav.board', to: 'supervision-board', permissions: SUPERVISE_CASES },
  { label: 'cases.nav.notices', to: 'supervision-notices', permissions: READ_NOTICES },
  { label: 'cases.nav.statistics', to: 'case-statistics', permissions: CASE_STATISTICS },
  { label: 'av.nav.campaign', to: 'abandoned-vehicles', permissions: READ_CASES },
  { label: 'cases.nav.handlingUnits', to: 'case-handling-units', permissions: CONFIGURE_CASES },
  { label: 'nav.regions', to: 'regions', permissions: READ_REGIONS },
  { label: 'nav.residents', to: 'residents', permissions: READ_PEOPLE },
  { label: 'nav.houses', to: 'houses', permissions: READ_HOUSES },
  { label: 'nav.estates', to: 'estates', permissions: READ_ESTATES },
  { label: 'nav.vehicles', to: 'vehicles', permissions: READ_VEHICLES },
  { label: 'nav.grids', to: 'grids', permissions: READ_GRIDS },
  {
    label: 'nav.orgs',
    permissions: READ_ORGS,
    children: [
      { label: 'nav.units', to: 'org-units' },
      { label: 'nav.leaders', to: 'org-leaders' },
      { label: 'nav.propertyCompanies', to: 'org-companies' },
    ],
  },
  { label: 'nav.dataTransfer', to: 'data-transfer', permissions: DATA_TRANSFER },
  { label: 'nav.audit', to: 'audit', permissions: READ_AUDIT },
  { label: 'identity.users.nav', to: 'users', permissions: MANAGE_USERS },
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
};
