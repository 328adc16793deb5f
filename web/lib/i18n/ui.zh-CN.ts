/** 简体中文 strings of the shared admin pieces (menu groups, date picker, upload area); the English file mirrors these keys. */
const messages = {
  nav: {
    cases: '事件办理',
    supervision: '督查督办',
    basics: '基础信息',
    openGovernment: '政务公开',
    exchange: '数据交换',
    system: '系统管理',
  },
  date: {
    pickDate: '选择日期',
    pickMonth: '选择月份',
  },
  upload: {
    drop: '将文件拖到此处，或点击选择文件',
    hint: '{hint}，单个文件不超过 {mb} MB',
    tooLarge: '“{name}”超过 {mb} MB，未选入',
  },
  live: {
    news: '有新事件',
    refresh: '有新事件，点击刷新',
  },
};

export type UiMessages = typeof messages;
export default messages;
