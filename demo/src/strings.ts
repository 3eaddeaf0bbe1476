/**
 * Every string the demo itself shows, in one table, so a host can see where
 * its own copy (and translations) would go. The segkit elements carry their
 * own strings (English and Spanish built in, overridable with `.strings`).
 */
const number = new Intl.NumberFormat('en');
export const formatNumber = (n: number): string => number.format(n);
const plural = (n: number, one: string, other: string) => `${formatNumber(n)} ${n === 1 ? one : other}`;

export const strings = {
  brand: 'Glow Collective',
  product: 'Ambassadors',
  title: (page: string) => `${page} · Glow Collective — Ambassadors`,
  skip: 'Skip to content',
  nav: 'Main',
  pages: {
    ambassadors: {
      title: 'Ambassadors',
      intro: 'Everyone in the Glow ambassador program. Select people, then add them to a segment.',
    },
    segments: {
      title: 'Segments',
      intro:
        'Groups you keep by hand: VIPs, creators, customers. Open one to see its members. ' +
        'Each segment can have its own discount code: people who join through its invite link are told theirs.',
    },
    audience: {
      title: 'Audience',
      intro: 'Target a campaign with segment rules, and assign people to a segment from an automation.',
    },
    invites: {
      title: 'Invite links',
      intro: 'Share a link; whoever joins through it lands in its segment automatically.',
    },
  },
  env: {
    title: 'Demo data',
    text: (n: number) => `${formatNumber(n)} members · mock API in this browser`,
  },
  segmentsList: 'Your segments',
  filterPanel: 'Filter ambassadors',
  members: (n: number | null) => (n === null ? 'Loading members…' : plural(n, 'ambassador', 'ambassadors')),
  placeholder: (tag: string) => `<${tag}> is on its way. This spot fills in as soon as the element lands.`,

  theme: {
    toDark: 'Switch to dark theme',
    toLight: 'Switch to light theme',
    label: 'Theme',
    light: 'Light',
    dark: 'Dark',
    system: 'Match system',
  },
  status: {
    saved: 'All changes saved',
    saving: (n: number) => `Saving ${plural(n, 'change', 'changes')}…`,
    offline: (n: number) => (n > 0 ? `Offline · ${plural(n, 'change', 'changes')} waiting` : 'Offline'),
    /** Said after the waiting changes when the cache does not outlive the tab. */
    thisTabOnly: 'kept in this tab only',
    paused: (n: number) => (n > 0 ? `Sign in again to save ${plural(n, 'change', 'changes')}` : 'Sign in again to save changes'),
    signIn: 'Sign in again',
    loading: 'Loading…',
    updating: 'Updating…',
    /** The shown data came from the cache and could not be updated. */
    savedData: 'Showing saved data',
    savedAt: (ago: string) => `Data saved ${ago}`,
    justNow: 'just now',
    error: 'Could not load data',
  },

  /** The notice across the top bar while any fault is on. */
  faultNotice: {
    title: 'Faults on',
    hint: 'The mock backend fails on purpose, in this tab and across reloads, until you turn it off.',
    off: 'Turn all faults off',
    settings: 'Fault settings',
    offline: 'Offline',
    latency: (label: string) => `Latency ${label}`,
    errors: (label: string) => `Server errors: ${label}`,
    status: (label: string) => `Every request answers ${label}`,
    malformed: 'Malformed responses',
  },

  activity: {
    title: 'Activity',
    open: 'Activity',
    close: 'Close activity',
    empty: 'Changes to segments and memberships show up here, newest first.',
    clear: 'Clear',
    unread: (n: number) => `${formatNumber(n)} new`,
    you: 'You',
    link: 'Invite link',
    automation: 'Automation',
    elsewhere: 'Someone else',
    added: (who: string, segments: string) => `added ${who} to ${segments}`,
    removed: (who: string, segments: string) => `removed ${who} from ${segments}`,
    joined: (who: string, segments: string) => `${who} joined ${segments}`,
    created: (name: string) => `created the segment “${name}”`,
    restored: (name: string) => `restored the segment “${name}” (undo)`,
    renamed: (from: string, to: string) => `renamed “${from}” to “${to}”`,
    updated: (name: string) => `updated the segment “${name}”`,
    deleted: (name: string) => `deleted the segment “${name}”`,
    failed: (message: string) => `Something failed: ${message}`,
    people: (n: number) => plural(n, 'member', 'members'),
    and: (a: string, b: string) => `${a} and ${b}`,
    unknownSegment: 'a deleted segment',
    inviteCreated: (segment: string) => `created an invite link to ${segment}`,
    inviteRevoked: (segment: string) => `revoked an invite link to ${segment}`,
  },

  /** What a toast says when a write was refused, by error code (the store's own message for the user's mistakes). */
  errorToast: (code: string, message: string): string => {
    switch (code) {
      case 'bad-response':
        return 'The server sent an answer we could not read. Your change was undone; try again.';
      case 'server':
        return 'The server is having trouble. Your change was undone; try again in a moment.';
      case 'network':
      case 'offline':
        return 'Could not reach the server. Your change was undone.';
      case 'unauthorized':
        return 'Your session has expired. Sign in again to save changes.';
      default:
        return message;
    }
  },
  toast: {
    close: 'Dismiss',
    region: 'Notifications',
    reset: 'Demo data reset: back to the seeded community.',
    size: (n: number) => `Now showing ${plural(n, 'member', 'members')}.`,
    faultsCleared: 'Faults cleared: the backend answers normally again.',
    copied: 'Link copied.',
  },

  settings: {
    open: 'Settings',
    title: 'Demo settings',
    intro: 'The demo runs on segkit’s mock backend, inside this page. Try it under pressure.',
    close: 'Close settings',
    data: 'Community size',
    dataHint: 'Each size keeps its own changes across reloads.',
    size: (n: number) => `${formatNumber(n)} members`,
    switching: 'Switching…',
    faults: 'Network faults',
    faultsHint: 'Injected by the mock backend: segkit retries, queues and rolls back. They stay on in this tab, across reloads, until you turn them off.',
    latency: 'Latency',
    /** A latency choice: none, a range or a fixed delay. */
    latencyOption: (ms: number | [number, number]): string => {
      if (Array.isArray(ms)) return `${ms[0]}–${ms[1]} ms`;
      if (ms === 0) return 'None';
      return ms % 1000 === 0 ? plural(ms / 1000, 'second', 'seconds') : `${ms} ms`;
    },
    errorRate: 'Server errors',
    /** A server error rate choice (a share of requests, 0 to 1). */
    errorRateOption: (rate: number) => (rate === 0 ? 'None' : rate === 1 ? 'Every request' : `${Math.round(rate * 100)}% of requests`),
    status: 'Forced status',
    /** A forced status choice: none, or a status with its meaning. */
    statusOption: (status: number | null): string => {
      const meaning: Record<number, string> = {
        401: 'Unauthorized (session expired)',
        403: 'Forbidden',
        429: 'Too many requests',
        500: 'Server error',
        503: 'Service unavailable',
      };
      return status === null ? 'None' : `${status} ${meaning[status] ?? ''}`.trim();
    },
    offline: 'Offline (requests fail)',
    malformed: 'Malformed responses',
    clearFaults: 'Clear faults',
    danger: 'Demo data',
    resetHint: 'Back to the seeded community: removes your segments, membership changes, invites, campaigns, automations and the activity log.',
    reset: 'Reset demo data',
    resetting: 'Resetting…',
  },

  audience: {
    campaignTitle: 'New campaign',
    campaignIntro: 'The audience field below is a form field: its value is saved with the campaign.',
    name: 'Campaign name',
    namePlaceholder: 'Spring glow launch',
    audience: 'Audience',
    save: 'Save campaign',
    saved: 'Saved campaigns',
    savedEmpty: 'No campaigns yet. Saved campaigns keep their audience rules.',
    value: 'What the form submitted',
    nameRequired: 'Give the campaign a name.',
    delete: (name: string) => `Delete campaign ${name}`,
    automationTitle: 'Automation step',
    automationIntro: 'The segment picker as a form field: “Assign to Segment” when something happens.',
    when: 'When',
    triggers: [
      ['reply', 'A member replies to a message'],
      ['open', 'A member opens an email'],
      ['click', 'A member clicks a link'],
    ] as Array<[string, string]>,
    then: 'Then assign to segment',
    saveAutomation: 'Save automation',
    automations: 'Automations',
    automationsEmpty: 'No automations yet.',
    rule: (trigger: string, segments: string) => `${trigger} → assign to ${segments}`,
    run: 'Run now on 3 random members',
    chooseSegment: 'Choose at least one segment.',
    include: 'include',
    exclude: 'exclude',
    everyone: 'Everyone',
  },

  invites: {
    linksTitle: 'Segment links',
    linksIntro: 'Choose a segment to see its links and create one. Expiry and a maximum of uses are optional.',
    howTitle: 'How segment links work',
    how: [
      'Pick a segment and create a link. Links can expire or be limited to a number of uses.',
      'Share it: in a digital receipt, a bio, a QR code at an event.',
      'Whoever opens it and joins is added to that segment, and it shows up in Activity.',
    ],
    tryTitle: 'Try the landing page',
    tryIntro: 'Create a link, then open it here to join as a new ambassador.',
    latest: 'Latest link',
    openLanding: 'Open the landing page',
    noLink: 'No link created in this session yet.',
    paste: 'Or paste an invitation link or token',
    open: 'Open',
  },

  join: {
    title: 'Join Glow Collective',
    intro: 'You have been invited to our ambassador community. Tell us who you are.',
    into: (segment: string) => `You will join: ${segment}`,
    name: 'Your name',
    email: 'Email',
    submit: 'Join the community',
    joining: 'Joining…',
    welcome: (name: string) => `Welcome, ${name}!`,
    joined: (segment: string) => `You are now in ${segment}.`,
    /** After joining a segment whose link reveals fields (its discount code). */
    welcomeTo: (segment: string) => `Welcome to ${segment}.`,
    /** One revealed field, named by its label: "Your discount code: VIP20". */
    yourField: (label: string) => `Your ${label.charAt(0).toLocaleLowerCase('en') + label.slice(1)}:`,
    already: (segment: string) => `You were already in ${segment}. Welcome back.`,
    missing: 'This page needs an invitation link (…?segkit-invite=…).',
    back: 'Back to the dashboard',
    nameRequired: 'Please enter your name.',
    demoNote: 'Simulated landing page: a brand would host this on its own site.',
  },
};
