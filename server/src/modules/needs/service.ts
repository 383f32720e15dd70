import { Mobile } from '@linli/contract/accounts';
import type { ActivityBody } from '@linli/contract/activities';
import { areaLevels, subtreeRange } from '@linli/contract/areas';
import type { FieldError } from '@linli/contract/errors';
import {
  type AcceptBody,
  type DispatchBody,
  type DurationFigures,
  type Need,
  type NeedAction,
  type NeedBody,
  type NeedListQuery,
  type NeedStats,
  type NeedStatsQuery,
  type NeedStatsRow,
  type NeedSummary,
  type OrgRatingSummary,
  openStatuses,
  type RatingBody,
} from '@linli/contract/needs';
import type { PermissionKey } from '@linli/contract/permissions';
import { type Actor, auditContextOf, grantsWith, isInScope, scopeOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { type Db, type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError, platformErrors } from '../../platform/errors';
import { maskMobile, maskName, type PersonalDataCipher } from '../../platform/personal-data';
import { createActivityInTransaction } from '../activities/index';
import { getArea } from '../areas/index';
import { needErrors } from './errors';
import { firstNeedState, needActor, nextNeedState } from './need-machine';
import {
  actsForOrg,
  anyDispatchScope,
  childLevel,
  dispatchArea,
  dispatchScope,
  mayDispatchAtLevel,
  mayRead,
  mayRevealContact,
  needAbilities,
  officerReadScope,
  prefixLength,
  servedOrgIds,
} from './policy';
import * as q from './queries';
import type { NeedRow, NeedStatsDbRow } from './tables';

/** `now` is injectable so tests and the demo seed can stand at another moment. */
export type NeedDeps = { db: Db; cipher: PersonalDataCipher; now?: () => Date };

const nowOf = (deps: NeedDeps) => deps.now?.() ?? new Date();
const field = (path: string, code: string, message: string): FieldError => ({ path, code, message });
const invalid = (fields: FieldError[]) => platformErrors.VALIDATION_FAILED(fields);
const DAY_MS = 86_400_000;
/** China has one time zone and no daylight saving: the calendar day at `t`, +08:00. */
const chinaDay = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

const permissionOf: Record<(typeof needActor)[NeedAction], PermissionKey> = {
  poster: 'needs.post',
  dispatcher: 'needs.dispatch',
  organization: 'needs.accept',
};

// ─── presenting ──────────────────────────────────────────────────────────────

function presentSummary(actor: Actor, r: NeedRow, now: Date): NeedSummary {
  return {
    id: r.id,
    title: r.title,
    field: r.field,
    serviceTarget: r.service_target,
    areaCode: r.area_code,
    areaFullName: r.area_full_name ?? r.area_code,
    address: r.address,
    forWhom: r.for_whom,
    deadline: r.deadline,
    status: r.status,
    dispatchLevel: r.dispatch_level,
    orgId: r.org_id,
    orgName: r.org_name,
    postedAt: r.posted_at.toISOString(),
    acceptedAt: r.accepted_at?.toISOString() ?? null,
    doneAt: r.done_at?.toISOString() ?? null,
    isOverdue: (openStatuses as readonly string[]).includes(r.status) && r.deadline < chinaDay(now),
    stars: r.stars,
    isMine: r.posted_by === actor.userId,
    abilities: needAbilities(actor, r),
  };
}

async function presentNeed(deps: NeedDeps, actor: Actor, r: NeedRow): Promise<Need> {
  const steps = await q.findSteps(deps.db, r.id);
  const isPoster = r.posted_by === actor.userId;
  const name = deps.cipher.decrypt(r.contact_name_enc);
  const mobile = deps.cipher.decrypt(r.contact_mobile_enc);
  return {
    ...presentSummary(actor, r, nowOf(deps)),
    description: r.description,
    contact: isPoster
      ? { name, mobile, isMasked: false }
      : { name: maskName(name), mobile: maskMobile(mobile), isMasked: true },
    statusReason: r.status_reason,
    fulfilment: r.fulfilment_kind
      ? { kind: r.fulfilment_kind, activityId: r.activity_id, note: r.fulfilment_note }
      : null,
    doneNote: r.done_note,
    rating:
      r.stars !== null && r.rated_at
        ? { stars: r.stars, comment: r.rating_comment ?? '', ratedAt: r.rated_at.toISOString() }
        : null,
    timeline: steps.map((s) => ({
      action: s.action,
      fromStatus: s.from_status,
      toStatus: s.to_status,
      level: s.level,
      orgId: s.org_id,
      orgName: s.org_name,
      comment: s.comment,
      // a resident's name is personal data: shown to the poster only
      actorName: s.actor_id === r.posted_by && !isPoster ? null : s.actor_name,
      actorRole: s.actor_role,
      at: s.at.toISOString(),
    })),
  };
}

export async function getNeed(deps: NeedDeps, actor: Actor, id: string): Promise<Need> {
  const row = await q.findNeedById(deps.db, id);
  if (!row || !mayRead(actor, row)) {
    throw platformErrors.NOT_FOUND();
  }
  return presentNeed(deps, actor, row);
}

/**
 * revealContact — the full contact for the officers of the level the need waits at and the
 * organization serving it (个人信息保护法: revealed only to those who need it). Audits
 * `need.contactReveal`.
 */
export async function revealContact(deps: NeedDeps, actor: Actor, id: string) {
  const row = await q.findNeedById(deps.db, id);
  if (!row || !mayRead(actor, row)) {
    throw platformErrors.NOT_FOUND();
  }
  if (!mayRevealContact(actor, row)) {
    throw platformErrors.FORBIDDEN();
  }
  const permission: PermissionKey = mayDispatchAtLevel(actor, row) ? 'needs.dispatch' : 'needs.accept';
  await withTransaction(deps.db, (tx) =>
    appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, permission, row.area_code), {
      action: 'need.contactReveal',
      entity: 'need',
      entityId: row.id,
      areaCode: row.area_code,
    }),
  );
  return { name: deps.cipher.decrypt(row.contact_name_enc), mobile: deps.cipher.decrypt(row.contact_mobile_enc) };
}

// ─── the steps ───────────────────────────────────────────────────────────────

/**
 * One step of the machine on a locked row: 409 when it is illegal from the row's state (nothing
 * changes); otherwise the row moves, the step joins the timeline, and the audit records it.
 */
async function takeStep(
  tx: Tx,
  deps: NeedDeps,
  actor: Actor,
  row: NeedRow,
  action: NeedAction,
  change: {
    orgId?: string | null;
    comment?: string | null;
    reason?: string | null;
    stamp?: 'dispatched_at' | 'accepted_at' | 'done_at';
    fulfilment?: { kind: string; activityId: string | null; note: string | null };
    doneNote?: string;
    audit?: Record<string, unknown>;
  } = {},
) {
  const next = nextNeedState({ status: row.status, level: row.dispatch_level }, action);
  if (!next) {
    throw needErrors.NEED_ILLEGAL_TRANSITION();
  }
  const at = nowOf(deps);
  const orgId = change.orgId === undefined ? row.org_id : change.orgId;
  const ctx = auditContextOf(actor, permissionOf[needActor[action]], row.area_code);
  await q.moveNeed(tx, row.id, {
    status: next.status,
    level: next.level,
    orgId,
    at,
    ...(change.reason === undefined ? {} : { reason: change.reason }),
    ...(change.stamp ? { stamp: change.stamp } : {}),
    ...(change.fulfilment ? { fulfilment: change.fulfilment } : {}),
    ...(change.doneNote === undefined ? {} : { doneNote: change.doneNote }),
  });
  await q.insertStep(tx, {
    needId: row.id,
    action,
    fromStatus: row.status,
    toStatus: next.status,
    level: next.level,
    // the organization the step concerns: the one dispatched to, or the one that refused / served
    orgId: change.orgId ?? row.org_id,
    comment: change.comment ?? null,
    actorId: actor.userId,
    actorRole: ctx.actorRole,
    at,
  });
  await appendAudit(tx, deps.cipher.auditKey, ctx, {
    action: `need.${action}`,
    entity: 'need',
    entityId: row.id,
    areaCode: row.area_code,
    before: { status: row.status, level: row.dispatch_level, orgId: row.org_id },
    after: { status: next.status, level: next.level, orgId, comment: change.comment ?? null, ...change.audit },
  });
  return row.id;
}

/**
 * postNeed — 群众点单: a resident (for their own community) or the committee posts a need; it
 * waits in the community station's queue. The contact is encrypted at rest. Audits `need.post`
 * (without the contact).
 */
export async function postNeed(deps: NeedDeps, actor: Actor, body: NeedBody): Promise<string> {
  const errors: FieldError[] = [];
  const area = await getArea(deps.db, body.areaCode).catch(() => null);
  if (!area) {
    errors.push(field('areaCode', 'AREA_NOT_FOUND', '未找到该行政区划'));
  } else if (area.level !== 'community') {
    errors.push(field('areaCode', 'NEED_AREA_NOT_COMMUNITY', '需求所在区划应为社区(村)'));
  }
  const mobile = Mobile.safeParse(body.contactMobile);
  if (!mobile.success) {
    errors.push(field('contactMobile', 'mobile.invalid', '请输入11位中国大陆手机号'));
  }
  const now = nowOf(deps);
  const today = chinaDay(now);
  const latest = chinaDay(new Date(now.getTime() + 366 * DAY_MS));
  if (body.deadline < today || body.deadline > latest) {
    errors.push(field('deadline', 'NEED_DEADLINE_INVALID', '期望办结日期应在今天到一年之内'));
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  if (!area || !isInScope(scopeOf(actor, 'needs.post'), area.code)) {
    throw platformErrors.FORBIDDEN([field('areaCode', 'AREA_OUT_OF_SCOPE', '只能为本社区(村)发布需求')]);
  }
  return withTransaction(deps.db, async (tx) => {
    const id = await q.insertNeed(tx, {
      areaCode: area.code,
      title: body.title,
      description: body.description,
      field: body.field,
      serviceTarget: body.serviceTarget,
      address: body.address,
      forWhom: body.forWhom,
      deadline: body.deadline,
      contactNameEnc: deps.cipher.encrypt(body.contactName),
      contactMobileEnc: deps.cipher.encrypt(mobile.data!),
      postedBy: actor.userId,
      postedAt: now,
    });
    const ctx = auditContextOf(actor, 'needs.post', area.code);
    await q.insertStep(tx, {
      needId: id,
      action: 'post',
      fromStatus: null,
      toStatus: firstNeedState.status,
      level: firstNeedState.level,
      orgId: null,
      comment: null,
      actorId: actor.userId,
      actorRole: ctx.actorRole,
      at: now,
    });
    const { contactName: _n, contactMobile: _m, ...facts } = body;
    await appendAudit(tx, deps.cipher.auditKey, ctx, {
      action: 'need.post',
      entity: 'need',
      entityId: id,
      areaCode: area.code,
      after: { ...facts, contact: '(encrypted)', status: firstNeedState.status, level: firstNeedState.level },
    });
    return id;
  });
}

/**
 * The need a dispatcher acts on, locked: 404 outside every level the actor dispatches at, 409
 * NEED_NOT_YOUR_LEVEL when it waits at another level (e.g. still at the community's station).
 */
async function needToDispatch(tx: Tx, actor: Actor, id: string): Promise<NeedRow> {
  const row = await q.findNeedById(tx, id, true);
  if (!row || !isInScope(anyDispatchScope(actor), row.area_code)) {
    throw platformErrors.NOT_FOUND();
  }
  if (!mayDispatchAtLevel(actor, row)) {
    throw needErrors.NEED_NOT_YOUR_LEVEL();
  }
  return row;
}

/**
 * dispatchNeed — 中心派单: the venue the need waits at sends it to an active organization of the
 * area it covers (its community, township or county) inside the dispatcher's jurisdiction.
 * Audits `need.dispatch`.
 */
export async function dispatchNeed(deps: NeedDeps, actor: Actor, id: string, body: DispatchBody) {
  return withTransaction(deps.db, async (tx) => {
    const row = await needToDispatch(tx, actor, id);
    if (!nextNeedState({ status: row.status, level: row.dispatch_level }, 'dispatch')) {
      throw needErrors.NEED_ILLEGAL_TRANSITION();
    }
    const org = await q.findOrgFacts(tx, body.orgId);
    const area = dispatchArea(row.area_code, row.dispatch_level);
    if (
      org?.status !== 'active' ||
      org.area_code < area.lo ||
      org.area_code > area.hi ||
      !isInScope(dispatchScope(actor, row.dispatch_level), org.area_code)
    ) {
      throw needErrors.NEED_ORG_UNAVAILABLE([
        field('orgId', 'NEED_ORG_UNAVAILABLE', '该组织不在本级派单范围内，或不在正常状态'),
      ]);
    }
    return takeStep(tx, deps, actor, row, 'dispatch', {
      orgId: org.id,
      comment: body.note || null,
      reason: null,
      stamp: 'dispatched_at',
    });
  });
}

/**
 * redispatchNeed — nobody local can serve it: the station sends it up to the township's
 * institute, the institute to the county's center, with the reason. Audits `need.redispatch`.
 */
export async function redispatchNeed(deps: NeedDeps, actor: Actor, id: string, reason: string) {
  return withTransaction(deps.db, async (tx) => {
    const row = await needToDispatch(tx, actor, id);
    if (row.dispatch_level === 'center' && ['posted', 'redispatched', 'refused'].includes(row.status)) {
      throw needErrors.NEED_TOP_LEVEL();
    }
    return takeStep(tx, deps, actor, row, 'redispatch', { orgId: null, comment: reason, reason });
  });
}

/** declineNeed — the dispatcher will not serve it (out of the programme's remit), with the reason. Audits `need.decline`. */
export async function declineNeed(deps: NeedDeps, actor: Actor, id: string, reason: string) {
  return withTransaction(deps.db, async (tx) => {
    const row = await needToDispatch(tx, actor, id);
    return takeStep(tx, deps, actor, row, 'decline', { orgId: null, comment: reason, reason });
  });
}

/** The need an organization acts on, locked: 404 unless it is with an organization the actor serves. */
async function needToServe(tx: Tx, actor: Actor, id: string): Promise<NeedRow> {
  const row = await q.findNeedById(tx, id, true);
  if (!row || !actsForOrg(actor, row.org_id)) {
    throw platformErrors.NOT_FOUND();
  }
  return row;
}

/** A field error of the activity plan, moved under `activity.` so the accept form can show it. */
function underActivity(error: unknown): unknown {
  if (error instanceof AppError && error.fields) {
    return new AppError(
      error.status,
      error.code,
      error.message,
      error.fields.map((f) => ({ ...f, path: `activity.${f.path}` })),
    );
  }
  return error;
}

/**
 * acceptNeed — 接单: the organization it was dispatched to takes it, either as a draft activity
 * prefilled from the need (through the activities module, in the same transaction; linked by id)
 * or as a volunteer task (a note for now; volunteers come with C5). Audits `need.accept`.
 */
export async function acceptNeed(deps: NeedDeps, actor: Actor, id: string, body: AcceptBody) {
  return withTransaction(deps.db, async (tx) => {
    const row = await needToServe(tx, actor, id);
    if (!nextNeedState({ status: row.status, level: row.dispatch_level }, 'accept')) {
      throw needErrors.NEED_ILLEGAL_TRANSITION();
    }
    if ((await q.findOrgStatus(tx, row.org_id!)) !== 'active') {
      throw needErrors.NEED_ORG_NOT_ACTIVE();
    }
    let fulfilment: { kind: string; activityId: string | null; note: string | null };
    if (body.plan === 'activity') {
      const plan = body.activity;
      const activity: ActivityBody = {
        orgId: row.org_id!,
        title: plan.title ?? row.title,
        content: plan.content ?? `${row.description}（服务对象：${row.for_whom}）`,
        field: row.field,
        campaign: null,
        kind: 'ordinary',
        startsAt: plan.startsAt,
        endsAt: plan.endsAt,
        venueRoomId: plan.venueRoomId,
        address: plan.address ?? (plan.venueRoomId ? '' : row.address),
        targetGroups: row.service_target ? [row.service_target] : [],
        expectedParticipants: plan.expectedParticipants,
        partnerOrgIds: [],
      };
      const activityId = await createActivityInTransaction(tx, deps, actor, activity).catch((error: unknown) => {
        throw underActivity(error);
      });
      fulfilment = { kind: 'activity', activityId, note: null };
    } else {
      fulfilment = { kind: 'volunteerTask', activityId: null, note: body.note };
    }
    return takeStep(tx, deps, actor, row, 'accept', {
      comment: fulfilment.note,
      stamp: 'accepted_at',
      fulfilment,
      audit: { fulfilment },
    });
  });
}

/** refuseNeed — the organization cannot take it: back to the queue of the level that dispatched it. Audits `need.refuse`. */
export async function refuseNeed(deps: NeedDeps, actor: Actor, id: string, reason: string) {
  return withTransaction(deps.db, async (tx) => {
    const row = await needToServe(tx, actor, id);
    return takeStep(tx, deps, actor, row, 'refuse', { orgId: null, comment: reason, reason });
  });
}

/** completeNeed — the organization reports it done, with a note for the poster. Audits `need.complete`. */
export async function completeNeed(deps: NeedDeps, actor: Actor, id: string, note: string) {
  return withTransaction(deps.db, async (tx) => {
    const row = await needToServe(tx, actor, id);
    return takeStep(tx, deps, actor, row, 'complete', { comment: note, stamp: 'done_at', doneNote: note });
  });
}

/** The need its poster acts on, locked: 404 when unreadable, 403 when the actor did not post it. */
async function needOfPoster(tx: Tx, actor: Actor, id: string): Promise<NeedRow> {
  const row = await q.findNeedById(tx, id, true);
  if (!row || !mayRead(actor, row)) {
    throw platformErrors.NOT_FOUND();
  }
  if (row.posted_by !== actor.userId) {
    throw needErrors.NEED_NOT_POSTER();
  }
  return row;
}

/**
 * rateNeed — 群众评单: the poster rates a done need once, 1–5 stars with a comment; the rating
 * goes on the serving organization's record. The row lock makes a second, simultaneous rating
 * wait and then find the need rated (409); the ratings table's key backs it. Audits `need.rate`.
 */
export async function rateNeed(deps: NeedDeps, actor: Actor, id: string, body: RatingBody) {
  return withTransaction(deps.db, async (tx) => {
    const row = await needOfPoster(tx, actor, id);
    if (row.status === 'rated') {
      throw needErrors.NEED_ALREADY_RATED();
    }
    if (!nextNeedState({ status: row.status, level: row.dispatch_level }, 'rate')) {
      throw needErrors.NEED_ILLEGAL_TRANSITION();
    }
    const stored = await q.insertRating(tx, {
      needId: row.id,
      orgId: row.org_id!,
      stars: body.stars,
      comment: body.comment,
      field: row.field,
      ratedBy: actor.userId,
      at: nowOf(deps),
    });
    if (!stored) {
      throw needErrors.NEED_ALREADY_RATED();
    }
    return takeStep(tx, deps, actor, row, 'rate', {
      comment: body.comment || null,
      audit: { stars: body.stars },
    });
  });
}

/** cancelNeed — the poster withdraws a need nobody has accepted yet, with the reason. Audits `need.cancel`. */
export async function cancelNeed(deps: NeedDeps, actor: Actor, id: string, reason: string) {
  return withTransaction(deps.db, async (tx) => {
    const row = await needOfPoster(tx, actor, id);
    return takeStep(tx, deps, actor, row, 'cancel', { orgId: null, comment: reason, reason });
  });
}

// ─── lists ───────────────────────────────────────────────────────────────────

function decodeCursor(cursor: string | undefined) {
  if (!cursor) {
    return undefined;
  }
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('\u0001');
  const postedAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(postedAt.getTime())) {
    throw invalid([field('cursor', 'invalid_format', '分页游标无效')]);
  }
  return { postedAt, id };
}
const encodeCursor = (r: NeedRow) => Buffer.from(`${r.posted_at.toISOString()}\u0001${r.id}`).toString('base64url');

type FilterQuery = Omit<NeedListQuery, 'cursor' | 'limit'>;

/** The list filter of a query; `areaCode` narrows to a subtree of any level. */
export async function filterOf(db: Queryable, now: Date, query: FilterQuery): Promise<Omit<q.NeedFilter, 'access'>> {
  if (query.from && query.to && query.to < query.from) {
    throw invalid([field('to', 'need.range.invalid', '结束日期不能早于开始日期')]);
  }
  let within: q.NeedFilter['within'];
  if (query.areaCode) {
    const area = await getArea(db, query.areaCode).catch(() => {
      throw invalid([field('areaCode', 'AREA_NOT_FOUND', '未找到该行政区划')]);
    });
    within = subtreeRange(area.code, area.level);
  }
  const statuses = query.status
    ? [query.status]
    : query.isOpen === 'true'
      ? openStatuses
      : query.isOpen === 'false'
        ? (['done', 'rated', 'declined', 'cancelled'] as const)
        : undefined;
  return {
    ...(within ? { within } : {}),
    ...(statuses ? { statuses } : {}),
    ...(query.isOverdue ? { overdueBefore: chinaDay(now) } : {}),
    ...(query.field ? { field: query.field } : {}),
    ...(query.serviceTarget ? { serviceTarget: query.serviceTarget } : {}),
    ...(query.dispatchLevel ? { dispatchLevel: query.dispatchLevel } : {}),
    ...(query.orgId ? { orgId: query.orgId } : {}),
    ...(query.from ? { from: dayStart(query.from) } : {}),
    ...(query.to ? { to: new Date(dayStart(query.to).getTime() + DAY_MS) } : {}),
  };
}

async function page(deps: NeedDeps, actor: Actor, filter: q.NeedFilter, query: NeedListQuery, newestFirst = false) {
  const rows = await q.listNeeds(deps.db, {
    ...filter,
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
    newestFirst,
  });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const now = nowOf(deps);
  return {
    items: items.map((r) => presentSummary(actor, r, now)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/** The needs of the officer's jurisdiction, oldest first, with filters (status, open, overdue, field, …). */
export async function listNeeds(deps: NeedDeps, actor: Actor, query: NeedListQuery) {
  const access = { scope: officerReadScope(actor), orgIds: [], posterId: null };
  return page(deps, actor, { access, ...(await filterOf(deps.db, nowOf(deps), query)) }, query);
}

/** The needs the caller posted, newest first (the resident's mobile page). */
export async function listMyNeeds(deps: NeedDeps, actor: Actor, query: NeedListQuery) {
  const access = { scope: { ranges: [] }, orgIds: [], posterId: actor.userId };
  return page(deps, actor, { access, ...(await filterOf(deps.db, nowOf(deps), query)) }, query, true);
}

/** The needs with the organizations the caller administers (dispatched, accepted, done …), oldest first. */
export async function listAssigned(deps: NeedDeps, actor: Actor, query: NeedListQuery) {
  const access = { scope: { ranges: [] }, orgIds: servedOrgIds(actor), posterId: null };
  return page(deps, actor, { access, ...(await filterOf(deps.db, nowOf(deps), query)) }, query);
}

/** The dispatch queue: needs waiting at a level the caller dispatches at, oldest first. */
export async function listDispatchQueue(deps: NeedDeps, actor: Actor) {
  const rows = await q.findQueued(
    deps.db,
    (['station', 'institute', 'center'] as const).map((level) => ({ level, scope: dispatchScope(actor, level) })),
    500,
  );
  const now = nowOf(deps);
  return { items: rows.map((r) => presentSummary(actor, r, now)) };
}

// ─── statistics ──────────────────────────────────────────────────────────────

const hours = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 360) / 10);
const durations = (count: number, median: number | null, p90: number | null): DurationFigures => ({
  count,
  medianHours: hours(median),
  p90Hours: hours(p90),
});

function figures(r: NeedStatsDbRow | undefined): NeedStatsRow {
  return {
    posted: r?.posted ?? 0,
    open: r?.open ?? 0,
    accepted: r?.accepted ?? 0,
    done: r?.done ?? 0,
    rated: r?.rated ?? 0,
    declined: r?.declined ?? 0,
    cancelled: r?.cancelled ?? 0,
    averageStars: r?.average_stars === null || r?.average_stars === undefined ? null : round1(r.average_stars),
    response: durations(r?.accepted ?? 0, r?.response_median ?? null, r?.response_p90 ?? null),
    completion: durations(r?.done ?? 0, r?.completion_median ?? null, r?.completion_p90 ?? null),
  };
}
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Response time (posted → accepted) and completion time (accepted → done), median and p90 in
 * hours, with counts — for the jurisdiction (or `areaCode` inside it), per child area and per
 * organization. Needs are counted by the day they were posted (`from`–`to`).
 */
export async function needStatistics(deps: NeedDeps, actor: Actor, query: NeedStatsQuery): Promise<NeedStats> {
  const scope = officerReadScope(actor);
  let root: { code: string; level: (typeof areaLevels)[number]; fullName: string };
  if (query.areaCode) {
    const area = await getArea(deps.db, query.areaCode).catch(() => {
      throw invalid([field('areaCode', 'AREA_NOT_FOUND', '未找到该行政区划')]);
    });
    const range = subtreeRange(area.code, area.level);
    if (!scope.ranges.some((r) => r.lo <= range.lo && range.hi <= r.hi)) {
      throw platformErrors.FORBIDDEN([field('areaCode', 'AREA_OUT_OF_SCOPE', '该行政区划不在您的管辖范围内')]);
    }
    root = area;
  } else {
    // the jurisdiction switcher's area, else the first officer grant that reads needs
    const grant = grantsWith(actor, 'needs.read').find((g) => g.role !== 'orgAdmin');
    const start = actor.currentArea ?? (grant ? { code: grant.areaCode, level: grant.areaLevel } : null);
    if (!start) {
      throw platformErrors.FORBIDDEN();
    }
    root = await getArea(deps.db, start.code, start.level);
  }
  const filter: q.NeedFilter = {
    access: { scope, orgIds: [], posterId: null },
    ...(await filterOf(deps.db, nowOf(deps), { from: query.from, to: query.to })),
    within: subtreeRange(root.code, root.level),
  };
  const child = childLevel(root.level);
  const [total, byArea, byOrg] = await Promise.all([
    q.needStats(deps.db, filter, { kind: 'total' }),
    q.needStats(deps.db, filter, { kind: 'area', prefix: prefixLength(child) }),
    q.needStats(deps.db, filter, { kind: 'organization' }),
  ]);
  const areaNames = await q.findAreaNames(
    deps.db,
    byArea.map((r) => r.key!),
    areaLevels.indexOf(child),
  );
  const orgNames = await q.findOrgNames(
    deps.db,
    byOrg.map((r) => r.key!),
  );
  return {
    areaCode: root.code,
    areaFullName: root.fullName,
    total: figures(total[0]),
    byArea: byArea.map((r) => ({ ...figures(r), areaCode: r.key!, areaName: areaNames.get(r.key!) ?? r.key! })),
    byOrganization: byOrg.map((r) => ({ ...figures(r), orgId: r.key!, orgName: orgNames.get(r.key!) ?? '' })),
  };
}

// ─── ratings on the organization's record ───────────────────────────────────

/** A mobile number typed into a comment is masked before the comment goes public. */
const scrubComment = (comment: string) => comment.replace(/1[3-9]\d{9}/g, (m) => maskMobile(m));

/**
 * The ratings an organization received from the people it served: count, average, the 1–5
 * distribution and the most recent comments (no names, masked numbers). No access check: the
 * figure is public, like the organization's disclosure page.
 */
export async function summarizeOrgRatings(
  db: Queryable,
  orgId: string,
  opts: { recent?: number } = {},
): Promise<OrgRatingSummary> {
  const [figures] = await q.ratingFigures(db, [orgId]);
  const recent = await q.recentRatings(db, orgId, opts.recent ?? 5);
  return {
    orgId,
    count: figures?.count ?? 0,
    averageStars: figures?.average === null || figures?.average === undefined ? null : round1(figures.average),
    distribution: figures?.distribution ?? [0, 0, 0, 0, 0],
    recent: recent.map((r) => ({
      stars: r.stars,
      comment: scrubComment(r.comment),
      field: r.field as OrgRatingSummary['recent'][number]['field'],
      ratedAt: r.rated_at.toISOString(),
    })),
  };
}

/** Count and average per organization, for lists (the dashboard, evaluation in C7). */
export async function countRatingsByOrganization(
  db: Queryable,
  orgIds: string[],
): Promise<Map<string, { count: number; averageStars: number | null }>> {
  const rows = await q.ratingFigures(db, orgIds);
  return new Map(
    rows.map((r) => [r.org_id, { count: r.count, averageStars: r.average === null ? null : round1(r.average) }]),
  );
}

/** The public summary: established organizations only (as their disclosure page). */
export async function getOrgRatings(deps: NeedDeps, orgId: string): Promise<OrgRatingSummary> {
  const status = await q.findOrgStatus(deps.db, orgId);
  if (!status || status === 'pending' || status === 'notEstablished') {
    throw platformErrors.NOT_FOUND();
  }
  return summarizeOrgRatings(deps.db, orgId);
}
