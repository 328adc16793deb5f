import type { RecordsMessages } from './records.zh-CN';

/** English twin of records.zh-CN.ts. */
const messages: RecordsMessages = {
  reveal: {
    button: 'Show full number',
    buttonLabel: 'Show full {what}',
    title: 'Show full {what}',
    explain: 'Use the full number for this task only; the reveal and its reason are written to the audit log.',
    reason: 'Reason',
    reasonPlaceholder: 'e.g. calling the reporter back about the result',
    reasonRequired: 'Give a reason (at least 4 characters)',
    submit: 'Show',
    call: 'Call {number}',
    idCard: 'ID number',
    phone: 'phone number',
  },
  ownId: {
    show: 'ID number hidden; tap to show it in full',
    hide: 'ID number shown; tap to hide it',
    showHint: 'Tap to show',
    hideHint: 'Tap to hide',
  },
  contacts: {
    title: 'Reporter contacts',
    none: 'No reporter contact',
    anonymous: 'Reported anonymously; no contact shown',
    noPhone: 'No phone given',
    onlyHandlers: 'Only the desk and the handling unit of this case may see the full number and call back.',
    reportedAt: '{source} · {time}',
  },
};

export default messages;
