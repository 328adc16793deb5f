/**
 * The permissions there are, named once for the server that grants them by role
 * (server/platform/auth/permissions.ts) and the clients that show or hide what they open
 * (web/admin/permissions.ts): a misspelt or retired name fails the type check on both sides.
 */
export const PERMISSIONS = [
  'regions.read',
  'residents.read',
  'residents.write',
  'houses.read',
  'houses.write',
  'vehicles.read',
  'vehicles.write', // 登记、修改车辆
  'grids.read',
  'places.write', // 小区、楼栋: create and edit (decision 019)
  'map.manage', // the county's official boundaries and road layer, uploaded in the admin (decision 048)
  'orgs.read',
  'special_groups.read', // 特殊人群: restricted, every read audited
  'personal_data.full', // unmasked ID numbers and phones
  'personal_data.reveal', // 查看完整号码: one resident's number in full, with a reason, audited (decision 019)
  'imports.run',
  'exports.run',
  'audit.read',
  'me.home',
  'cases.report', // report a problem (and follow, verify and rate one's own reports)
  'cases.read', // read the cases of one's region
  'cases.dispatch', // 受理, 立案, 派遣, 结案, approve requests, merge
  'cases.handle', // 签收 and 处置 what is dispatched to one's unit or grid
  'cases.verify', // 核查 handled cases of one's region
  'cases.supervise', // 督办 and the supervision board
  'cases.configure', // categories, routing rules, calendar, Open311 clients
  'users.manage', // the account list and clearing an account's sign-in failures (解除登录限制)
  'iot.read', // devices, their readings and alarms in one's region (物联感知, issue 10)
  'iot.manage', // register devices, issue their credentials, edit and disable them
  'iot.alarms', // acknowledge, clear and close alarms (the control room, the grid, the property desk)
  'iot.configure', // alarm rules per device type and per device
  // The county office's own work (issue 11). The county administrators are the office's staff:
  // the platform is run by 县大数据局, which sits inside 县政府办公室 (平政办发〔2023〕4号).
  'documents.read', // the internal document library, non-public documents included
  'documents.manage', // import gazettes, edit, publish and repeal documents, gazette issues
  'disclosure.handle', // applications for disclosure (依申请公开) and decision consultations
  'tasks.read', // supervised tasks: one's unit's, or all for the office and the leaders
  'tasks.report', // report progress on one's unit's tasks
  'tasks.supervise', // import and edit task lists, remind (催办), supervision notices, assessment
  'proposals.read', // CPPCC proposals and NPC suggestions: one's unit's, or all
  'proposals.handle', // reply to the proposals assigned to one's unit
  'proposals.manage', // register, review, assign proposals; record feedback and evaluations
] as const;
export type Permission = (typeof PERMISSIONS)[number];
