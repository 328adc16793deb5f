import type { IdentityMessages } from './identity.zh-CN';

const messages: IdentityMessages = {
  login: {
    waitNotice: 'try again in {seconds} s',
    waitButton: 'Sign in again in {seconds} s',
    solving: 'Running a security check…',
    solvingHint:
      'After several failed sign-ins, the browser first solves a short security check by itself (a second or two, nothing to do).',
  },
  password: {
    title: 'Change password',
    menu: 'Change password',
    current: 'Current password',
    new: 'New password',
    confirm: 'Repeat new password',
    rules: 'At least 8 characters from at least three of: capital letters, small letters, digits, symbols; not containing the username.',
    submit: 'Change password',
    submitting: 'Changing…',
    done: 'Password changed; sessions on other devices were signed out',
    mismatch: 'The two new passwords differ',
    currentRequired: 'Enter your current password',
    newRequired: 'Enter a new password',
    confirmRequired: 'Repeat the new password',
    required: 'You are using an initial or demo password. Change it to continue.',
    suggested: 'You are using an initial or demo password; please change it soon.',
    otherSessions: 'Once changed, your sessions on other devices are signed out.',
    entry: 'Change sign-in password',
  },
  users: {
    nav: 'Accounts',
    title: 'Accounts',
    subtitle: 'Failed sign-ins of the accounts in your area; clear them when needed',
    explain:
      'Accounts are never locked: after failed sign-ins the next try waits a few seconds (at most 30), and after 5 failures the browser also solves a security check. Clearing forgets these failures so the account can sign in at once.',
    filterLabel: 'Filter accounts',
    q: 'Username or name',
    qPlaceholder: 'Username or name',
    attention: 'Show',
    attentionAll: 'All accounts',
    attentionOnly: 'Failed sign-ins or initial password',
    username: 'Username',
    displayName: 'Name',
    role: 'Role',
    region: 'Region',
    failures: 'Failures',
    lastFailedAt: 'Last failure',
    status: 'Sign-in state',
    statusNormal: 'Normal',
    statusChallenge: 'Security check',
    statusWait: 'Wait {seconds} s',
    mustChange: 'Initial password',
    inactive: 'Disabled',
    unlock: 'Clear',
    unlockLabel: 'Clear the sign-in failures of {username}',
    unlockTitle: 'Clear sign-in failures',
    unlockConfirm:
      'Clear the {failures} failed sign-ins of {username} ({name})? The account can then sign in at once, without waiting or a security check.',
    unlocked: 'Cleared the sign-in failures of {username}',
  },
};

export default messages;
