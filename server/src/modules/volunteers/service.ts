import { randomBytes, randomUUID } from 'node:crypto';
import { type AreaLevel, prefixLengthByLevel, subtreeRange } from '@linli/contract/areas';
import type { FieldError } from '@linli/contract/errors';
import type { PermissionKey } from '@linli/contract/permissions';
import type {
  BackfillBody,
  CorrectionBody,
  CorrectionDecisionBody,
  ProfileUpdateBody,
  Project,
  ProjectBody,
  ProjectListQuery,
  ProjectSummary,
  ProjectUpdateBody,
  PublicProjectQuery,
  RecordListQuery,
  SelfRegistrationBody,
  ServiceRecord,
  ServiceRecordDetail,
  ShiftInput,
  Signup,
  StarSettings,
  StarSettingsBody,
  Station,
  StationBody,
  StationUpdateBody,
  VolunteerListQuery,
  VolunteerOverview,
  VolunteerRegistrationBody,
  VolunteerView,
} from '@linli/contract/volunteers';
import { type Actor, auditContextOf, isInScope, scopeOf } from '../../platform/access';
import { appendAudit, auditRowValues } from '../../platform/audit';
import { type Db, type Queryable, type Tx, withTransaction } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
import { isValidIdNumber, maskIdNumber, maskMobile, type PersonalDataCipher } from '../../platform/personal-data';
import { getActivity } from '../activities/index';
import { checkInErrors, projectErrors, recordErrors, signupErrors, stationErrors, volunteerErrors } from './errors';
import {
  ageOn,
  CHECKIN_WINDOW_SECONDS,
  calendarWindow,
  checkInCode,
  confirmDeadline,
  DEFAULT_STAR_THRESHOLDS_HOURS,
  hoursOf,
  MAX_RECORD_MS,
  overdueCutoff,
  serviceMinutes,
  shiftTimes,
  starsHeld,
  starsReached,
  verifyCheckInCode,
  type WorkingCalendar,
} from './hours';
import {
  accessFor,
  actsFor,
  mayApproveStar,
  mayManageProject,
  mayManageRecordsOf,
  mayReadProject,
  mayReadRecord,
  mayUpdateVolunteer,
  officerScope,
  ownOrgIds,
  projectAbilities,
  recordAbilities,
  stationAbilities,
  volunteerAbilities,
} from './policy';
import * as q from './queries';
import type { CorrectionRow, ProjectRow, RecordRow, ShiftFacts, SignupRow, StationRow, VolunteerRow } from './tables';

/** `now` is injectable so tests and the demo seed can stand at another moment. */
export type VolunteerDeps = { db: Db; cipher: PersonalDataCipher; now?: () => Date };

const nowOf = (deps: VolunteerDeps) => deps.now?.() ?? new Date();
const field = (path: string, code: string, message: string): FieldError => ({ path, code, message });
const invalid = (fields: FieldError[]) => platformErrors.VALIDATION_FAILED(fields);
const pgCode = (error: unknown) =>
  typeof error === 'object' && error !== null ? (error as { code?: string; constraint?: string }) : {};
/** A check-in may come this long before the shift starts. */
const CHECKIN_EARLY_MS = 30 * 60_000;

async function audit(
  tx: Tx,
  deps: VolunteerDeps,
  actor: Actor,
  permission: PermissionKey | undefined,
  subject: { entity: string; id: string; areaCode: string },
  action: string,
  before: unknown,
  after: unknown,
) {
  await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, permission, subject.areaCode), {
    action,
    entity: subject.entity,
    entityId: subject.id,
    areaCode: subject.areaCode,
    before,
    after,
  });
}

/** The codes of an area and its ancestors, nearest first. */
function ancestorCodes(areaCode: string): string[] {
  const levels: AreaLevel[] = ['community', 'township', 'county', 'city', 'province', 'country'];
  const codes = levels.map((l) => areaCode.slice(0, prefixLengthByLevel[l]).padEnd(12, '0'));
  return codes.filter((c, i) => codes.indexOf(c) === i);
}

const hasVolunteerGrant = (actor: Actor) => actor.grants.some((g) => g.role === 'volunteer');

// ─── star levels ─────────────────────────────────────────────────────────────

export async function starSettingsFor(db: Queryable, areaCode: string) {
  const codes = ancestorCodes(areaCode);
  const rows = new Map((await q.findStarSettings(db, codes)).map((r) => [r.area_code, r]));
  let thresholds: number[] | null = null;
  let needsApproval: boolean | null = null;
  for (const c of codes) {
    const r = rows.get(c);
    thresholds ??= r?.thresholds_hours ?? null;
    needsApproval ??= r?.five_star_needs_approval ?? null;
  }
  return {
    thresholdsHours: thresholds ?? [...DEFAULT_STAR_THRESHOLDS_HOURS],
    fiveStarNeedsApproval: needsApproval ?? false,
    own: rows.get(areaCode) ?? null,
  };
}

function starOf(v: VolunteerRow, settings: { thresholdsHours: number[]; fiveStarNeedsApproval: boolean }) {
  const reached = starsReached(v.confirmed_minutes, settings.thresholdsHours);
  const level = starsHeld(reached, settings.fiveStarNeedsApproval, v.five_star_decided_at !== null);
  const next = settings.thresholdsHours[reached];
  return {
    level,
    reached,
    fiveStarPending: v.five_star_requested_at !== null,
    nextAtHours: next === undefined ? null : next,
  };
}

/**
 * Changes a volunteer's confirmed minutes by `delta` and sets the stars they now hold; at five
 * stars under an area that asks for approval, the request waits for an officer. The volunteer
 * row must be locked by the caller (q.lockVolunteers).
 */
async function addConfirmedMinutes(
  tx: Tx,
  v: { id: string; area_code: string; confirmed_minutes: number; five_star_decided_at: Date | null },
  delta: number,
) {
  const settings = await starSettingsFor(tx, v.area_code);
  const minutes = Math.max(0, v.confirmed_minutes + delta);
  const reached = starsReached(minutes, settings.thresholdsHours);
  const approved = v.five_star_decided_at !== null;
  await q.setVolunteerHours(tx, v.id, {
    confirmedMinutes: minutes,
    starLevel: starsHeld(reached, settings.fiveStarNeedsApproval, approved),
    fiveStarRequested: reached === 5 && settings.fiveStarNeedsApproval && !approved,
  });
}

// ─── volunteers ──────────────────────────────────────────────────────────────

async function presentVolunteer(deps: VolunteerDeps, actor: Actor, v: VolunteerRow): Promise<VolunteerView> {
  const [teams, settings] = await Promise.all([q.findTeams(deps.db, [v.id]), starSettingsFor(deps.db, v.area_code)]);
  return {
    ...presentVolunteerLight(deps, actor, v, settings),
    teams: teams.map((t) => ({ orgId: t.org_id, orgName: t.org_name, joinedAt: t.joined_at.toISOString() })),
  };
}

/** Checks a profile's areas and station against the database; collects every problem. */
async function checkProfile(
  db: Queryable,
  p: { areaCode?: string; serviceAreaCodes?: string[]; stationId?: string | null },
  errors: FieldError[],
) {
  const codes = [...new Set([...(p.areaCode ? [p.areaCode] : []), ...(p.serviceAreaCodes ?? [])])];
  const levels = await q.findAreaLevels(db, codes);
  if (p.areaCode && levels.get(p.areaCode) !== 5) {
    errors.push(field('areaCode', 'volunteer.area.notCommunity', '请选择所在的社区(村)'));
  }
  for (const [i, c] of (p.serviceAreaCodes ?? []).entries()) {
    if (!levels.has(c)) {
      errors.push(field(`serviceAreaCodes.${i}`, 'AREA_NOT_FOUND', '未找到该行政区划'));
    }
  }
  if (p.stationId) {
    const station = await q.findStation(db, p.stationId);
    if (station?.status !== 'open') {
      errors.push(field('stationId', 'volunteer.station.notFound', '未找到该志愿服务站点，或站点已停用'));
    }
  }
}

function checkIdNumber(idNumber: string, errors: FieldError[]) {
  if (!isValidIdNumber(idNumber)) {
    errors.push(field('idNumber', 'idNumber.checkDigit', '身份证号码不正确（出生日期或校验位有误）'));
  }
}

const idTaken = () =>
  volunteerErrors.VOLUNTEER_ID_NUMBER_TAKEN([
    field('idNumber', 'VOLUNTEER_ID_NUMBER_TAKEN', '该身份证号码已注册为志愿者'),
  ]);

async function insertVolunteerChecked(tx: Tx, write: q.VolunteerWrite): Promise<string> {
  try {
    await tx.query('SAVEPOINT volunteer_insert');
    return await q.insertVolunteer(tx, write);
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT volunteer_insert');
    const e = pgCode(error);
    if (e.code === '23505' && e.constraint === 'volunteers_user_id_key') {
      throw volunteerErrors.VOLUNTEER_ALREADY_REGISTERED();
    }
    if (e.code === '23505') {
      throw idTaken();
    }
    throw error;
  }
}

/**
 * registerSelf — a signed-in account with the volunteer role registers under its real name
 * (ID number check digit verified, stored encrypted with a keyed hash for uniqueness). A
 * record an organization kept for the same person (same ID number, name and mobile, no account)
 * is taken over instead of duplicated. Audits `volunteer.register` (or `volunteer.claim`).
 */
export async function registerSelf(deps: VolunteerDeps, actor: Actor, body: SelfRegistrationBody): Promise<string> {
  if (await q.findVolunteerByUser(deps.db, actor.userId)) {
    throw volunteerErrors.VOLUNTEER_ALREADY_REGISTERED();
  }
  const errors: FieldError[] = [];
  checkIdNumber(body.idNumber, errors);
  await checkProfile(deps.db, body, errors);
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const idHash = deps.cipher.lookupHash(body.idNumber);
  const mobileHash = deps.cipher.lookupHash(body.mobile);
  const existing = await q.findVolunteerIdByIdHash(deps.db, idHash);
  return withTransaction(deps.db, async (tx) => {
    if (existing) {
      const samePerson =
        existing.user_id === null && existing.name === body.name && existing.mobile_hash.equals(mobileHash);
      if (!samePerson) {
        throw idTaken();
      }
      await q.attachAccount(tx, existing.id, actor.userId);
      const v = await q.findVolunteer(tx, existing.id);
      await audit(
        tx,
        deps,
        actor,
        'volunteers.self',
        { entity: 'volunteer', id: existing.id, areaCode: v!.area_code },
        'volunteer.claim',
        null,
        { userId: actor.userId },
      );
      return existing.id;
    }
    const id = await insertVolunteerChecked(tx, {
      userId: actor.userId,
      name: body.name,
      idNumberEnc: deps.cipher.encrypt(body.idNumber),
      idNumberHash: idHash,
      mobileEnc: deps.cipher.encrypt(body.mobile),
      mobileHash,
      areaCode: body.areaCode,
      skills: [...new Set(body.skills)],
      serviceAreaCodes: [...new Set(body.serviceAreaCodes)],
      availability: [...new Set(body.availability)],
      stationId: body.stationId,
      registeredBy: actor.userId,
      registeredByOrgId: null,
    });
    await audit(
      tx,
      deps,
      actor,
      'volunteers.self',
      { entity: 'volunteer', id, areaCode: body.areaCode },
      'volunteer.register',
      null,
      { name: body.name, areaCode: body.areaCode, skills: body.skills, stationId: body.stationId },
    );
    return id;
  });
}

/**
 * registerVolunteer — an organization (into its team) or an officer of the area registers
 * someone without a smartphone; the organization then signs them up and checks them in
 * (谁组织谁记录). Audits `volunteer.register`.
 */
export async function registerVolunteer(
  deps: VolunteerDeps,
  actor: Actor,
  body: VolunteerRegistrationBody,
): Promise<string> {
  const org = body.orgId ? await q.findOrgFacts(deps.db, body.orgId) : null;
  if (body.orgId && (!org || !actsFor(actor, 'volunteers.manage', { id: org.id, areaCode: org.area_code }))) {
    throw platformErrors.NOT_FOUND();
  }
  const errors: FieldError[] = [];
  if (!org && !isInScope(officerScope(actor, 'volunteers.manage'), body.areaCode)) {
    errors.push(field('areaCode', 'AREA_OUT_OF_SCOPE', '该区划不在您的管辖范围内'));
  }
  checkIdNumber(body.idNumber, errors);
  await checkProfile(deps.db, body, errors);
  if (errors.length > 0) {
    throw invalid(errors);
  }
  return withTransaction(deps.db, async (tx) => {
    const id = await insertVolunteerChecked(tx, {
      userId: null,
      name: body.name,
      idNumberEnc: deps.cipher.encrypt(body.idNumber),
      idNumberHash: deps.cipher.lookupHash(body.idNumber),
      mobileEnc: deps.cipher.encrypt(body.mobile),
      mobileHash: deps.cipher.lookupHash(body.mobile),
      areaCode: body.areaCode,
      skills: [...new Set(body.skills)],
      serviceAreaCodes: [...new Set(body.serviceAreaCodes)],
      availability: [...new Set(body.availability)],
      stationId: body.stationId,
      registeredBy: actor.userId,
      registeredByOrgId: org?.id ?? null,
    });
    if (org) {
      await q.joinTeam(tx, org.id, id, actor.userId);
    }
    await audit(
      tx,
      deps,
      actor,
      'volunteers.manage',
      { entity: 'volunteer', id, areaCode: body.areaCode },
      'volunteer.register',
      null,
      { name: body.name, areaCode: body.areaCode, orgId: org?.id ?? null, skills: body.skills },
    );
    return id;
  });
}

async function myVolunteer(db: Queryable, actor: Actor, forUpdate = false): Promise<VolunteerRow> {
  const v = await q.findVolunteerByUser(db, actor.userId, forUpdate);
  if (!v) {
    throw volunteerErrors.VOLUNTEER_NOT_REGISTERED();
  }
  return v;
}

export async function getMe(deps: VolunteerDeps, actor: Actor): Promise<VolunteerView> {
  return presentVolunteer(deps, actor, await myVolunteer(deps.db, actor));
}

async function applyProfile(
  deps: VolunteerDeps,
  actor: Actor,
  tx: Tx,
  v: VolunteerRow,
  body: ProfileUpdateBody,
  permission: PermissionKey,
) {
  const errors: FieldError[] = [];
  await checkProfile(tx, body, errors);
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const mobile = body.mobile ?? deps.cipher.decrypt(v.mobile_enc);
  const next = {
    mobileEnc: body.mobile ? deps.cipher.encrypt(body.mobile) : v.mobile_enc,
    mobileHash: deps.cipher.lookupHash(mobile),
    skills: body.skills ? [...new Set(body.skills)] : v.skills,
    serviceAreaCodes: body.serviceAreaCodes ? [...new Set(body.serviceAreaCodes)] : v.service_area_codes,
    availability: body.availability ? [...new Set(body.availability)] : v.availability,
    stationId: body.stationId === undefined ? v.station_id : body.stationId,
  };
  await q.updateVolunteerProfile(tx, v.id, next);
  await audit(
    tx,
    deps,
    actor,
    permission,
    { entity: 'volunteer', id: v.id, areaCode: v.area_code },
    'volunteer.update',
    {
      mobile: maskMobile(deps.cipher.decrypt(v.mobile_enc)),
      skills: v.skills,
      serviceAreaCodes: v.service_area_codes,
      availability: v.availability,
      stationId: v.station_id,
    },
    {
      mobile: maskMobile(mobile),
      skills: next.skills,
      serviceAreaCodes: next.serviceAreaCodes,
      availability: next.availability,
      stationId: next.stationId,
    },
  );
}

/** updateMe — the volunteer changes their mobile, skills, service areas, availability or station. Audits `volunteer.update`. */
export async function updateMe(deps: VolunteerDeps, actor: Actor, body: ProfileUpdateBody): Promise<VolunteerView> {
  await withTransaction(deps.db, async (tx) => {
    const v = await myVolunteer(tx, actor, true);
    await applyProfile(deps, actor, tx, v, body, 'volunteers.self');
  });
  return getMe(deps, actor);
}

/** The volunteer, when the actor may read it (404 otherwise: missing and not yours look the same). */
async function readableVolunteer(deps: VolunteerDeps, actor: Actor, id: string): Promise<VolunteerRow> {
  const v = await q.findVolunteer(deps.db, id);
  if (!v) {
    throw platformErrors.NOT_FOUND();
  }
  const own = v.user_id === actor.userId;
  if (!own && !(await q.isVolunteerReadable(deps.db, id, accessFor(actor, 'volunteers.read')))) {
    throw platformErrors.NOT_FOUND();
  }
  return v;
}

export async function getVolunteer(deps: VolunteerDeps, actor: Actor, id: string): Promise<VolunteerView> {
  return presentVolunteer(deps, actor, await readableVolunteer(deps, actor, id));
}

/** updateVolunteer — an officer of the area, or the organization acting for someone without an account. Audits `volunteer.update`. */
export async function updateVolunteer(deps: VolunteerDeps, actor: Actor, id: string, body: ProfileUpdateBody) {
  await readableVolunteer(deps, actor, id);
  await withTransaction(deps.db, async (tx) => {
    const v = await q.findVolunteer(tx, id, true);
    if (!v || !mayUpdateVolunteer(actor, v)) {
      throw platformErrors.NOT_FOUND();
    }
    await applyProfile(deps, actor, tx, v, body, 'volunteers.manage');
  });
  return getVolunteer(deps, actor, id);
}

export async function listVolunteers(deps: VolunteerDeps, actor: Actor, query: VolunteerListQuery) {
  const access = accessFor(actor, 'volunteers.read');
  const rows = await q.listVolunteers(deps.db, {
    access,
    within: query.areaCode ? subtreeRange(query.areaCode, levelOfCode(query.areaCode)) : undefined,
    orgId: query.orgId,
    stationId: query.stationId,
    skill: query.skill,
    idNumberHash: query.idNumber ? deps.cipher.lookupHash(query.idNumber) : undefined,
    after: query.cursor,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const settings = new Map<string, Awaited<ReturnType<typeof starSettingsFor>>>();
  const items = [];
  for (const v of page) {
    if (!settings.has(v.area_code)) {
      settings.set(v.area_code, await starSettingsFor(deps.db, v.area_code));
    }
    const {
      teams: _t,
      serviceAreaCodes: _s,
      availability: _a,
      ...summary
    } = presentVolunteerLight(deps, actor, v, settings.get(v.area_code)!);
    items.push(summary);
  }
  return { items, nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}

/**
 * volunteerOverview — the console's card: how many volunteers the caller may read (jurisdiction
 * or teams, as the list), their confirmed hours and how many hold each star level under their
 * home area's thresholds and five-star rule. Reads only.
 */
export async function volunteerOverview(deps: VolunteerDeps, actor: Actor): Promise<VolunteerOverview> {
  const groups = await q.countVolunteersByHours(deps.db, accessFor(actor, 'volunteers.read'));
  const settings = new Map<string, Awaited<ReturnType<typeof starSettingsFor>>>();
  const byStar = [0, 0, 0, 0, 0, 0];
  let volunteers = 0;
  let minutes = 0;
  let fiveStarPending = 0;
  for (const g of groups) {
    if (!settings.has(g.area_code)) {
      settings.set(g.area_code, await starSettingsFor(deps.db, g.area_code));
    }
    const s = settings.get(g.area_code)!;
    // whole hours reach the same stars as the minutes: thresholds are whole hours
    const level = starsHeld(starsReached(g.hours * 60, s.thresholdsHours), s.fiveStarNeedsApproval, g.is_five_approved);
    byStar[level]! += g.volunteers;
    volunteers += g.volunteers;
    minutes += g.minutes;
    fiveStarPending += g.five_pending;
  }
  return { volunteers, confirmedMinutes: minutes, confirmedHours: hoursOf(minutes), byStar, fiveStarPending };
}

function presentVolunteerLight(
  deps: VolunteerDeps,
  actor: Actor,
  v: VolunteerRow,
  settings: { thresholdsHours: number[]; fiveStarNeedsApproval: boolean },
): VolunteerView {
  return {
    id: v.id,
    name: v.name,
    idNumberMasked: maskIdNumber(deps.cipher.decrypt(v.id_number_enc)),
    mobileMasked: maskMobile(deps.cipher.decrypt(v.mobile_enc)),
    hasAccount: v.user_id !== null,
    areaCode: v.area_code,
    areaFullName: v.area_full_name ?? v.area_code,
    skills: v.skills,
    serviceAreaCodes: v.service_area_codes,
    availability: v.availability,
    station: v.station_id ? { id: v.station_id, name: v.station_name ?? '' } : null,
    teams: [],
    confirmedMinutes: v.confirmed_minutes,
    confirmedHours: hoursOf(v.confirmed_minutes),
    star: starOf(v, settings),
    status: v.status,
    registeredAt: v.created_at.toISOString(),
    abilities: volunteerAbilities(actor, v),
  };
}

/** A 12-digit code's level from its trailing zeros (enough for subtree filters). */
export function levelOfCode(code: string): AreaLevel {
  if (/^0{12}$/.test(code)) {
    return 'country';
  }
  if (code.endsWith('0000000000')) {
    return 'province';
  }
  if (code.endsWith('00000000')) {
    return 'city';
  }
  if (code.endsWith('000000')) {
    return 'county';
  }
  if (code.endsWith('000')) {
    return 'township';
  }
  return 'community';
}

/** revealVolunteer — the full ID number and mobile, for a holder of personalData.reveal in the home area. Audits `personalData.reveal`. */
export async function revealVolunteer(deps: VolunteerDeps, actor: Actor, id: string) {
  const v = await q.findVolunteer(deps.db, id);
  if (!v || !isInScope(scopeOf(actor, 'personalData.reveal'), v.area_code)) {
    throw platformErrors.NOT_FOUND();
  }
  await withTransaction(deps.db, (tx) =>
    audit(
      tx,
      deps,
      actor,
      'personalData.reveal',
      { entity: 'volunteer', id, areaCode: v.area_code },
      'personalData.reveal',
      null,
      { fields: ['idNumber', 'mobile'] },
    ),
  );
  return { idNumber: deps.cipher.decrypt(v.id_number_enc), mobile: deps.cipher.decrypt(v.mobile_enc) };
}

/** assignStation — the township or committee puts a volunteer of its area into one of its stations. Audits `volunteer.station`. */
export async function assignStation(deps: VolunteerDeps, actor: Actor, id: string, stationId: string | null) {
  const scope = scopeOf(actor, 'serviceStations.manage');
  await withTransaction(deps.db, async (tx) => {
    const v = await q.findVolunteer(tx, id, true);
    if (!v || !isInScope(scope, v.area_code)) {
      throw platformErrors.NOT_FOUND();
    }
    if (stationId) {
      const s = await q.findStation(tx, stationId);
      if (s?.status !== 'open' || !isInScope(scope, s.area_code)) {
        throw invalid([field('stationId', 'volunteer.station.notFound', '未找到该志愿服务站点，或站点已停用')]);
      }
    }
    await q.setStation(tx, id, stationId);
    await audit(
      tx,
      deps,
      actor,
      'serviceStations.manage',
      { entity: 'volunteer', id, areaCode: v.area_code },
      'volunteer.station',
      { stationId: v.station_id },
      { stationId },
    );
  });
  return getVolunteer(deps, actor, id);
}

/** joinTeam — a volunteer joins an organization's team (or the organization adds a volunteer it can see). Audits `volunteer.team`. */
export async function joinTeam(deps: VolunteerDeps, actor: Actor, orgId: string, volunteerId?: string) {
  const org = await q.findOrgFacts(deps.db, orgId);
  if (org?.status !== 'active') {
    throw platformErrors.NOT_FOUND();
  }
  let v: VolunteerRow;
  let permission: PermissionKey;
  if (volunteerId) {
    if (!actsFor(actor, 'volunteers.manage', { id: org.id, areaCode: org.area_code })) {
      throw platformErrors.NOT_FOUND();
    }
    const found = await q.findVolunteer(deps.db, volunteerId);
    if (!found) {
      throw invalid([field('volunteerId', 'volunteer.notFound', '未找到该志愿者')]);
    }
    v = found;
    permission = 'volunteers.manage';
  } else {
    v = await myVolunteer(deps.db, actor);
    permission = 'volunteers.self';
  }
  await withTransaction(deps.db, async (tx) => {
    if (await q.joinTeam(tx, org.id, v.id, actor.userId)) {
      await audit(
        tx,
        deps,
        actor,
        permission,
        { entity: 'volunteer', id: v.id, areaCode: v.area_code },
        'volunteer.team',
        null,
        { joined: org.id },
      );
    }
  });
  return v.id;
}

/** leaveTeam — the volunteer leaves, or the organization removes a member (history kept). Audits `volunteer.team`. */
export async function leaveTeam(deps: VolunteerDeps, actor: Actor, orgId: string, volunteerId?: string) {
  const org = await q.findOrgFacts(deps.db, orgId);
  if (!org) {
    throw platformErrors.NOT_FOUND();
  }
  const v = volunteerId ? await q.findVolunteer(deps.db, volunteerId) : await myVolunteer(deps.db, actor);
  if (!v || (volunteerId && !actsFor(actor, 'volunteers.manage', { id: org.id, areaCode: org.area_code }))) {
    throw platformErrors.NOT_FOUND();
  }
  await withTransaction(deps.db, async (tx) => {
    if (!(await q.leaveTeam(tx, org.id, v.id))) {
      throw volunteerErrors.VOLUNTEER_NOT_IN_TEAM();
    }
    await audit(
      tx,
      deps,
      actor,
      volunteerId ? 'volunteers.manage' : 'volunteers.self',
      { entity: 'volunteer', id: v.id, areaCode: v.area_code },
      'volunteer.team',
      null,
      { left: org.id },
    );
  });
  return v.id;
}

// ─── stations ────────────────────────────────────────────────────────────────

function presentStation(deps: VolunteerDeps, actor: Actor | null, s: StationRow): Station {
  return {
    id: s.id,
    name: s.name,
    areaCode: s.area_code,
    areaFullName: s.area_full_name ?? s.area_code,
    address: s.address,
    venueId: s.venue_id,
    runByOrgId: s.run_by_org_id,
    runByOrgName: s.run_by_org_name,
    contactName: s.contact_name,
    contactMobileMasked: s.contact_mobile_enc ? maskMobile(deps.cipher.decrypt(s.contact_mobile_enc)) : null,
    status: s.status,
    volunteerCount: s.volunteer_count,
    abilities: actor ? stationAbilities(actor, s) : { update: false },
  };
}

async function checkStationLinks(
  db: Queryable,
  b: { venueId?: string | null; runByOrgId?: string | null },
  errors: FieldError[],
) {
  if (b.venueId && !(await q.findVenueArea(db, b.venueId))) {
    errors.push(field('venueId', 'station.venue.notFound', '未找到该阵地'));
  }
  if (b.runByOrgId && !(await q.findOrgFacts(db, b.runByOrgId))) {
    errors.push(field('runByOrgId', 'station.org.notFound', '未找到该组织'));
  }
}

async function withStationName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgCode(error).code === '23505') {
      throw stationErrors.STATION_NAME_TAKEN([field('name', 'STATION_NAME_TAKEN', '本区划已有同名的志愿服务站点')]);
    }
    throw error;
  }
}

/** createStation — the township or committee records a service station of its area (000 四.二). Audits `serviceStation.create`. */
export async function createStation(deps: VolunteerDeps, actor: Actor, body: StationBody): Promise<Station> {
  const errors: FieldError[] = [];
  const level = (await q.findAreaLevels(deps.db, [body.areaCode])).get(body.areaCode);
  if (level !== 4 && level !== 5) {
    errors.push(field('areaCode', 'station.area.level', '站点应设在街道(乡镇)或社区(村)'));
  } else if (!isInScope(scopeOf(actor, 'serviceStations.manage'), body.areaCode)) {
    errors.push(field('areaCode', 'AREA_OUT_OF_SCOPE', '该区划不在您的管辖范围内'));
  }
  await checkStationLinks(deps.db, body, errors);
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const id = await withStationName(() =>
    withTransaction(deps.db, async (tx) => {
      const id = await q.insertStation(tx, {
        ...body,
        contactMobileEnc: body.contactMobile ? deps.cipher.encrypt(body.contactMobile) : null,
        createdBy: actor.userId,
      });
      await audit(
        tx,
        deps,
        actor,
        'serviceStations.manage',
        { entity: 'serviceStation', id, areaCode: body.areaCode },
        'serviceStation.create',
        null,
        { ...body, contactMobile: body.contactMobile ? maskMobile(body.contactMobile) : null },
      );
      return id;
    }),
  );
  return presentStation(deps, actor, (await q.findStation(deps.db, id))!);
}

/** updateStation — details, contact, open/closed. Audits `serviceStation.update`. */
export async function updateStation(deps: VolunteerDeps, actor: Actor, id: string, body: StationUpdateBody) {
  const errors: FieldError[] = [];
  await checkStationLinks(deps.db, body, errors);
  if (errors.length > 0) {
    throw invalid(errors);
  }
  await withStationName(() =>
    withTransaction(deps.db, async (tx) => {
      const s = await q.findStation(tx, id, true);
      if (!s || !isInScope(scopeOf(actor, 'serviceStations.manage'), s.area_code)) {
        throw platformErrors.NOT_FOUND();
      }
      const next = {
        name: body.name ?? s.name,
        address: body.address ?? s.address,
        venueId: body.venueId === undefined ? s.venue_id : body.venueId,
        runByOrgId: body.runByOrgId === undefined ? s.run_by_org_id : body.runByOrgId,
        contactName: body.contactName ?? s.contact_name,
        contactMobileEnc: body.contactMobile ? deps.cipher.encrypt(body.contactMobile) : s.contact_mobile_enc,
        status: body.status ?? s.status,
      };
      await q.updateStation(tx, id, next);
      const { contactMobileEnc: _c, ...after } = next;
      await audit(
        tx,
        deps,
        actor,
        'serviceStations.manage',
        { entity: 'serviceStation', id, areaCode: s.area_code },
        'serviceStation.update',
        { name: s.name, address: s.address, status: s.status },
        after,
      );
    }),
  );
  return presentStation(deps, actor, (await q.findStation(deps.db, id))!);
}

export async function listStations(deps: VolunteerDeps, actor: Actor, areaCode?: string) {
  const rows = await q.listStations(deps.db, {
    scope: scopeOf(actor, 'serviceStations.read'),
    within: areaCode ? subtreeRange(areaCode, levelOfCode(areaCode)) : undefined,
  });
  return { items: rows.map((s) => presentStation(deps, actor, s)) };
}

export async function listPublicStations(deps: VolunteerDeps, areaCode: string) {
  const range = subtreeRange(areaCode, levelOfCode(areaCode));
  const rows = await q.listStations(deps.db, { scope: { ranges: [range] }, openOnly: true });
  return {
    items: rows.map((s) => {
      const { contactName: _n, contactMobileMasked: _m, abilities: _a, ...rest } = presentStation(deps, null, s);
      return rest;
    }),
  };
}

// ─── projects ────────────────────────────────────────────────────────────────

function presentProjectSummary(p: ProjectRow): ProjectSummary {
  return {
    id: p.id,
    orgId: p.org_id,
    orgName: p.org_name,
    activityId: p.activity_id,
    areaCode: p.area_code,
    areaFullName: p.area_full_name ?? p.area_code,
    title: p.title,
    field: p.field,
    address: p.address,
    status: p.status,
    firstShiftAt: p.first_shift_at?.toISOString() ?? null,
    lastShiftAt: p.last_shift_at?.toISOString() ?? null,
    places: p.places,
    confirmed: p.confirmed,
  };
}

async function presentProject(deps: VolunteerDeps, actor: Actor | null, p: ProjectRow): Promise<Project> {
  const [roles, shifts, slots] = await Promise.all([
    q.findRoles(deps.db, p.id),
    q.findShifts(deps.db, p.id),
    q.findSlots(deps.db, p.id),
  ]);
  return {
    ...presentProjectSummary(p),
    description: p.description,
    serviceContent: p.service_content,
    minAge: p.min_age,
    maxAge: p.max_age,
    requiredSkills: p.required_skills,
    publishedAt: p.published_at?.toISOString() ?? null,
    closedAt: p.closed_at?.toISOString() ?? null,
    roles: roles.map((r) => ({ id: r.id, name: r.name, description: r.description, places: r.places })),
    shifts: shifts.map((s) => ({
      id: s.id,
      date: s.date,
      startsAt: s.starts_at.toISOString(),
      endsAt: s.ends_at.toISOString(),
      slots: roles.map((r) => {
        const slot = slots.find((x) => x.shift_id === s.id && x.role_id === r.id);
        return {
          roleId: r.id,
          places: slot?.places ?? r.places,
          confirmed: slot?.confirmed ?? 0,
          waiting: slot?.waiting ?? 0,
        };
      }),
    })),
    abilities: actor
      ? projectAbilities(actor, p, hasVolunteerGrant(actor))
      : { update: false, publish: false, close: false, manageShifts: false, signUp: false },
  };
}

function checkShifts(deps: VolunteerDeps, shifts: ShiftInput[], path: string, errors: FieldError[]) {
  const now = nowOf(deps);
  return shifts.map((s, i) => {
    const t = shiftTimes(s.date, s.startTime, s.endTime);
    if (t.startsAt <= now) {
      errors.push(field(`${path}.${i}.date`, 'shift.inPast', '班次开始时间应晚于现在'));
    }
    return { date: s.date, ...t, secret: randomBytes(32) };
  });
}

/** Checks a project's place, activity and ages; collects every problem. */
async function checkProject(
  deps: VolunteerDeps,
  db: Queryable,
  actor: Actor,
  org: q.OrgFacts,
  p: { areaCode: string; activityId: string | null; minAge: number | null; maxAge: number | null },
  errors: FieldError[],
) {
  const level = (await q.findAreaLevels(db, [p.areaCode])).get(p.areaCode);
  if (level === undefined || level < 4 || p.areaCode.slice(0, 6) !== org.area_code.slice(0, 6)) {
    errors.push(field('areaCode', 'project.area.invalid', '服务地点应为本组织所在县(区)内的街道(乡镇)或社区(村)'));
  }
  if (p.activityId) {
    // through the activities module: the activity must be one the actor reads, of this organization
    const a = await getActivity(deps, actor, p.activityId).catch(() => null);
    if (!a || a.orgId !== org.id || a.status === 'cancelled') {
      errors.push(field('activityId', 'project.activity.notOwn', '只能关联本组织未取消的活动'));
    }
  }
  if (p.minAge !== null && p.maxAge !== null && p.minAge > p.maxAge) {
    errors.push(field('maxAge', 'project.age.order', '最大年龄不能小于最小年龄'));
  }
}

async function orgToManage(db: Queryable, actor: Actor, orgId: string): Promise<q.OrgFacts> {
  const org = await q.findOrgFacts(db, orgId);
  if (!org || !actsFor(actor, 'volunteerProjects.manage', { id: org.id, areaCode: org.area_code })) {
    throw platformErrors.NOT_FOUND();
  }
  if (org.status !== 'active') {
    throw projectErrors.PROJECT_ORG_NOT_ACTIVE();
  }
  return org;
}

/**
 * createProject — an organization posts a volunteer project (a draft) with roles, places per
 * role and shifts; optionally for one of its activities. Audits `volunteerProject.create`.
 */
export async function createProject(deps: VolunteerDeps, actor: Actor, body: ProjectBody): Promise<string> {
  const org = await orgToManage(deps.db, actor, body.orgId);
  const areaCode = body.areaCode ?? org.area_code;
  const errors: FieldError[] = [];
  await checkProject(deps, deps.db, actor, org, { ...body, areaCode }, errors);
  const names = body.roles.map((r) => r.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) {
      errors.push(field(`roles.${i}.name`, 'project.role.duplicate', '岗位名称不能重复'));
    }
  });
  const shifts = checkShifts(deps, body.shifts, 'shifts', errors);
  if (errors.length > 0) {
    throw invalid(errors);
  }
  return withTransaction(deps.db, async (tx) => {
    const write: q.ProjectWrite = { ...body, areaCode, requiredSkills: [...new Set(body.requiredSkills)] };
    const id = await q.insertProject(tx, { ...write, orgId: org.id, createdBy: actor.userId });
    await q.insertRoles(tx, id, body.roles);
    await q.insertShifts(tx, id, shifts);
    await audit(
      tx,
      deps,
      actor,
      'volunteerProjects.manage',
      { entity: 'volunteerProject', id, areaCode },
      'volunteerProject.create',
      null,
      { orgId: org.id, ...write, roles: body.roles, shifts: body.shifts },
    );
    return id;
  });
}

async function projectToManage(tx: Tx, actor: Actor, id: string): Promise<ProjectRow> {
  const p = await q.findProject(tx, id, true);
  if (!p || !mayManageProject(actor, p)) {
    throw platformErrors.NOT_FOUND();
  }
  return p;
}

/** updateProject — edits a draft's description, place, requirements. Audits `volunteerProject.update`. */
export async function updateProject(deps: VolunteerDeps, actor: Actor, id: string, body: ProjectUpdateBody) {
  return withTransaction(deps.db, async (tx) => {
    const p = await projectToManage(tx, actor, id);
    if (p.status !== 'draft') {
      throw projectErrors.PROJECT_NOT_EDITABLE();
    }
    const before: q.ProjectWrite = {
      title: p.title,
      description: p.description,
      serviceContent: p.service_content,
      field: p.field,
      areaCode: p.area_code,
      address: p.address,
      minAge: p.min_age,
      maxAge: p.max_age,
      requiredSkills: p.required_skills,
      activityId: p.activity_id,
    };
    const defined = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const next = { ...before, ...defined } as q.ProjectWrite;
    const errors: FieldError[] = [];
    await checkProject(
      deps,
      tx,
      actor,
      { id: p.org_id, name: p.org_name, area_code: p.org_area_code, status: 'active' },
      next,
      errors,
    );
    if (errors.length > 0) {
      throw invalid(errors);
    }
    await q.updateProject(tx, id, next);
    await audit(
      tx,
      deps,
      actor,
      'volunteerProjects.manage',
      { entity: 'volunteerProject', id, areaCode: p.area_code },
      'volunteerProject.update',
      before,
      next,
    );
    return id;
  });
}

/** addShifts — more shifts for a draft or published project (each with a counter per role). Audits `volunteerProject.shifts`. */
export async function addShifts(deps: VolunteerDeps, actor: Actor, id: string, shifts: ShiftInput[]) {
  const errors: FieldError[] = [];
  const rows = checkShifts(deps, shifts, 'shifts', errors);
  if (errors.length > 0) {
    throw invalid(errors);
  }
  return withTransaction(deps.db, async (tx) => {
    const p = await projectToManage(tx, actor, id);
    if (p.status === 'closed') {
      throw projectErrors.PROJECT_NOT_EDITABLE();
    }
    await q.insertShifts(tx, id, rows);
    await audit(
      tx,
      deps,
      actor,
      'volunteerProjects.manage',
      { entity: 'volunteerProject', id, areaCode: p.area_code },
      'volunteerProject.shifts',
      null,
      { added: shifts },
    );
    return id;
  });
}

/**
 * setPlaces — changes the places of one (shift, role). Never below those already confirmed; more
 * places promote the first in the waiting list at once. Audits `volunteerProject.places`.
 */
export async function setPlaces(
  deps: VolunteerDeps,
  actor: Actor,
  id: string,
  body: { shiftId: string; roleId: string; places: number },
) {
  return withTransaction(deps.db, async (tx) => {
    const p = await projectToManage(tx, actor, id);
    if (p.status === 'closed') {
      throw projectErrors.PROJECT_NOT_EDITABLE();
    }
    const shift = await q.findShiftFacts(tx, body.shiftId);
    const slot = shift?.project_id === id ? await q.lockSlot(tx, body.shiftId, body.roleId) : null;
    if (!slot) {
      throw invalid([field('shiftId', 'project.slot.notFound', '该项目没有这个班次或岗位')]);
    }
    if (body.places < slot.confirmed) {
      throw projectErrors.PROJECT_PLACES_BELOW_CONFIRMED([
        field('places', 'PROJECT_PLACES_BELOW_CONFIRMED', `名额不能少于已录用的${slot.confirmed}人`),
      ]);
    }
    const promoted = await q.promoteWaiting(tx, body.shiftId, body.roleId, body.places - slot.confirmed);
    await q.setSlot(tx, {
      shiftId: body.shiftId,
      roleId: body.roleId,
      places: body.places,
      confirmed: slot.confirmed + promoted.length,
      nextWaitingSeq: slot.next_waiting_seq,
    });
    await audit(
      tx,
      deps,
      actor,
      'volunteerProjects.manage',
      { entity: 'volunteerProject', id, areaCode: p.area_code },
      'volunteerProject.places',
      { shiftId: body.shiftId, roleId: body.roleId, places: slot.places },
      { places: body.places, promoted: promoted.map((x) => x.id) },
    );
    return id;
  });
}

/** publishProject (draft → published: open for sign-ups) and closeProject (published → closed). Audit `volunteerProject.publish` / `.close`. */
export async function setProjectStatus(deps: VolunteerDeps, actor: Actor, id: string, to: 'published' | 'closed') {
  return withTransaction(deps.db, async (tx) => {
    const p = await projectToManage(tx, actor, id);
    const from = to === 'published' ? 'draft' : 'published';
    if (p.status !== from) {
      throw projectErrors.PROJECT_ILLEGAL_TRANSITION();
    }
    await q.setProjectStatus(tx, id, to);
    await audit(
      tx,
      deps,
      actor,
      'volunteerProjects.manage',
      { entity: 'volunteerProject', id, areaCode: p.area_code },
      to === 'published' ? 'volunteerProject.publish' : 'volunteerProject.close',
      { status: p.status },
      { status: to },
    );
    return id;
  });
}

export async function getProject(deps: VolunteerDeps, actor: Actor, id: string): Promise<Project> {
  const p = await q.findProject(deps.db, id);
  if (!p || !mayReadProject(actor, p)) {
    throw platformErrors.NOT_FOUND();
  }
  return presentProject(deps, actor, p);
}

export async function getPublicProject(deps: VolunteerDeps, id: string) {
  const p = await q.findProject(deps.db, id);
  if (p?.status !== 'published') {
    throw platformErrors.NOT_FOUND();
  }
  const { abilities: _a, ...rest } = await presentProject(deps, null, p);
  return rest;
}

const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
const nextDayStart = (date: string) => new Date(dayStart(date).getTime() + 86_400_000);

function checkDates(query: { from?: string; to?: string }) {
  if (query.from && query.to && query.to < query.from) {
    throw invalid([field('to', 'date.order', '结束日期不能早于开始日期')]);
  }
}

export async function listProjects(deps: VolunteerDeps, actor: Actor, query: ProjectListQuery) {
  checkDates(query);
  const rows = await q.listProjects(deps.db, {
    access: accessFor(actor, 'volunteerProjects.read'),
    within: query.areaCode ? subtreeRange(query.areaCode, levelOfCode(query.areaCode)) : undefined,
    orgId: query.orgId,
    status: query.status,
    field: query.field,
    from: query.from ? dayStart(query.from) : undefined,
    to: query.to ? nextDayStart(query.to) : undefined,
    after: query.cursor,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(presentProjectSummary), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}

/** Published projects of an area's subtree (browse by community or area, date, field): no personal data. */
export async function listPublicProjects(deps: VolunteerDeps, query: PublicProjectQuery) {
  checkDates(query);
  const rows = await q.listPublishedProjects(deps.db, {
    within: subtreeRange(query.areaCode, levelOfCode(query.areaCode)),
    orgId: query.orgId,
    field: query.field,
    from: query.from ? dayStart(query.from) : undefined,
    to: query.to ? nextDayStart(query.to) : undefined,
    after: query.cursor,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(presentProjectSummary), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}

// ─── sign-ups ────────────────────────────────────────────────────────────────

function presentSignup(s: SignupRow): Signup {
  return {
    id: s.id,
    shiftId: s.shift_id,
    roleId: s.role_id,
    roleName: s.role_name,
    projectId: s.project_id,
    projectTitle: s.project_title,
    startsAt: s.starts_at.toISOString(),
    endsAt: s.ends_at.toISOString(),
    volunteerId: s.volunteer_id,
    status: s.status,
    waitingPosition: s.waiting_position,
    source: s.source,
    createdAt: s.created_at.toISOString(),
    confirmedAt: s.confirmed_at?.toISOString() ?? null,
    cancelledAt: s.cancelled_at?.toISOString() ?? null,
  };
}

export async function getSignup(deps: VolunteerDeps, id: string): Promise<Signup> {
  return presentSignup((await q.findSignup(deps.db, id))!);
}

function checkEligibility(deps: VolunteerDeps, shift: ShiftFacts, v: VolunteerRow) {
  const errors: FieldError[] = [];
  if (shift.min_age !== null || shift.max_age !== null) {
    const age = ageOn(deps.cipher.decrypt(v.id_number_enc), shift.date);
    if ((shift.min_age !== null && age < shift.min_age) || (shift.max_age !== null && age > shift.max_age)) {
      errors.push(
        field('age', 'signup.age', `年龄不符合要求（${shift.min_age ?? '不限'}–${shift.max_age ?? '不限'}岁）`),
      );
    }
  }
  const missing = shift.required_skills.filter((s) => !v.skills.includes(s));
  if (missing.length > 0) {
    errors.push(field('skills', 'signup.skills', '缺少该项目要求的技能'));
  }
  if (errors.length > 0) {
    throw signupErrors.SIGNUP_NOT_ELIGIBLE(errors);
  }
}

/**
 * The sign-up itself. Locks the (shift, role) counter row first: every sign-up and cancellation
 * of that slot queues on it, so `confirmed` never passes `places` and the waiting list is
 * numbered in lock order (strict, gap-free). A second live sign-up of the person for the shift
 * is refused by the check under the lock, and across roles by the partial unique index.
 */
async function enroll(
  deps: VolunteerDeps,
  actor: Actor,
  shift: ShiftFacts,
  roleId: string,
  v: VolunteerRow,
  source: 'self' | 'organization',
): Promise<string> {
  if (shift.project_status !== 'published' || shift.starts_at <= nowOf(deps)) {
    throw signupErrors.SIGNUP_NOT_OPEN();
  }
  if (v.status !== 'active') {
    throw volunteerErrors.VOLUNTEER_INACTIVE();
  }
  checkEligibility(deps, shift, v);
  try {
    return await withTransaction(deps.db, async (tx) => {
      const slot = await q.lockSlot(tx, shift.id, roleId);
      if (!slot) {
        throw invalid([field('roleId', 'signup.role.notFound', '该班次没有这个岗位')]);
      }
      if (await q.findLiveSignup(tx, shift.id, v.id)) {
        throw signupErrors.SIGNUP_DUPLICATE();
      }
      if ((await q.countOverlappingConfirmed(tx, v.id, shift.id, shift.starts_at, shift.ends_at)) > 0) {
        throw signupErrors.SIGNUP_TIME_CONFLICT();
      }
      const hasPlace = slot.confirmed < slot.places;
      const id = await q.insertSignup(tx, {
        shiftId: shift.id,
        roleId,
        projectId: shift.project_id,
        volunteerId: v.id,
        status: hasPlace ? 'confirmed' : 'waiting',
        waitingSeq: hasPlace ? null : slot.next_waiting_seq,
        source,
        createdBy: actor.userId,
      });
      await q.setSlot(tx, {
        shiftId: shift.id,
        roleId,
        places: slot.places,
        confirmed: slot.confirmed + (hasPlace ? 1 : 0),
        nextWaitingSeq: slot.next_waiting_seq + (hasPlace ? 0 : 1),
      });
      await audit(
        tx,
        deps,
        actor,
        source === 'self' ? 'volunteers.self' : 'volunteerProjects.manage',
        { entity: 'volunteerSignup', id, areaCode: shift.area_code },
        'volunteerSignup.create',
        null,
        {
          shiftId: shift.id,
          roleId,
          volunteerId: v.id,
          status: hasPlace ? 'confirmed' : 'waiting',
          waitingSeq: hasPlace ? null : slot.next_waiting_seq,
        },
      );
      return id;
    });
  } catch (error) {
    if (pgCode(error).code === '23505') {
      throw signupErrors.SIGNUP_DUPLICATE();
    }
    throw error;
  }
}

async function shiftOrNotFound(db: Queryable, shiftId: string): Promise<ShiftFacts> {
  const shift = await q.findShiftFacts(db, shiftId);
  if (!shift) {
    throw platformErrors.NOT_FOUND();
  }
  return shift;
}

/** signUp — a volunteer signs up for a shift and role: a place, or the next place in the waiting list. Audits `volunteerSignup.create`. */
export async function signUp(deps: VolunteerDeps, actor: Actor, shiftId: string, roleId: string): Promise<string> {
  const v = await myVolunteer(deps.db, actor);
  const shift = await shiftOrNotFound(deps.db, shiftId);
  if (shift.project_status === 'draft') {
    throw platformErrors.NOT_FOUND();
  }
  return enroll(deps, actor, shift, roleId, v, 'self');
}

/** addToRoster — the organization signs up a member of its team (e.g. without a smartphone). Audits `volunteerSignup.create`. */
export async function addToRoster(
  deps: VolunteerDeps,
  actor: Actor,
  shiftId: string,
  body: { roleId: string; volunteerId: string },
): Promise<string> {
  const shift = await shiftOrNotFound(deps.db, shiftId);
  if (!mayManageProject(actor, shift)) {
    throw platformErrors.NOT_FOUND();
  }
  const v = await q.findVolunteer(deps.db, body.volunteerId);
  const teams = v ? await q.findTeams(deps.db, [v.id]) : [];
  if (!v || !teams.some((t) => t.org_id === shift.org_id)) {
    throw volunteerErrors.VOLUNTEER_NOT_IN_TEAM([
      field('volunteerId', 'VOLUNTEER_NOT_IN_TEAM', '该志愿者不在本组织的志愿服务队中'),
    ]);
  }
  return enroll(deps, actor, shift, body.roleId, v, 'organization');
}

/**
 * The cancellation: locks the counter, then the sign-up; a confirmed place freed goes to the
 * first in the waiting list in the same transaction, so concurrent cancellations each promote
 * exactly one person.
 */
async function cancel(
  deps: VolunteerDeps,
  actor: Actor,
  signupId: string,
  allowed: (s: SignupRow) => boolean,
  permission: PermissionKey,
) {
  const found = await q.findSignup(deps.db, signupId);
  if (!found || !allowed(found)) {
    throw platformErrors.NOT_FOUND();
  }
  const shift = await shiftOrNotFound(deps.db, found.shift_id);
  return withTransaction(deps.db, async (tx) => {
    const slot = (await q.lockSlot(tx, found.shift_id, found.role_id))!;
    const s = (await q.lockSignup(tx, signupId))!;
    if (s.status === 'cancelled') {
      throw signupErrors.SIGNUP_ALREADY_CANCELLED();
    }
    await q.cancelSignup(tx, signupId, actor.userId);
    let promoted: { id: string; volunteer_id: string }[] = [];
    let confirmed = slot.confirmed;
    if (s.status === 'confirmed') {
      confirmed--;
      promoted = await q.promoteWaiting(tx, s.shift_id, s.role_id, slot.places - confirmed);
      confirmed += promoted.length;
    }
    await q.setSlot(tx, {
      shiftId: s.shift_id,
      roleId: s.role_id,
      places: slot.places,
      confirmed,
      nextWaitingSeq: slot.next_waiting_seq,
    });
    await audit(
      tx,
      deps,
      actor,
      permission,
      { entity: 'volunteerSignup', id: signupId, areaCode: shift.area_code },
      'volunteerSignup.cancel',
      { status: s.status },
      { status: 'cancelled', promoted: promoted.map((p) => p.id) },
    );
    return signupId;
  });
}

/** cancelMySignup — the volunteer withdraws before the shift starts. Audits `volunteerSignup.cancel`. */
export async function cancelMySignup(deps: VolunteerDeps, actor: Actor, signupId: string) {
  const v = await myVolunteer(deps.db, actor);
  const now = nowOf(deps);
  const found = await q.findSignup(deps.db, signupId);
  if (found && found.volunteer_id === v.id && found.starts_at <= now) {
    throw signupErrors.SIGNUP_NOT_OPEN();
  }
  return cancel(deps, actor, signupId, (s) => s.volunteer_id === v.id, 'volunteers.self');
}

/** removeFromRoster — the organization takes someone off a shift (the next in line moves up). Audits `volunteerSignup.cancel`. */
export async function removeFromRoster(deps: VolunteerDeps, actor: Actor, shiftId: string, signupId: string) {
  const shift = await shiftOrNotFound(deps.db, shiftId);
  if (!mayManageProject(actor, shift)) {
    throw platformErrors.NOT_FOUND();
  }
  return cancel(deps, actor, signupId, (s) => s.shift_id === shiftId, 'volunteerProjects.manage');
}

export async function listMySignups(deps: VolunteerDeps, actor: Actor) {
  const v = await myVolunteer(deps.db, actor);
  return { items: (await q.listSignupsOfVolunteer(deps.db, v.id)).map(presentSignup) };
}

export async function getRoster(deps: VolunteerDeps, actor: Actor, shiftId: string) {
  const shift = await shiftOrNotFound(deps.db, shiftId);
  const readable =
    mayManageProject(actor, shift) ||
    ownOrgIds(actor, 'volunteerProjects.read').includes(shift.org_id) ||
    isInScope(officerScope(actor, 'volunteerProjects.read'), shift.area_code);
  if (!readable) {
    throw platformErrors.NOT_FOUND();
  }
  const rows = await q.listRoster(deps.db, shiftId);
  return {
    items: rows.map((s) => ({
      ...presentSignup(s),
      volunteerName: s.volunteer_name,
      mobileMasked: maskMobile(deps.cipher.decrypt(s.mobile_enc)),
    })),
  };
}

// ─── check-in and check-out ─────────────────────────────────────────────────

/** The organizer's screen: the current QR payload and six-digit code (rotating every 30 s). */
export async function getCheckInCode(deps: VolunteerDeps, actor: Actor, shiftId: string) {
  const shift = await shiftOrNotFound(deps.db, shiftId);
  if (!mayManageProject(actor, shift)) {
    throw platformErrors.NOT_FOUND();
  }
  const c = checkInCode(shift.checkin_secret, shift.id, nowOf(deps));
  return { ...c, validUntil: c.validUntil.toISOString(), rotatesEverySeconds: CHECKIN_WINDOW_SECONDS };
}

function recordWriteOf(shift: ShiftFacts, v: { id: string }, signupId: string, startedAt: Date, by: string) {
  return {
    volunteerId: v.id,
    orgId: shift.org_id,
    projectId: shift.project_id,
    projectTitle: shift.title,
    shiftId: shift.id,
    signupId,
    areaCode: shift.area_code,
    address: shift.address,
    startedAt,
    endedAt: null,
    minutes: null,
    content: shift.service_content,
    createdBy: by,
  };
}

/** Inserts a record; the database refuses a second record of the shift (unique) or an overlap (exclusion). */
async function insertRecordChecked(tx: Tx, write: q.RecordWrite, overlapError: () => Error): Promise<string> {
  try {
    await tx.query('SAVEPOINT record_insert');
    return await q.insertRecord(tx, write);
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT record_insert');
    const code = pgCode(error).code;
    if (code === '23505') {
      throw checkInErrors.CHECKIN_DUPLICATE();
    }
    if (code === '23P01') {
      // two check-ins of one shift at once may meet in the exclusion constraint before the unique index
      if (write.shiftId && (await q.findRecordOfShift(tx, write.shiftId, write.volunteerId))) {
        throw checkInErrors.CHECKIN_DUPLICATE();
      }
      throw overlapError();
    }
    throw error;
  }
}

async function startRecord(
  deps: VolunteerDeps,
  actor: Actor,
  shift: ShiftFacts,
  v: VolunteerRow,
  at: Date,
  source: 'checkIn' | 'organizer',
  permission: PermissionKey,
): Promise<string> {
  const signup = await q.findConfirmedSignup(deps.db, shift.id, v.id);
  if (!signup) {
    throw checkInErrors.CHECKIN_NOT_SIGNED_UP();
  }
  if (await q.findRecordOfShift(deps.db, shift.id, v.id)) {
    throw checkInErrors.CHECKIN_DUPLICATE();
  }
  return withTransaction(deps.db, async (tx) => {
    const id = await insertRecordChecked(tx, { ...recordWriteOf(shift, v, signup.id, at, actor.userId), source }, () =>
      checkInErrors.CHECKIN_OVERLAP(),
    );
    await audit(
      tx,
      deps,
      actor,
      permission,
      { entity: 'serviceRecord', id, areaCode: shift.area_code },
      'serviceRecord.checkIn',
      null,
      { shiftId: shift.id, volunteerId: v.id, startedAt: at, source },
    );
    return id;
  });
}

async function finishRecord(
  deps: VolunteerDeps,
  actor: Actor,
  shift: ShiftFacts,
  v: VolunteerRow,
  at: Date,
  permission: PermissionKey,
): Promise<string> {
  return withTransaction(deps.db, async (tx) => {
    const r = await q.findRecordOfShift(tx, shift.id, v.id, true);
    if (!r) {
      throw checkInErrors.CHECKOUT_NOT_CHECKED_IN();
    }
    if (r.status !== 'open') {
      throw checkInErrors.CHECKOUT_DUPLICATE();
    }
    if (at <= r.started_at) {
      throw invalid([field('at', 'record.endBeforeStart', '签退时间应晚于签到时间')]);
    }
    if (at.getTime() - r.started_at.getTime() > MAX_RECORD_MS) {
      throw recordErrors.RECORD_TOO_LONG();
    }
    const minutes = serviceMinutes(r.started_at, at);
    await q.closeRecord(tx, r.id, at, minutes);
    await audit(
      tx,
      deps,
      actor,
      permission,
      { entity: 'serviceRecord', id: r.id, areaCode: r.area_code },
      'serviceRecord.checkOut',
      { status: 'open' },
      { endedAt: at, minutes },
    );
    return r.id;
  });
}

function checkCode(deps: VolunteerDeps, shift: ShiftFacts, code: string) {
  if (!verifyCheckInCode(shift.checkin_secret, shift.id, code, nowOf(deps))) {
    throw checkInErrors.CHECKIN_CODE_INVALID([
      field('code', 'CHECKIN_CODE_INVALID', '签到码不正确或已过期，请重新扫码'),
    ]);
  }
}

/**
 * checkIn — the volunteer submits the code on the organizer's screen (QR payload or six digits)
 * from 30 minutes before the shift until its end. A second check-in for the shift is refused,
 * concurrent ones by the database. Audits `serviceRecord.checkIn`.
 *
 * The hot path of a busy shift (issue 5: ≥ 2,000 check-ins a second): one query reads everything
 * it checks, one statement writes the record with its audit row, and the answer is built from what
 * is in hand — a new open record has no corrections and no confirmation deadline.
 */
export async function checkIn(
  deps: VolunteerDeps,
  actor: Actor,
  shiftId: string,
  code: string,
): Promise<ServiceRecordDetail> {
  const facts = await q.findCheckInFacts(deps.db, actor.userId, shiftId);
  if (!facts.volunteer_id || !facts.volunteer_name) {
    throw volunteerErrors.VOLUNTEER_NOT_REGISTERED();
  }
  const shift = facts.shift;
  if (!shift) {
    throw platformErrors.NOT_FOUND();
  }
  checkCode(deps, shift, code);
  const now = nowOf(deps);
  if (now.getTime() < shift.starts_at.getTime() - CHECKIN_EARLY_MS || now >= shift.ends_at) {
    throw checkInErrors.CHECKIN_NOT_OPEN();
  }
  if (!facts.signup_id) {
    throw checkInErrors.CHECKIN_NOT_SIGNED_UP();
  }
  if (facts.has_record) {
    throw checkInErrors.CHECKIN_DUPLICATE();
  }
  const id = randomUUID();
  const write = {
    ...recordWriteOf(shift, { id: facts.volunteer_id }, facts.signup_id, now, actor.userId),
    source: 'checkIn' as const,
  };
  const auditValues = auditRowValues(
    deps.cipher.auditKey,
    auditContextOf(actor, 'volunteers.self', shift.area_code),
    {
      action: 'serviceRecord.checkIn',
      entity: 'serviceRecord',
      entityId: id,
      areaCode: shift.area_code,
      before: null,
      after: { shiftId: shift.id, volunteerId: facts.volunteer_id, startedAt: now, source: 'checkIn' },
    },
    facts.audit_seq!,
  );
  try {
    await q.insertCheckIn(deps.db, id, write, auditValues);
  } catch (error) {
    const pgc = pgCode(error).code;
    if (pgc === '23505') {
      throw checkInErrors.CHECKIN_DUPLICATE();
    }
    if (pgc === '23P01') {
      // two check-ins of one shift at once may meet in the exclusion constraint before the unique index
      throw (await q.findRecordOfShift(deps.db, shift.id, facts.volunteer_id))
        ? checkInErrors.CHECKIN_DUPLICATE()
        : checkInErrors.CHECKIN_OVERLAP();
    }
    throw error;
  }
  const r: RecordRow = {
    id,
    volunteer_id: facts.volunteer_id,
    volunteer_name: facts.volunteer_name,
    volunteer_user_id: actor.userId,
    org_id: shift.org_id,
    org_name: shift.org_name,
    project_id: shift.project_id,
    project_title: shift.title,
    shift_id: shift.id,
    area_code: shift.area_code,
    area_full_name: shift.area_full_name,
    address: shift.address,
    started_at: now,
    ended_at: null,
    minutes: null,
    content: shift.service_content,
    source: 'checkIn',
    status: 'open',
    confirmed_by_name: null,
    confirmed_at: null,
    has_open_request: false,
  };
  return {
    ...presentRecord(r, new Map(), now),
    corrections: [],
    abilities: recordAbilities(actor, r, shift.org_area_code),
  };
}

/** checkOut — with the code again; the record's minutes follow the rounding rule (hours.ts). Audits `serviceRecord.checkOut`. */
export async function checkOut(deps: VolunteerDeps, actor: Actor, shiftId: string, code: string): Promise<string> {
  const v = await myVolunteer(deps.db, actor);
  const shift = await shiftOrNotFound(deps.db, shiftId);
  checkCode(deps, shift, code);
  return finishRecord(deps, actor, shift, v, nowOf(deps), 'volunteers.self');
}

/**
 * recordAttendance — the organizer checks a volunteer in or out (no smartphone, a flat battery),
 * at a time up to now — also afterwards from a paper sign-in sheet; a check-in within the shift
 * (from 30 minutes before its start). Audits `serviceRecord.checkIn` / `.checkOut` with source `organizer`.
 */
export async function recordAttendance(
  deps: VolunteerDeps,
  actor: Actor,
  shiftId: string,
  body: { volunteerId: string; action: 'checkIn' | 'checkOut'; at?: string },
): Promise<string> {
  const shift = await shiftOrNotFound(deps.db, shiftId);
  if (!mayManageProject(actor, shift)) {
    throw platformErrors.NOT_FOUND();
  }
  const now = nowOf(deps);
  const at = body.at ? new Date(body.at) : now;
  if (at.getTime() > now.getTime() + 60_000) {
    throw invalid([field('at', 'record.inFuture', '时间不能晚于现在')]);
  }
  if (
    body.action === 'checkIn' &&
    (at.getTime() < shift.starts_at.getTime() - CHECKIN_EARLY_MS || at >= shift.ends_at)
  ) {
    throw invalid([field('at', 'attendance.outsideShift', '签到时间应在班次开始前30分钟至班次结束之间')]);
  }
  const v = await q.findVolunteer(deps.db, body.volunteerId);
  if (!v) {
    throw invalid([field('volunteerId', 'volunteer.notFound', '未找到该志愿者')]);
  }
  return body.action === 'checkIn'
    ? startRecord(deps, actor, shift, v, at, 'organizer', 'volunteerProjects.manage')
    : finishRecord(deps, actor, shift, v, at, 'volunteerProjects.manage');
}

// ─── service records ─────────────────────────────────────────────────────────

export async function workingCalendar(db: Queryable, now: Date): Promise<WorkingCalendar> {
  const w = calendarWindow(now);
  return new Map((await q.findCalendar(db, w.from, w.to)).map((d) => [d.day, d.is_working_day]));
}

function presentRecord(r: RecordRow, calendar: WorkingCalendar, now: Date): ServiceRecord {
  const deadline = r.status === 'pending' && r.ended_at ? confirmDeadline(r.ended_at, calendar) : null;
  return {
    id: r.id,
    volunteerId: r.volunteer_id,
    volunteerName: r.volunteer_name,
    orgId: r.org_id,
    orgName: r.org_name,
    projectId: r.project_id,
    projectTitle: r.project_title,
    shiftId: r.shift_id,
    areaCode: r.area_code,
    areaFullName: r.area_full_name ?? r.area_code,
    address: r.address,
    startedAt: r.started_at.toISOString(),
    endedAt: r.ended_at?.toISOString() ?? null,
    minutes: r.minutes,
    content: r.content,
    source: r.source,
    status: r.status,
    confirmedByName: r.confirmed_by_name,
    confirmedAt: r.confirmed_at?.toISOString() ?? null,
    isOverdue: deadline !== null && deadline <= now,
    confirmBy: deadline?.toISOString() ?? null,
    hasOpenRequest: r.has_open_request,
  };
}

const presentCorrection = (c: CorrectionRow) => ({
  id: c.id,
  kind: c.kind,
  status: c.status,
  reason: c.reason,
  before: c.before,
  proposed: c.proposed,
  requestedAt: c.requested_at.toISOString(),
  decidedAt: c.decided_at?.toISOString() ?? null,
  decisionComment: c.decision_comment,
});

export async function getRecord(deps: VolunteerDeps, actor: Actor, id: string) {
  const r = await q.findRecord(deps.db, id);
  const org = r ? await q.findOrgFacts(deps.db, r.org_id) : null;
  if (!r || !org || !mayReadRecord(actor, r, org.area_code)) {
    throw platformErrors.NOT_FOUND();
  }
  const now = nowOf(deps);
  const [corrections, calendar] = await Promise.all([q.findCorrections(deps.db, id), workingCalendar(deps.db, now)]);
  return {
    ...presentRecord(r, calendar, now),
    corrections: corrections.map(presentCorrection),
    abilities: recordAbilities(actor, r, org.area_code),
  };
}

export async function listRecords(deps: VolunteerDeps, actor: Actor, query: RecordListQuery) {
  const now = nowOf(deps);
  const calendar = await workingCalendar(deps.db, now);
  let after: { startedAt: Date; id: string } | undefined;
  if (query.cursor) {
    const [t, id] = query.cursor.split('_');
    if (!t || !id || Number.isNaN(Date.parse(t)) || !/^[0-9a-f-]{36}$/.test(id)) {
      throw invalid([field('cursor', 'invalid_format', '分页游标无效')]);
    }
    after = { startedAt: new Date(t), id };
  }
  const rows = await q.listRecords(deps.db, {
    access: accessFor(actor, 'serviceRecords.read'),
    orgId: query.orgId,
    projectId: query.projectId,
    volunteerId: query.volunteerId,
    status: query.status,
    endedBefore: query.overdue === 'true' ? overdueCutoff(now, calendar) : undefined,
    within: query.areaCode ? subtreeRange(query.areaCode, levelOfCode(query.areaCode)) : undefined,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentRecord(r, calendar, now)),
    nextCursor: rows.length > query.limit && last ? `${last.started_at.toISOString()}_${last.id}` : null,
  };
}

/** The volunteer's own records with one total across every organization and area. */
export async function listMyRecords(deps: VolunteerDeps, actor: Actor) {
  const v = await myVolunteer(deps.db, actor);
  const now = nowOf(deps);
  const [rows, calendar, settings] = await Promise.all([
    q.listRecordsOfVolunteer(deps.db, v.id),
    workingCalendar(deps.db, now),
    starSettingsFor(deps.db, v.area_code),
  ]);
  return {
    items: rows.map((r) => presentRecord(r, calendar, now)),
    totalConfirmedMinutes: v.confirmed_minutes,
    totalConfirmedHours: hoursOf(v.confirmed_minutes),
    star: starOf(v, settings),
  };
}

type Span = { startedAt: Date; endedAt: Date | null };

function checkSpan(deps: VolunteerDeps, s: Span, errors: FieldError[]) {
  if (s.endedAt) {
    if (s.endedAt <= s.startedAt) {
      errors.push(field('endedAt', 'record.endBeforeStart', '结束时间应晚于开始时间'));
    } else if (s.endedAt.getTime() - s.startedAt.getTime() > MAX_RECORD_MS) {
      errors.push(field('endedAt', 'RECORD_TOO_LONG', '一条服务记录不能超过24小时'));
    }
    if (s.endedAt.getTime() > nowOf(deps).getTime() + 60_000) {
      errors.push(field('endedAt', 'record.inFuture', '时间不能晚于现在'));
    }
  }
}

const overlap = () =>
  recordErrors.RECORD_OVERLAP([field('startedAt', 'RECORD_OVERLAP', '与该志愿者的另一条服务记录时间重叠')]);

/**
 * validateBackfill — checks one earlier record an organization enters (谁组织谁记录): its
 * organization, volunteer, project and times. Returns the write or the row's field errors; a
 * spreadsheet import calls it per row and inserts the accepted rows with `insertBackfilled`.
 */
export async function validateBackfill(
  deps: VolunteerDeps,
  actor: Actor,
  body: BackfillBody,
): Promise<{ write: q.RecordWrite; areaCode: string } | { errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const org = await q.findOrgFacts(deps.db, body.orgId);
  if (!org || !mayManageRecordsOf(actor, { id: org.id, areaCode: org.area_code })) {
    return { errors: [field('orgId', 'record.org.notOwn', '只能为本组织补录服务记录')] };
  }
  const volunteerKnown =
    (await q.findVolunteer(deps.db, body.volunteerId)) !== null &&
    (await q.isVolunteerReadable(deps.db, body.volunteerId, accessFor(actor, 'volunteers.read')));
  if (!volunteerKnown) {
    errors.push(field('volunteerId', 'volunteer.notFound', '未找到该志愿者（请先将其加入本组织的志愿服务队）'));
  }
  const project = body.projectId ? await q.findProject(deps.db, body.projectId) : null;
  if (body.projectId && (!project || project.org_id !== org.id)) {
    errors.push(field('projectId', 'record.project.notOwn', '只能关联本组织的志愿项目'));
  }
  const projectTitle = body.projectTitle ?? project?.title;
  if (!projectTitle) {
    errors.push(field('projectTitle', 'record.projectTitle.required', '请填写服务项目名称'));
  }
  const areaCode = body.areaCode ?? project?.area_code ?? org.area_code;
  if (body.areaCode && !(await q.findAreaLevels(deps.db, [body.areaCode])).has(body.areaCode)) {
    errors.push(field('areaCode', 'AREA_NOT_FOUND', '未找到该行政区划'));
  }
  const span = { startedAt: new Date(body.startedAt), endedAt: new Date(body.endedAt) };
  checkSpan(deps, span, errors);
  if (errors.length > 0) {
    return { errors };
  }
  return {
    areaCode,
    write: {
      volunteerId: body.volunteerId,
      orgId: org.id,
      projectId: project?.id ?? null,
      projectTitle: projectTitle!,
      shiftId: null,
      signupId: null,
      areaCode,
      address: body.address,
      startedAt: span.startedAt,
      endedAt: span.endedAt,
      minutes: serviceMinutes(span.startedAt, span.endedAt),
      content: body.content,
      source: 'backfill',
      createdBy: actor.userId,
    },
  };
}

/** Inserts a validated back-filled record inside the caller's transaction (overlaps refused). */
export async function insertBackfilled(tx: Tx, write: q.RecordWrite): Promise<string> {
  return insertRecordChecked(tx, write, overlap);
}

/** backfillRecord — one earlier record, pending the organization's confirmation. Audits `serviceRecord.backfill`. */
export async function backfillRecord(deps: VolunteerDeps, actor: Actor, body: BackfillBody): Promise<string> {
  const checked = await validateBackfill(deps, actor, body);
  if ('errors' in checked) {
    throw invalid(checked.errors);
  }
  return withTransaction(deps.db, async (tx) => {
    const id = await insertBackfilled(tx, checked.write);
    await audit(
      tx,
      deps,
      actor,
      'serviceRecords.manage',
      { entity: 'serviceRecord', id, areaCode: checked.areaCode },
      'serviceRecord.backfill',
      null,
      { ...checked.write },
    );
    return id;
  });
}

/**
 * confirmRecords — the recording organization confirms finished records (谁记录谁证明): their
 * minutes become final and count towards each volunteer's one total and star level. All or
 * nothing. Records, then volunteers, are locked in id order. Audits `serviceRecord.confirm` per record.
 */
export async function confirmRecords(deps: VolunteerDeps, actor: Actor, recordIds: string[]) {
  const ids = [...new Set(recordIds)];
  const confirmerName = (await q.findUserName(deps.db, actor.userId)) ?? actor.name;
  return withTransaction(deps.db, async (tx) => {
    const rows = await q.lockRecords(tx, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const orgAreas = new Map<string, string | null>();
    for (const r of rows) {
      if (!orgAreas.has(r.org_id)) {
        orgAreas.set(r.org_id, (await q.findOrgFacts(tx, r.org_id))?.area_code ?? null);
      }
    }
    const errors: FieldError[] = [];
    for (const [i, id] of ids.entries()) {
      const r = byId.get(id);
      const area = r ? orgAreas.get(r.org_id) : null;
      if (!r || !area || !mayManageRecordsOf(actor, { id: r.org_id, areaCode: area })) {
        throw platformErrors.NOT_FOUND();
      }
      if (r.status === 'open') {
        errors.push(field(`recordIds.${i}`, 'RECORD_NOT_FINISHED', '该记录尚未签退，不能确认'));
      } else if (r.status === 'confirmed') {
        errors.push(field(`recordIds.${i}`, 'RECORD_ALREADY_CONFIRMED', '该记录已经确认过了'));
      }
    }
    if (errors.some((e) => e.code === 'RECORD_NOT_FINISHED')) {
      throw recordErrors.RECORD_NOT_FINISHED(errors);
    }
    if (errors.length > 0) {
      throw recordErrors.RECORD_ALREADY_CONFIRMED(errors);
    }
    await q.confirmRecords(tx, ids, actor.userId, confirmerName);
    const perVolunteer = new Map<string, number>();
    for (const r of rows) {
      perVolunteer.set(r.volunteer_id, (perVolunteer.get(r.volunteer_id) ?? 0) + (r.minutes ?? 0));
    }
    for (const v of await q.lockVolunteers(tx, [...perVolunteer.keys()])) {
      await addConfirmedMinutes(tx, v, perVolunteer.get(v.id)!);
    }
    for (const r of rows) {
      const full = (await q.findRecord(tx, r.id))!;
      await audit(
        tx,
        deps,
        actor,
        'serviceRecords.manage',
        { entity: 'serviceRecord', id: r.id, areaCode: full.area_code },
        'serviceRecord.confirm',
        { status: 'pending' },
        { status: 'confirmed', minutes: r.minutes, confirmedBy: confirmerName },
      );
    }
    return { confirmed: rows.length, minutes: rows.reduce((sum, r) => sum + (r.minutes ?? 0), 0) };
  });
}

const factsOf = (r: RecordRow) => ({
  startedAt: r.started_at.toISOString(),
  endedAt: r.ended_at?.toISOString() ?? null,
  minutes: r.minutes,
  content: r.content,
});

/**
 * Applies corrected times/content to a locked record: minutes computed again by the rule;
 * a confirmed record's change moves the volunteer's total by the difference.
 */
async function applyCorrection(
  deps: VolunteerDeps,
  tx: Tx,
  r: RecordRow,
  proposed: { startedAt?: string; endedAt?: string; content?: string },
) {
  const startedAt = proposed.startedAt ? new Date(proposed.startedAt) : r.started_at;
  const endedAt = proposed.endedAt ? new Date(proposed.endedAt) : r.ended_at;
  const errors: FieldError[] = [];
  checkSpan(deps, { startedAt, endedAt }, errors);
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const minutes = endedAt ? serviceMinutes(startedAt, endedAt) : null;
  try {
    await tx.query('SAVEPOINT record_correct');
    await q.setRecordFacts(tx, r.id, { startedAt, endedAt, minutes, content: proposed.content ?? r.content });
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT record_correct');
    if (pgCode(error).code === '23P01') {
      throw overlap();
    }
    throw error;
  }
  if (r.status === 'confirmed' && minutes !== r.minutes) {
    const [v] = await q.lockVolunteers(tx, [r.volunteer_id]);
    await addConfirmedMinutes(tx, v!, (minutes ?? 0) - (r.minutes ?? 0));
  }
  return { startedAt, endedAt, minutes, content: proposed.content ?? r.content };
}

/** correctRecord — the organization corrects times or content, with a reason kept in the trail. Audits `serviceRecord.correct`. */
export async function correctRecord(deps: VolunteerDeps, actor: Actor, id: string, body: CorrectionBody) {
  return withTransaction(deps.db, async (tx) => {
    const r = await q.findRecord(tx, id, true);
    const org = r ? await q.findOrgFacts(tx, r.org_id) : null;
    if (!r || !org || !mayManageRecordsOf(actor, { id: org.id, areaCode: org.area_code })) {
      throw platformErrors.NOT_FOUND();
    }
    const { reason, ...proposed } = body;
    const after = await applyCorrection(deps, tx, r, proposed);
    await q.insertCorrection(tx, {
      recordId: id,
      kind: 'organizer',
      status: 'applied',
      reason,
      before: factsOf(r),
      proposed,
      requestedBy: actor.userId,
    });
    await audit(
      tx,
      deps,
      actor,
      'serviceRecords.manage',
      { entity: 'serviceRecord', id, areaCode: r.area_code },
      'serviceRecord.correct',
      factsOf(r),
      { ...after, reason },
    );
    return id;
  });
}

/** requestCorrection — the volunteer asks the organization to correct a record. Audits `serviceRecord.requestCorrection`. */
export async function requestCorrection(deps: VolunteerDeps, actor: Actor, id: string, body: CorrectionBody) {
  const v = await myVolunteer(deps.db, actor);
  return withTransaction(deps.db, async (tx) => {
    const r = await q.findRecord(tx, id, true);
    if (!r || r.volunteer_id !== v.id) {
      throw platformErrors.NOT_FOUND();
    }
    if (r.status === 'open') {
      throw recordErrors.RECORD_NOT_FINISHED();
    }
    const { reason, ...proposed } = body;
    const errors: FieldError[] = [];
    checkSpan(
      deps,
      {
        startedAt: proposed.startedAt ? new Date(proposed.startedAt) : r.started_at,
        endedAt: proposed.endedAt ? new Date(proposed.endedAt) : r.ended_at,
      },
      errors,
    );
    if (errors.length > 0) {
      throw invalid(errors);
    }
    let correctionId: string;
    try {
      await tx.query('SAVEPOINT request_insert');
      correctionId = await q.insertCorrection(tx, {
        recordId: id,
        kind: 'request',
        status: 'pending',
        reason,
        before: factsOf(r),
        proposed,
        requestedBy: actor.userId,
      });
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT request_insert');
      if (pgCode(error).code === '23505') {
        throw recordErrors.RECORD_REQUEST_OPEN();
      }
      throw error;
    }
    await audit(
      tx,
      deps,
      actor,
      'volunteers.self',
      { entity: 'serviceRecord', id, areaCode: r.area_code },
      'serviceRecord.requestCorrection',
      factsOf(r),
      { correctionId, proposed, reason },
    );
    return correctionId;
  });
}

/** decideCorrection — the organization accepts (applies) or rejects (with a reason) a volunteer's request. Audits `serviceRecord.decideCorrection`. */
export async function decideCorrection(
  deps: VolunteerDeps,
  actor: Actor,
  correctionId: string,
  body: CorrectionDecisionBody,
) {
  return withTransaction(deps.db, async (tx) => {
    const c = await q.lockCorrection(tx, correctionId);
    const r = c ? await q.findRecord(tx, c.record_id, true) : null;
    const org = r ? await q.findOrgFacts(tx, r.org_id) : null;
    if (!c || !r || !org || !mayManageRecordsOf(actor, { id: org.id, areaCode: org.area_code })) {
      throw platformErrors.NOT_FOUND();
    }
    if (c.status !== 'pending') {
      throw recordErrors.CORRECTION_ALREADY_DECIDED();
    }
    const after = body.decision === 'accept' ? await applyCorrection(deps, tx, r, c.proposed) : null;
    await q.decideCorrection(tx, correctionId, {
      status: body.decision === 'accept' ? 'accepted' : 'rejected',
      by: actor.userId,
      comment: body.comment || null,
    });
    await audit(
      tx,
      deps,
      actor,
      'serviceRecords.manage',
      { entity: 'serviceRecord', id: r.id, areaCode: r.area_code },
      'serviceRecord.decideCorrection',
      factsOf(r),
      { correctionId, decision: body.decision, comment: body.comment || null, after },
    );
    return r.id;
  });
}

export async function listCorrectionRequests(deps: VolunteerDeps, actor: Actor) {
  const rows = await q.listOpenRequests(deps.db, accessFor(actor, 'serviceRecords.manage'));
  return {
    items: rows.map((c) => ({
      ...presentCorrection(c),
      recordId: c.record_id,
      volunteerName: c.volunteer_name,
      orgId: c.org_id,
    })),
  };
}

// ─── star settings and five-star approval ──────────────────────────────────────

export async function getStarSettings(deps: VolunteerDeps, actor: Actor, areaCode: string): Promise<StarSettings> {
  if (!isInScope(scopeOf(actor, 'volunteers.read'), areaCode)) {
    throw platformErrors.NOT_FOUND();
  }
  const s = await starSettingsFor(deps.db, areaCode);
  return {
    areaCode,
    own: {
      thresholdsHours: s.own?.thresholds_hours ?? null,
      fiveStarNeedsApproval: s.own?.five_star_needs_approval ?? null,
    },
    effective: { thresholdsHours: s.thresholdsHours, fiveStarNeedsApproval: s.fiveStarNeedsApproval },
  };
}

/**
 * setStarSettings — county-level (or higher) civil affairs or civilization office sets the
 * thresholds and whether five stars need approval; null inherits. Stars already held are
 * recomputed at the volunteer's next confirmation. Audits `volunteer.starSettings`.
 */
export async function setStarSettings(deps: VolunteerDeps, actor: Actor, areaCode: string, body: StarSettingsBody) {
  if (!isInScope(officerScope(actor, 'volunteers.configure'), areaCode)) {
    throw platformErrors.NOT_FOUND();
  }
  await withTransaction(deps.db, async (tx) => {
    const before = (await q.findStarSettings(tx, [areaCode]))[0] ?? null;
    const next = {
      thresholdsHours: body.thresholdsHours === undefined ? (before?.thresholds_hours ?? null) : body.thresholdsHours,
      fiveStarNeedsApproval:
        body.fiveStarNeedsApproval === undefined
          ? (before?.five_star_needs_approval ?? null)
          : body.fiveStarNeedsApproval,
    };
    await q.upsertStarSettings(tx, { areaCode, ...next, updatedBy: actor.userId });
    await audit(
      tx,
      deps,
      actor,
      'volunteers.configure',
      { entity: 'volunteerStarSettings', id: areaCode, areaCode },
      'volunteer.starSettings',
      before,
      next,
    );
  });
  return getStarSettings(deps, actor, areaCode);
}

export async function listFiveStarRequests(deps: VolunteerDeps, actor: Actor) {
  const rows = await q.listFiveStarRequests(deps.db, officerScope(actor, 'volunteers.approveStar'));
  const items = [];
  for (const v of rows) {
    const {
      teams: _t,
      serviceAreaCodes: _s,
      availability: _a,
      ...summary
    } = presentVolunteerLight(deps, actor, v, await starSettingsFor(deps.db, v.area_code));
    items.push(summary);
  }
  return { items, nextCursor: null };
}

/** decideFiveStar — an officer approves (or declines for now) a five-star rating. Audits `volunteer.fiveStar`. */
export async function decideFiveStar(
  deps: VolunteerDeps,
  actor: Actor,
  volunteerId: string,
  decision: 'approve' | 'reject',
) {
  await withTransaction(deps.db, async (tx) => {
    const v = await q.findVolunteer(tx, volunteerId, true);
    if (!v || !mayApproveStar(actor, v.area_code)) {
      throw platformErrors.NOT_FOUND();
    }
    if (v.five_star_requested_at === null) {
      throw volunteerErrors.STAR_NOT_PENDING();
    }
    await q.decideFiveStar(tx, volunteerId, decision === 'approve', actor.userId);
    await audit(
      tx,
      deps,
      actor,
      'volunteers.approveStar',
      { entity: 'volunteer', id: volunteerId, areaCode: v.area_code },
      'volunteer.fiveStar',
      { starLevel: v.star_level },
      { decision, starLevel: decision === 'approve' ? 5 : v.star_level },
    );
  });
  return getVolunteer(deps, actor, volunteerId);
}

// ─── working calendar ────────────────────────────────────────────────────────

export async function listCalendar(deps: VolunteerDeps, year: number) {
  const rows = await q.findCalendar(deps.db, `${year}-01-01`, `${year}-12-31`);
  return { items: rows.map((d) => ({ date: d.day, isWorkingDay: d.is_working_day, note: d.note })) };
}

/** setCalendarDay — a holiday (day off) or a make-up working day (调休). Audits `workingCalendar.set`. */
export async function setCalendarDay(
  deps: VolunteerDeps,
  actor: Actor,
  day: string,
  body: { isWorkingDay: boolean; note: string },
) {
  await withTransaction(deps.db, async (tx) => {
    await q.upsertCalendarDay(tx, { day, ...body, updatedBy: actor.userId });
    await audit(
      tx,
      deps,
      actor,
      'workingCalendar.manage',
      { entity: 'workingCalendar', id: day, areaCode: '000000000000' },
      'workingCalendar.set',
      null,
      { day, ...body },
    );
  });
  return listCalendar(deps, Number(day.slice(0, 4)));
}

// ─── for certificates (issued by another module) ─────────────────────────────────

/**
 * A volunteer's confirmed service in [from, to) (started in the period), per recording
 * organization: what a 志愿服务证明 states — the recording organization, the service content,
 * each record's time and minutes, who confirmed it, and the totals.
 */
export async function confirmedServiceOf(
  deps: { db: Queryable; cipher: PersonalDataCipher },
  volunteerId: string,
  period: { from?: Date; to?: Date; orgId?: string } = {},
) {
  const v = await q.findVolunteer(deps.db, volunteerId);
  if (!v) {
    return null;
  }
  const rows = await q.listConfirmedRecords(
    deps.db,
    volunteerId,
    period.from ?? null,
    period.to ?? null,
    period.orgId ?? null,
  );
  const byOrg = new Map<string, { orgId: string; orgName: string; minutes: number; records: typeof records }>();
  const records = rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    projectTitle: r.project_title,
    content: r.content,
    areaFullName: r.area_full_name ?? r.area_code,
    address: r.address,
    startedAt: r.started_at,
    endedAt: r.ended_at!,
    minutes: r.minutes ?? 0,
    confirmedByName: r.confirmed_by_name,
    confirmedAt: r.confirmed_at!,
  }));
  for (const [i, r] of records.entries()) {
    const entry = byOrg.get(r.orgId) ?? { orgId: r.orgId, orgName: rows[i]!.org_name, minutes: 0, records: [] };
    entry.minutes += r.minutes;
    entry.records.push(r);
    byOrg.set(r.orgId, entry);
  }
  const totalMinutes = records.reduce((sum, r) => sum + r.minutes, 0);
  return {
    volunteer: {
      id: v.id,
      name: v.name,
      idNumberMasked: maskIdNumber(deps.cipher.decrypt(v.id_number_enc)),
      areaCode: v.area_code,
      lifetimeConfirmedMinutes: v.confirmed_minutes,
      starLevel: v.star_level,
    },
    totalMinutes,
    totalHours: hoursOf(totalMinutes),
    byOrganization: [...byOrg.values()],
  };
}

/** Who a volunteer is, by id or by account: what a certificate needs besides the records. */
export async function volunteerFacts(
  db: Queryable,
  by: { id: string } | { userId: string },
): Promise<{ id: string; userId: string | null; name: string; areaCode: string } | null> {
  const v = 'id' in by ? await q.findVolunteer(db, by.id) : await q.findVolunteerByUser(db, by.userId);
  return v ? { id: v.id, userId: v.user_id, name: v.name, areaCode: v.area_code } : null;
}

/** An organization's name and area, and whether the actor acts for it with `permission` (谁记录谁证明). */
export async function organizationFor(db: Queryable, actor: Actor, orgId: string, permission: PermissionKey) {
  const org = await q.findOrgFacts(db, orgId);
  if (!org) {
    return null;
  }
  return {
    id: org.id,
    name: org.name,
    areaCode: org.area_code,
    actsFor: actsFor(actor, permission, { id: org.id, areaCode: org.area_code }),
  };
}

export const hasRecordWithOrg = (db: Queryable, volunteerId: string, orgId: string) =>
  q.hasRecordWithOrg(db, volunteerId, orgId);

/** The volunteers an ID number or a registered mobile number names (a back-filled row names its volunteer so). */
export async function findVolunteerIdsByIdentity(
  deps: { db: Queryable; cipher: PersonalDataCipher },
  identity: { idNumber: string } | { mobile: string },
): Promise<string[]> {
  if ('idNumber' in identity) {
    const found = await q.findVolunteerIdByIdHash(deps.db, deps.cipher.lookupHash(identity.idNumber.toUpperCase()));
    return found ? [found.id] : [];
  }
  return q.findVolunteerIdsByMobileHash(deps.db, deps.cipher.lookupHash(identity.mobile));
}

export const hasSameRecord = (
  db: Queryable,
  r: { volunteerId: string; orgId: string; startedAt: Date; endedAt: Date },
) => q.hasSameRecord(db, r);
