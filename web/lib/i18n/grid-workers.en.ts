import type zhCN from './grid-workers.zh-CN';

/** English twin of grid-workers.zh-CN.ts. */
export default {
  caption: "This grid's workers",
  add: 'Add grid worker',
  edit: 'Edit',
  remove: 'Remove',
  editLabel: 'Edit grid worker {name}',
  removeLabel: 'Remove grid worker {name}',
  name: 'Name',
  phone: 'Phone',
  employment: 'Type',
  account: 'Sign-in account',
  actions: 'Actions',
  noAccount: 'Not linked',
  none: 'This grid has no workers yet',
  createTitle: 'Add grid worker',
  editTitle: 'Edit grid worker',
  namePlaceholder: 'Chinese name, e.g. 赵雅琴',
  phonePlaceholder: 'Mobile, or landline with area code',
  phoneKeep: 'Leave empty to keep {phone}',
  phoneHint: 'The number is stored whole and shown partly in lists; use "Show full number" with a reason when needed.',
  accountHint: 'Optional: a grid-worker account of this grid; each account belongs to one worker only.',
  accountTaken: '{name} (linked to {worker})',
  accountDisabled: '{name} (disabled)',
  noAccountOption: 'No account',
  removeTitle: 'Remove grid worker',
  removeConfirm:
    "Remove grid worker {name}? Their sign-in account is kept; the special groups they supervise pass to the grid's other worker.",
  removed: 'Removed grid worker {name}',
  saved: 'Saved grid worker {name}',
  phoneWhat: 'phone ({name})',
} satisfies typeof zhCN;
