import type { AreaLevel } from './areas';

/** The roles a person can hold (GLOSSARY), each bound to an area subtree or, for orgAdmin, an organization. */
export const roles = [
  'sysadmin',
  'civilAffairs',
  'civilizationOffice',
  'township',
  'committee',
  'orgAdmin',
  'volunteer',
  'resident',
  'reviewer',
] as const;
export type Role = (typeof roles)[number];

/**
 * Rank for "never grant above your own role": a grantor may grant a role of equal or lower
 * rank, inside the subtree of the grant that carries `roles.grant`.
 */
export const roleRank: Record<Role, number> = {
  sysadmin: 9,
  civilAffairs: 8,
  civilizationOffice: 7,
  township: 6,
  committee: 5,
  reviewer: 4,
  orgAdmin: 3,
  volunteer: 2,
  resident: 1,
};

/** The area levels a role may be bound at (004 三.二.1: 民政登记、街道备案、社区指导). */
export const roleAreaLevels: Record<Role, readonly AreaLevel[]> = {
  sysadmin: ['country'],
  civilAffairs: ['country', 'province', 'city', 'county'],
  civilizationOffice: ['country', 'province', 'city', 'county'],
  township: ['township'],
  committee: ['community'],
  orgAdmin: ['township', 'community'],
  volunteer: ['province', 'city', 'county', 'township', 'community'],
  resident: ['community'],
  reviewer: ['country', 'province', 'city', 'county'],
};

type PermissionSpec = {
  /** i18n key of the Chinese label */
  label: string;
  dependsOn: readonly PermissionKey[];
  /** the deepest level at which a grant still carries this permission */
  lowestLevel: AreaLevel;
};

export const permissionKeys = [
  'areas.read',
  'users.read',
  'users.create',
  'users.update',
  'users.lock',
  'roles.grant',
  'audit.read',
  'personalData.reveal',
  'organizations.read',
  'organizations.supervise',
  'filings.submit',
  'filings.committeeReview',
  'filings.townshipDecide',
  'filings.civilAffairsRecord',
  'activities.read',
  'activities.manage',
  'activities.acknowledgeReport',
  'activities.approve',
  'activities.configure',
  'venues.read',
  'venues.manage',
  'needs.post',
  'needs.read',
  'needs.dispatch',
  'needs.accept',
  'volunteers.self',
  'volunteers.read',
  'volunteers.manage',
  'volunteers.configure',
  'volunteers.approveStar',
  'serviceStations.read',
  'serviceStations.manage',
  'volunteerProjects.read',
  'volunteerProjects.manage',
  'serviceRecords.read',
  'serviceRecords.manage',
  'workingCalendar.manage',
  'reportTasks.send',
  'reportTasks.submit',
  'statistics.read',
  'targets.manage',
  'recognitions.manage',
] as const;
export type PermissionKey = (typeof permissionKeys)[number];

/** The permission registry: drives route checks, the role editor and the route coverage test. */
export const permissions: Record<PermissionKey, PermissionSpec> = {
  'areas.read': { label: 'permissions.areas.read', dependsOn: [], lowestLevel: 'community' },
  'users.read': { label: 'permissions.users.read', dependsOn: [], lowestLevel: 'community' },
  'users.create': { label: 'permissions.users.create', dependsOn: ['users.read'], lowestLevel: 'township' },
  'users.update': { label: 'permissions.users.update', dependsOn: ['users.read'], lowestLevel: 'township' },
  'users.lock': { label: 'permissions.users.lock', dependsOn: ['users.read'], lowestLevel: 'township' },
  'roles.grant': { label: 'permissions.roles.grant', dependsOn: ['users.read'], lowestLevel: 'township' },
  'audit.read': { label: 'permissions.audit.read', dependsOn: [], lowestLevel: 'community' },
  'personalData.reveal': { label: 'permissions.personalData.reveal', dependsOn: [], lowestLevel: 'township' },
  'organizations.read': { label: 'permissions.organizations.read', dependsOn: [], lowestLevel: 'community' },
  'organizations.supervise': {
    label: 'permissions.organizations.supervise',
    dependsOn: ['organizations.read'],
    lowestLevel: 'township',
  },
  'filings.submit': { label: 'permissions.filings.submit', dependsOn: [], lowestLevel: 'community' },
  'filings.committeeReview': {
    label: 'permissions.filings.committeeReview',
    dependsOn: ['organizations.read'],
    lowestLevel: 'community',
  },
  'filings.townshipDecide': {
    label: 'permissions.filings.townshipDecide',
    dependsOn: ['organizations.read'],
    lowestLevel: 'township',
  },
  'filings.civilAffairsRecord': {
    label: 'permissions.filings.civilAffairsRecord',
    dependsOn: ['organizations.read'],
    lowestLevel: 'county',
  },
  // C4 civilization practice activities and venues
  'activities.read': { label: 'permissions.activities.read', dependsOn: [], lowestLevel: 'community' },
  'activities.manage': { label: 'permissions.activities.manage', dependsOn: [], lowestLevel: 'community' },
  'activities.acknowledgeReport': {
    label: 'permissions.activities.acknowledgeReport',
    dependsOn: ['activities.read'],
    lowestLevel: 'community',
  },
  'activities.approve': {
    label: 'permissions.activities.approve',
    dependsOn: ['activities.read'],
    lowestLevel: 'township',
  },
  'activities.configure': {
    label: 'permissions.activities.configure',
    dependsOn: ['activities.read'],
    lowestLevel: 'township',
  },
  'venues.read': { label: 'permissions.venues.read', dependsOn: [], lowestLevel: 'community' },
  'venues.manage': { label: 'permissions.venues.manage', dependsOn: ['venues.read'], lowestLevel: 'community' },
  // C4 needs and dispatch (群众点单 → 中心派单 → 接单 → 群众评单)
  'needs.post': { label: 'permissions.needs.post', dependsOn: [], lowestLevel: 'community' },
  'needs.read': { label: 'permissions.needs.read', dependsOn: [], lowestLevel: 'community' },
  'needs.dispatch': { label: 'permissions.needs.dispatch', dependsOn: ['needs.read'], lowestLevel: 'community' },
  'needs.accept': { label: 'permissions.needs.accept', dependsOn: [], lowestLevel: 'community' },
  // C5 volunteer service
  'volunteers.self': { label: 'permissions.volunteers.self', dependsOn: [], lowestLevel: 'community' },
  'volunteers.read': { label: 'permissions.volunteers.read', dependsOn: [], lowestLevel: 'community' },
  'volunteers.manage': {
    label: 'permissions.volunteers.manage',
    dependsOn: ['volunteers.read'],
    lowestLevel: 'community',
  },
  'volunteers.configure': {
    label: 'permissions.volunteers.configure',
    dependsOn: ['volunteers.read'],
    lowestLevel: 'county',
  },
  'volunteers.approveStar': {
    label: 'permissions.volunteers.approveStar',
    dependsOn: ['volunteers.read'],
    lowestLevel: 'county',
  },
  'serviceStations.read': { label: 'permissions.serviceStations.read', dependsOn: [], lowestLevel: 'community' },
  'serviceStations.manage': {
    label: 'permissions.serviceStations.manage',
    dependsOn: ['serviceStations.read'],
    lowestLevel: 'community',
  },
  'volunteerProjects.read': { label: 'permissions.volunteerProjects.read', dependsOn: [], lowestLevel: 'community' },
  'volunteerProjects.manage': {
    label: 'permissions.volunteerProjects.manage',
    dependsOn: ['volunteerProjects.read'],
    lowestLevel: 'community',
  },
  'serviceRecords.read': { label: 'permissions.serviceRecords.read', dependsOn: [], lowestLevel: 'community' },
  'serviceRecords.manage': {
    label: 'permissions.serviceRecords.manage',
    dependsOn: ['serviceRecords.read'],
    lowestLevel: 'community',
  },
  'workingCalendar.manage': { label: 'permissions.workingCalendar.manage', dependsOn: [], lowestLevel: 'country' },
  // C11 report tasks (001 三.四): a township sends to its communities at the lowest
  'reportTasks.send': { label: 'permissions.reportTasks.send', dependsOn: [], lowestLevel: 'township' },
  'reportTasks.submit': { label: 'permissions.reportTasks.submit', dependsOn: [], lowestLevel: 'community' },
  // C11 statistics and targets
  'statistics.read': { label: 'permissions.statistics.read', dependsOn: [], lowestLevel: 'community' },
  'targets.manage': { label: 'permissions.targets.manage', dependsOn: ['statistics.read'], lowestLevel: 'township' },
  'recognitions.manage': {
    label: 'permissions.recognitions.manage',
    dependsOn: ['organizations.read'],
    lowestLevel: 'township',
  },
};

const officer: readonly PermissionKey[] = [
  'areas.read',
  'users.read',
  'users.create',
  'users.update',
  'users.lock',
  'roles.grant',
  'audit.read',
  'personalData.reveal',
];

/**
 * What each role may do, before the jurisdiction is considered. Filing paths (004 三.二.1–2):
 * the committee records guided organizations and gives its opinion on filed ones, the township
 * decides filings, civil affairs records registered organizations.
 * Activities (C4): organizations plan and record their own (`activities.manage` through the
 * orgAdmin grant on the organization); the committee acknowledges major-event reports (003 二.四.2);
 * the township (guided/filed organizations) or civil affairs (registered ones) approves seminars,
 * exhibitions and awards (002 会议要求三); officers and the civilization office keep the venues.
 * Needs (C4): residents and the committee post them; the venue covering a need dispatches it —
 * the committee for a community's station, the township for its institute, civil affairs or the
 * civilization office for the county center (the level rule is in modules/needs/policy.ts);
 * organizations accept the needs dispatched to them (`needs.accept` through the orgAdmin grant).
 * Volunteer service (C5): a volunteer serves themself (`volunteers.self`: profile, sign-ups,
 * check-in, own records and correction requests); an organization's administrator posts its
 * projects and keeps its records (谁组织谁记录、谁记录谁证明) and registers people without a
 * smartphone; the township and committee keep the service stations (000 四.二) and oversee
 * volunteers, projects and records of their area; county-level civil affairs and the
 * civilization office set star thresholds and approve five stars.
 * Report tasks (C11, 001 三.四): civil affairs, the civilization office and the township send
 * report tasks to the child areas of their jurisdiction; the officers of an addressee area
 * (civil affairs / civilization office of a county or city, the township office, the committee)
 * fill them in and submit.
 * Statistics (C11): every officer reads the dashboard of their jurisdiction; civil affairs, the
 * civilization office and the township keep plan targets and grant recognitions (品牌组织,
 * 示范型组织, 示范点) to organizations of their area.
 */
export const rolePermissions: Record<Role, readonly PermissionKey[]> = {
  sysadmin: permissionKeys,
  civilAffairs: [
    ...officer,
    'organizations.read',
    'organizations.supervise',
    'filings.submit',
    'filings.civilAffairsRecord',
    'activities.read',
    'activities.approve',
    'activities.configure',
    'venues.read',
    'venues.manage',
    'needs.read',
    'needs.dispatch',
    'volunteers.read',
    'volunteers.configure',
    'volunteers.approveStar',
    'serviceStations.read',
    'volunteerProjects.read',
    'serviceRecords.read',
    'workingCalendar.manage',
    'reportTasks.send',
    'reportTasks.submit',
    'statistics.read',
    'targets.manage',
    'recognitions.manage',
  ],
  civilizationOffice: [
    'areas.read',
    'users.read',
    'audit.read',
    'organizations.read',
    'activities.read',
    'activities.configure',
    'venues.read',
    'venues.manage',
    'needs.read',
    'needs.dispatch',
    'volunteers.read',
    'volunteers.configure',
    'volunteers.approveStar',
    'serviceStations.read',
    'volunteerProjects.read',
    'serviceRecords.read',
    'reportTasks.send',
    'reportTasks.submit',
    'statistics.read',
    'targets.manage',
    'recognitions.manage',
  ],
  township: [
    ...officer,
    'organizations.read',
    'organizations.supervise',
    'filings.submit',
    'filings.townshipDecide',
    'activities.read',
    'activities.acknowledgeReport',
    'activities.approve',
    'activities.configure',
    'venues.read',
    'venues.manage',
    'needs.read',
    'needs.dispatch',
    'volunteers.read',
    'volunteers.manage',
    'serviceStations.read',
    'serviceStations.manage',
    'volunteerProjects.read',
    'serviceRecords.read',
    'reportTasks.send',
    'reportTasks.submit',
    'statistics.read',
    'targets.manage',
    'recognitions.manage',
  ],
  committee: [
    'areas.read',
    'users.read',
    'audit.read',
    'organizations.read',
    'filings.submit',
    'filings.committeeReview',
    'activities.read',
    'activities.acknowledgeReport',
    'venues.read',
    'venues.manage',
    'needs.post',
    'needs.read',
    'needs.dispatch',
    'volunteers.read',
    'volunteers.manage',
    'serviceStations.read',
    'serviceStations.manage',
    'volunteerProjects.read',
    'serviceRecords.read',
    'reportTasks.submit',
    'statistics.read',
  ],
  orgAdmin: [
    'areas.read',
    'filings.submit',
    'activities.read',
    'activities.manage',
    'venues.read',
    'needs.accept',
    'volunteers.read',
    'volunteers.manage',
    'serviceStations.read',
    'volunteerProjects.read',
    'volunteerProjects.manage',
    'serviceRecords.read',
    'serviceRecords.manage',
  ],
  volunteer: ['areas.read', 'filings.submit', 'volunteers.self', 'serviceStations.read'],
  resident: ['areas.read', 'filings.submit', 'needs.post'],
  reviewer: ['areas.read'],
};

/** Route-level access: a permission key, or one of the two keys that need no permission. */
export type RouteAccess = PermissionKey | 'public' | 'authenticated';
