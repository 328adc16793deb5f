import type { UiMessages } from './ui.zh-CN';

const messages: UiMessages = {
  nav: {
    cases: 'Casework',
    supervision: 'Supervision',
    basics: 'Basic records',
    openGovernment: 'Open government',
    exchange: 'Data exchange',
    system: 'System',
  },
  date: {
    pickDate: 'Pick a date',
    pickMonth: 'Pick a month',
  },
  upload: {
    drop: 'Drop a file here, or click to choose one',
    hint: '{hint}; at most {mb} MB a file',
    tooLarge: '“{name}” is over {mb} MB and was not added',
  },
  live: {
    news: 'New activity',
    refresh: 'New activity: click to refresh',
  },
};

export default messages;
