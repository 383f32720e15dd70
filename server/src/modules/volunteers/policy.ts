import type { PermissionKey } from '@linli/contract/permissions';
import type { Project, Reflection, ServiceRecordDetail, Station, VolunteerView } from '@linli/contract/volunteers';
import { type Actor, grantCarries, isInScope, type Scope, scopeOf } from '../../platform/access';
import type { ProjectRow, RecordRow, ReflectionRow, VolunteerAccess } from './tables';

/**
 * Object rules for volunteer service. As in activities, an organization's administrators act
 * for their own organizations only (ids, never the area of their grant), so area scopes come
 * from the other grants. A volunteer acts on their own profile, sign-ups and records (the
 * service finds them by the actor's user id).
 */
export function officerScope(actor: Actor, permission: PermissionKey): Scope {
  return scopeOf({ ...actor, grants: actor.grants.filter((g) => g.role !== 'orgAdmin') }, permission);
}

/** Organizations the actor administers with `permission`. */
export function ownOrgIds(actor: Actor, permission: PermissionKey): string[] {
  return actor.grants
    .filter((g) => g.role === 'orgAdmin' && g.orgId !== null && grantCarries(g, permission))
    .map((g) => g.orgId as string);
}

export function accessFor(actor: Actor, permission: PermissionKey): VolunteerAccess {
  return { scope: officerScope(actor, permission), orgIds: ownOrgIds(actor, permission) };
}

/** Whether the actor acts for this organization with `permission` (its administrator, or an officer above). */
export function actsFor(actor: Actor, permission: PermissionKey, org: { id: string; areaCode: string }): boolean {
  return ownOrgIds(actor, permission).includes(org.id) || isInScope(officerScope(actor, permission), org.areaCode);
}

// ─── volunteers ────────────────────────────────────────────────────────────────

/**
 * Who may change a volunteer's profile besides the volunteer: an officer of the home area, or
 * the organization that registered someone without an account (it acts for them).
 */
export function mayUpdateVolunteer(
  actor: Actor,
  v: { area_code: string; user_id: string | null; registered_by_org_id: string | null },
): boolean {
  if (isInScope(officerScope(actor, 'volunteers.manage'), v.area_code)) {
    return true;
  }
  return (
    v.user_id === null &&
    v.registered_by_org_id !== null &&
    ownOrgIds(actor, 'volunteers.manage').includes(v.registered_by_org_id)
  );
}

export function volunteerAbilities(
  actor: Actor,
  v: { area_code: string; user_id: string | null; registered_by_org_id: string | null },
): VolunteerView['abilities'] {
  const self = v.user_id !== null && v.user_id === actor.userId;
  return {
    update: self || mayUpdateVolunteer(actor, v),
    reveal: isInScope(scopeOf(actor, 'personalData.reveal'), v.area_code),
    assignStation: isInScope(scopeOf(actor, 'serviceStations.manage'), v.area_code),
  };
}

export function mayApproveStar(actor: Actor, areaCode: string): boolean {
  return isInScope(officerScope(actor, 'volunteers.approveStar'), areaCode);
}

// ─── stations ──────────────────────────────────────────────────────────────────

/** Stations are kept by the township and the committee of their area (000 四.二). */
export function stationAbilities(actor: Actor, s: { area_code: string }): Station['abilities'] {
  return { update: isInScope(scopeOf(actor, 'serviceStations.manage'), s.area_code) };
}

// ─── projects ──────────────────────────────────────────────────────────────────

export const mayManageProject = (actor: Actor, p: { org_id: string; org_area_code: string }) =>
  actsFor(actor, 'volunteerProjects.manage', { id: p.org_id, areaCode: p.org_area_code });

/** Drafts and closed projects: their organization and the officers of the area; published: anyone signed in. */
export function mayReadProject(actor: Actor, p: ProjectRow): boolean {
  return (
    p.status === 'published' ||
    mayManageProject(actor, p) ||
    ownOrgIds(actor, 'volunteerProjects.read').includes(p.org_id) ||
    isInScope(officerScope(actor, 'volunteerProjects.read'), p.area_code)
  );
}

export function projectAbilities(actor: Actor, p: ProjectRow, hasVolunteerGrant: boolean): Project['abilities'] {
  const manages = mayManageProject(actor, p);
  return {
    update: manages && p.status === 'draft',
    publish: manages && p.status === 'draft',
    close: manages && p.status === 'published',
    manageShifts: manages && p.status !== 'closed',
    signUp: hasVolunteerGrant && p.status === 'published',
  };
}

// ─── records ───────────────────────────────────────────────────────────────────

export const mayManageRecordsOf = (actor: Actor, org: { id: string; areaCode: string }) =>
  actsFor(actor, 'serviceRecords.manage', org);

export function mayReadRecord(actor: Actor, r: RecordRow, orgAreaCode: string): boolean {
  return (
    (r.volunteer_user_id !== null && r.volunteer_user_id === actor.userId) ||
    actsFor(actor, 'serviceRecords.read', { id: r.org_id, areaCode: orgAreaCode }) ||
    isInScope(officerScope(actor, 'serviceRecords.read'), r.area_code)
  );
}

export function recordAbilities(actor: Actor, r: RecordRow, orgAreaCode: string): ServiceRecordDetail['abilities'] {
  const manages = mayManageRecordsOf(actor, { id: r.org_id, areaCode: orgAreaCode });
  const own = r.volunteer_user_id !== null && r.volunteer_user_id === actor.userId;
  return {
    correct: manages,
    confirm: manages && r.status === 'pending',
    requestCorrection: own && r.status !== 'open' && !r.has_open_request,
  };
}

// ─── reflections ───────────────────────────────────────────────────────────────

type ReflectionSubject = Pick<ReflectionRow, 'volunteer_user_id' | 'org_id' | 'org_area_code' | 'area_code' | 'status'>;

const isAuthor = (actor: Actor, x: ReflectionSubject) =>
  x.volunteer_user_id !== null && x.volunteer_user_id === actor.userId;

/** The project's organization reviews its volunteers' reflections (published after its review: issue 5 item 6). */
export const mayReviewReflection = (actor: Actor, x: ReflectionSubject) =>
  mayManageProject(actor, { org_id: x.org_id, org_area_code: x.org_area_code });

/** The author, the project's organization and the officers of the project's area. */
export function mayReadReflection(actor: Actor, x: ReflectionSubject): boolean {
  return (
    isAuthor(actor, x) ||
    actsFor(actor, 'volunteerProjects.read', { id: x.org_id, areaCode: x.org_area_code }) ||
    isInScope(officerScope(actor, 'volunteerProjects.read'), x.area_code)
  );
}

export function reflectionAbilities(actor: Actor, x: ReflectionSubject): Reflection['abilities'] {
  const reviews = mayReviewReflection(actor, x) && x.status === 'submitted';
  return { addPhotos: isAuthor(actor, x) && x.status === 'submitted', publish: reviews, reject: reviews };
}
