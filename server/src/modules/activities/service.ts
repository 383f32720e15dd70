import { Mobile } from '@linli/contract/accounts';
import type {
  Activity,
  ActivityBody,
  ActivityCounts,
  ActivityListQuery,
  ActivitySummary,
  ActivityUpdateBody,
  Booking,
  BookingBody,
  BookingDecisionBody,
  OutcomeBody,
  PathRules,
  PathRulesBody,
  PathStep,
  PublicActivity,
  ReviewBody,
  Venue,
  VenueBody,
  VenueUpdateBody,
} from '@linli/contract/activities';
import { type AreaLevel, prefixLengthByLevel, subtreeRange } from '@linli/contract/areas';
import type { FieldError } from '@linli/contract/errors';
import { type Actor, auditContextOf, isInScope } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { type Db, type Queryable, type Tx, withTransaction } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
import { maskMobile, type PersonalDataCipher } from '../../platform/personal-data';
import { getArea } from '../areas/index';
import { activityErrors, bookingErrors, campaignErrors, photoErrors, venueErrors } from './errors';
import { activityPath, effectiveRules, mayPublish, statusAfter, stepAwaited, submitDeadline } from './path-rules';
import { PHOTOS_PER_ACTIVITY, preparePhoto } from './photos';
import {
  activityAbilities,
  approvalParts,
  bookingAbilities,
  mayAcknowledge,
  mayApprove,
  mayManage,
  officerScope,
  ownOrgIds,
  readAccess,
  reportScope,
  venueAbilities,
  venueReadScope,
} from './policy';
import * as q from './queries';
import type { ActivityRow, BookingRow, RoomRow, VenueRow } from './tables';

/** `now` is injectable so tests and the demo seed can stand at another moment. */
export type ActivityDeps = { db: Db; cipher: PersonalDataCipher; now?: () => Date };

const nowOf = (deps: ActivityDeps) => deps.now?.() ?? new Date();
const field = (path: string, code: string, message: string): FieldError => ({ path, code, message });
const invalid = (fields: FieldError[]) => platformErrors.VALIDATION_FAILED(fields);

/** China has one time zone and no daylight saving: a calendar day starts at 00:00 +08:00. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
const DAY_MS = 86_400_000;

/** The codes of an area and its ancestors, nearest first (12-digit codes padded with zeros). */
export function ancestorCodes(areaCode: string): string[] {
  const levels: AreaLevel[] = ['community', 'township', 'county', 'city', 'province', 'country'];
  const codes = levels.map((l) => areaCode.slice(0, prefixLengthByLevel[l]).padEnd(12, '0'));
  return codes.filter((c, i) => codes.indexOf(c) === i);
}

export async function rulesFor(db: Queryable, areaCode: string): Promise<PathRules> {
  const codes = ancestorCodes(areaCode);
  const rows = await q.findRuleSettings(db, codes);
  const byCode = new Map(rows.map((r) => [r.area_code, r]));
  return effectiveRules(
    codes.map((c) => {
      const r = byCode.get(c);
      return r
        ? {
            reportThreshold: r.report_threshold,
            approvalThreshold: r.approval_threshold,
            reportLeadDays: r.report_lead_days,
            approvalLeadDays: r.approval_lead_days,
          }
        : {};
    }),
  );
}

// ─── presenting ──────────────────────────────────────────────────────────────

function presentSummary(r: ActivityRow): ActivitySummary {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    areaCode: r.area_code,
    areaFullName: r.area_full_name ?? r.area_code,
    title: r.title,
    field: r.field,
    campaign: r.campaign,
    kind: r.kind,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    venueRoomId: r.venue_room_id,
    venueName: r.venue_name,
    roomName: r.room_name,
    address: r.address,
    expectedParticipants: r.expected_participants,
    actualParticipants: r.actual_participants,
    beneficiaries: r.beneficiaries,
    status: r.status,
    pathSteps: r.path_steps,
  };
}

const photoUrls = (publicView: boolean, activityId: string, photoId: string) => {
  const base = `/api/${publicView ? 'public/' : ''}activities/${activityId}/photos/${photoId}`;
  return { url: base, thumbUrl: `${base}?size=thumb` };
};

async function presentActivity(deps: ActivityDeps, actor: Actor, r: ActivityRow): Promise<Activity> {
  const [steps, photos, partners, rules] = await Promise.all([
    q.findSteps(deps.db, r.id),
    q.findPhotos(deps.db, r.id),
    q.findOrgFacts(deps.db, r.partner_org_ids),
    rulesFor(deps.db, r.area_code),
  ]);
  return {
    ...presentSummary(r),
    content: r.content,
    targetGroups: r.target_groups,
    partnerOrgs: partners.map((p) => ({ id: p.id, name: p.name })),
    statusReason: r.status_reason,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    publishedAt: r.published_at?.toISOString() ?? null,
    summary: r.summary,
    submitBy: submitDeadline(r.starts_at, r.path_steps, rules)?.toISOString() ?? null,
    steps: steps.map((s) => ({
      step: s.step,
      decision: s.decision,
      comment: s.comment,
      actorName: s.actor_name,
      actorRole: s.actor_role,
      at: s.at.toISOString(),
    })),
    photos: photos.map((p) => ({ id: p.id, width: p.width, height: p.height, ...photoUrls(false, r.id, p.id) })),
    abilities: activityAbilities(actor, r, nowOf(deps)),
  };
}

function isReadable(actor: Actor, r: { area_code: string; org_id: string }): boolean {
  const access = readAccess(actor);
  return (
    isInScope(access.scope, r.area_code) ||
    access.orgIds.includes(r.org_id) ||
    mayAcknowledge(actor, r.area_code) ||
    mayManage(actor, { id: r.org_id, areaCode: r.area_code })
  );
}

export async function getActivity(deps: ActivityDeps, actor: Actor, id: string): Promise<Activity> {
  const row = await q.findActivityById(deps.db, id);
  if (!row || !isReadable(actor, row)) {
    throw platformErrors.NOT_FOUND();
  }
  return presentActivity(deps, actor, row);
}

// ─── planning ────────────────────────────────────────────────────────────────

type Plan = Omit<ActivityBody, 'orgId'>;

/**
 * Checks a plan against the database: times, the venue room (open, large enough) or an address,
 * the campaign (a preset or one of the organization's province), the partner organizations.
 * Collects every problem, so the form can show them all at once.
 */
async function checkPlan(db: Queryable, org: q.OrgFacts, plan: Plan): Promise<q.ActivityWrite> {
  const errors: FieldError[] = [];
  const startsAt = new Date(plan.startsAt);
  const endsAt = new Date(plan.endsAt);
  if (endsAt <= startsAt) {
    errors.push(field('endsAt', 'activity.endsBeforeStart', '结束时间应晚于开始时间'));
  } else if (endsAt.getTime() - startsAt.getTime() > 31 * DAY_MS) {
    errors.push(field('endsAt', 'activity.tooLong', '一次活动不能超过31天'));
  }
  if (plan.venueRoomId) {
    const room = await q.findRoom(db, plan.venueRoomId);
    if (!room) {
      errors.push(field('venueRoomId', 'activity.room.notFound', '未找到该活动室'));
    } else if (room.venue_status !== 'open') {
      errors.push(field('venueRoomId', 'activity.room.closed', '该阵地已停用'));
    } else if (room.capacity < plan.expectedParticipants) {
      errors.push(
        field('expectedParticipants', 'activity.room.tooSmall', `预计参与人数超过了活动室的容量（${room.capacity}人）`),
      );
    }
  } else if (plan.address.length < 2) {
    errors.push(field('address', 'activity.place.required', '请选择活动阵地的活动室，或填写活动地址'));
  }
  if (plan.campaign) {
    const campaign = await q.findCampaign(db, plan.campaign);
    if (!campaign || (campaign.area_code !== null && campaign.area_code.slice(0, 2) !== org.area_code.slice(0, 2))) {
      errors.push(field('campaign', 'activity.campaign.unknown', '没有这个主题活动，或不适用于本地区'));
    }
  }
  const partnerIds = [...new Set(plan.partnerOrgIds)];
  if (partnerIds.includes(org.id)) {
    errors.push(field('partnerOrgIds', 'activity.partner.self', '合作组织不能是主办组织本身'));
  }
  const partners = await q.findOrgFacts(db, partnerIds);
  if (partners.length !== partnerIds.length || partners.some((p) => p.status !== 'active')) {
    errors.push(field('partnerOrgIds', 'activity.partner.unknown', '合作组织不存在或已不在正常状态'));
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const rules = await rulesFor(db, org.area_code);
  return {
    title: plan.title,
    content: plan.content,
    field: plan.field,
    campaign: plan.campaign,
    kind: plan.kind,
    startsAt,
    endsAt,
    venueRoomId: plan.venueRoomId,
    address: plan.address,
    targetGroups: [...new Set(plan.targetGroups)],
    expectedParticipants: plan.expectedParticipants,
    partnerOrgIds: partnerIds,
    pathSteps: activityPath({ kind: plan.kind, expectedParticipants: plan.expectedParticipants }, rules).steps,
  };
}

/** The organization an actor plans for: 404 when it is not theirs, 409 when it may not act. */
async function orgToManage(db: Queryable, actor: Actor, orgId: string): Promise<q.OrgFacts> {
  const [org] = await q.findOrgFacts(db, [orgId]);
  if (!org || !mayManage(actor, { id: org.id, areaCode: org.area_code })) {
    throw platformErrors.NOT_FOUND();
  }
  if (org.status !== 'active') {
    throw activityErrors.ACTIVITY_ORG_NOT_ACTIVE();
  }
  return org;
}

async function audit(
  tx: Tx,
  deps: ActivityDeps,
  actor: Actor,
  permission: Parameters<typeof auditContextOf>[1],
  a: { id: string; area_code: string },
  action: string,
  before: unknown,
  after: unknown,
) {
  await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, permission, a.area_code), {
    action: `activity.${action}`,
    entity: 'activity',
    entityId: a.id,
    areaCode: a.area_code,
    before,
    after,
  });
}

/**
 * createActivity — an organization plans an activity (a draft). The path (approval, report) is
 * computed from its kind and size under the jurisdiction's rules. Audits `activity.create`.
 */
export async function createActivity(deps: ActivityDeps, actor: Actor, body: ActivityBody): Promise<string> {
  const org = await orgToManage(deps.db, actor, body.orgId);
  const plan = await checkPlan(deps.db, org, body);
  return withTransaction(deps.db, (tx) => insertPlanned(tx, deps, actor, org, plan));
}

/**
 * createActivityInTransaction — the same, inside the caller's transaction: the needs module turns
 * an accepted need into a draft activity in the transaction that accepts it.
 */
export async function createActivityInTransaction(
  tx: Tx,
  deps: ActivityDeps,
  actor: Actor,
  body: ActivityBody,
): Promise<string> {
  const org = await orgToManage(tx, actor, body.orgId);
  const plan = await checkPlan(tx, org, body);
  return insertPlanned(tx, deps, actor, org, plan);
}

async function insertPlanned(tx: Tx, deps: ActivityDeps, actor: Actor, org: q.OrgFacts, plan: q.ActivityWrite) {
  const id = await q.insertActivity(tx, { ...plan, orgId: org.id, areaCode: org.area_code, createdBy: actor.userId });
  await audit(tx, deps, actor, 'activities.manage', { id, area_code: org.area_code }, 'create', null, {
    orgId: org.id,
    ...plan,
  });
  return id;
}

/** The activity an actor manages, locked for the change (404 otherwise). */
async function activityToManage(tx: Tx, actor: Actor, id: string): Promise<ActivityRow> {
  const row = await q.findActivityById(tx, id, true);
  if (!row || !mayManage(actor, { id: row.org_id, areaCode: row.area_code })) {
    throw platformErrors.NOT_FOUND();
  }
  return row;
}

const planOf = (r: ActivityRow): Plan => ({
  title: r.title,
  content: r.content,
  field: r.field,
  campaign: r.campaign,
  kind: r.kind,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at.toISOString(),
  venueRoomId: r.venue_room_id,
  address: r.address,
  targetGroups: r.target_groups,
  expectedParticipants: r.expected_participants,
  partnerOrgIds: r.partner_org_ids,
});

/**
 * updateActivity — edits a draft, or a rejected plan (which goes back to draft to be submitted
 * again). The path is computed again. Audits `activity.update`.
 */
export async function updateActivity(deps: ActivityDeps, actor: Actor, id: string, body: ActivityUpdateBody) {
  return withTransaction(deps.db, async (tx) => {
    const row = await activityToManage(tx, actor, id);
    if (row.status !== 'draft' && row.status !== 'rejected') {
      throw activityErrors.ACTIVITY_NOT_EDITABLE();
    }
    const [org] = await q.findOrgFacts(tx, [row.org_id]);
    const before = planOf(row);
    const defined = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const plan = await checkPlan(tx, org!, { ...before, ...defined });
    await q.updateActivityPlan(tx, id, plan);
    await audit(tx, deps, actor, 'activities.manage', row, 'update', { ...before, status: row.status }, plan);
    return id;
  });
}

/**
 * submitActivity — sends a plan on its path: to the supervising authority for approval
 * (002 会议要求三) and/or to the committee as a major-event report (003 二.四.2). The path is
 * computed again under today's rules; the request must come before its deadline
 * (reportLeadDays / approvalLeadDays before the start). Audits `activity.submit`.
 */
export async function submitActivity(deps: ActivityDeps, actor: Actor, id: string) {
  return withTransaction(deps.db, async (tx) => {
    const row = await activityToManage(tx, actor, id);
    if (row.status !== 'draft' && row.status !== 'rejected') {
      throw activityErrors.ACTIVITY_ILLEGAL_TRANSITION();
    }
    const rules = await rulesFor(tx, row.area_code);
    const { steps } = activityPath({ kind: row.kind, expectedParticipants: row.expected_participants }, rules);
    if (steps.length === 0) {
      throw activityErrors.ACTIVITY_NOTHING_TO_SUBMIT();
    }
    const due = submitDeadline(row.starts_at, steps, rules)!;
    if (nowOf(deps) > due) {
      throw activityErrors.ACTIVITY_SUBMIT_TOO_LATE([
        field(
          'startsAt',
          'ACTIVITY_SUBMIT_TOO_LATE',
          `须在活动开始前${Math.round((row.starts_at.getTime() - due.getTime()) / DAY_MS)}天提交，请调整活动时间`,
        ),
      ]);
    }
    const status = statusAfter(steps, null);
    await q.setPathSteps(tx, id, steps);
    await q.setActivityStatus(tx, id, { status, submitted: true });
    await q.insertStep(tx, {
      activityId: id,
      step: 'submit',
      decision: null,
      comment: null,
      actorId: actor.userId,
      actorRole: null,
    });
    await audit(tx, deps, actor, 'activities.manage', row, 'submit', { status: row.status }, { status, steps });
    return id;
  });
}

/**
 * reviewActivity — one step of the path: the supervising authority approves or rejects
 * (`approval`), the committee acknowledges or returns a major-event report (`report`). A
 * rejection needs a reason and sends the plan back to the organization. Only the step the
 * activity waits for may be taken (409 otherwise); outside the reviewer's reach it is a 404.
 * Audits `activity.approval` / `activity.report`.
 */
export async function reviewActivity(deps: ActivityDeps, actor: Actor, id: string, step: PathStep, body: ReviewBody) {
  return withTransaction(deps.db, async (tx) => {
    const row = await q.findActivityById(tx, id, true);
    const allowed =
      row &&
      (step === 'approval'
        ? mayApprove(actor, { areaCode: row.area_code, orgTier: row.org_tier })
        : mayAcknowledge(actor, row.area_code));
    if (!row || !allowed) {
      throw platformErrors.NOT_FOUND();
    }
    if (stepAwaited(row.status) !== step) {
      throw activityErrors.ACTIVITY_ILLEGAL_TRANSITION();
    }
    const status = body.decision === 'approve' ? statusAfter(row.path_steps, step) : 'rejected';
    const permission = step === 'approval' ? 'activities.approve' : 'activities.acknowledgeReport';
    const ctx = auditContextOf(actor, permission, row.area_code);
    await q.setActivityStatus(tx, id, { status, reason: body.decision === 'reject' ? body.comment : null });
    await q.insertStep(tx, {
      activityId: id,
      step,
      decision: body.decision,
      comment: body.comment || null,
      actorId: actor.userId,
      actorRole: ctx.actorRole,
    });
    await audit(
      tx,
      deps,
      actor,
      permission,
      row,
      step,
      { status: row.status },
      {
        status,
        decision: body.decision,
        comment: body.comment || null,
      },
    );
    return id;
  });
}

/**
 * publishActivity — makes a planned activity public. Only when its path is complete (or
 * empty): otherwise 409 ACTIVITY_PATH_INCOMPLETE and nothing changes. A draft's path is
 * computed again first, so a rule tightened since planning still applies. Audits `activity.publish`.
 */
export async function publishActivity(deps: ActivityDeps, actor: Actor, id: string) {
  return withTransaction(deps.db, async (tx) => {
    const row = await activityToManage(tx, actor, id);
    let steps = row.path_steps;
    if (row.status === 'draft') {
      const rules = await rulesFor(tx, row.area_code);
      steps = activityPath({ kind: row.kind, expectedParticipants: row.expected_participants }, rules).steps;
    }
    if (!mayPublish(row.status, steps)) {
      if (['published', 'completed', 'cancelled'].includes(row.status)) {
        throw activityErrors.ACTIVITY_ILLEGAL_TRANSITION();
      }
      throw activityErrors.ACTIVITY_PATH_INCOMPLETE();
    }
    await q.setActivityStatus(tx, id, { status: 'published', published: true });
    await q.insertStep(tx, {
      activityId: id,
      step: 'publish',
      decision: null,
      comment: null,
      actorId: actor.userId,
      actorRole: null,
    });
    await audit(tx, deps, actor, 'activities.manage', row, 'publish', { status: row.status }, { status: 'published' });
    return id;
  });
}

/** cancelActivity — calls an activity off, with the reason; its room bookings are released. Audits `activity.cancel`. */
export async function cancelActivity(deps: ActivityDeps, actor: Actor, id: string, reason: string) {
  return withTransaction(deps.db, async (tx) => {
    const row = await activityToManage(tx, actor, id);
    if (row.status === 'completed' || row.status === 'cancelled') {
      throw activityErrors.ACTIVITY_ILLEGAL_TRANSITION();
    }
    await q.setActivityStatus(tx, id, { status: 'cancelled', reason });
    const released = await q.releaseBookingsOf(tx, id, { reason, by: actor.userId });
    await q.insertStep(tx, {
      activityId: id,
      step: 'cancel',
      decision: null,
      comment: reason,
      actorId: actor.userId,
      actorRole: null,
    });
    await audit(
      tx,
      deps,
      actor,
      'activities.manage',
      row,
      'cancel',
      { status: row.status },
      {
        status: 'cancelled',
        reason,
        releasedBookings: released,
      },
    );
    return id;
  });
}

/**
 * recordOutcome — after it started, the organization records actual participants,
 * beneficiaries and a summary (again later to correct them). Audits `activity.record`.
 */
export async function recordOutcome(deps: ActivityDeps, actor: Actor, id: string, body: OutcomeBody) {
  return withTransaction(deps.db, async (tx) => {
    const row = await activityToManage(tx, actor, id);
    if (row.status !== 'published' && row.status !== 'completed') {
      throw activityErrors.ACTIVITY_ILLEGAL_TRANSITION();
    }
    if (row.starts_at > nowOf(deps)) {
      throw activityErrors.ACTIVITY_NOT_STARTED();
    }
    await q.recordOutcome(tx, id, body);
    await q.insertStep(tx, {
      activityId: id,
      step: 'record',
      decision: null,
      comment: null,
      actorId: actor.userId,
      actorRole: null,
    });
    await audit(
      tx,
      deps,
      actor,
      'activities.manage',
      row,
      'record',
      {
        status: row.status,
        actualParticipants: row.actual_participants,
        beneficiaries: row.beneficiaries,
        summary: row.summary,
      },
      { status: 'completed', ...body },
    );
    return id;
  });
}

/**
 * addPhoto — a photo of a published or completed activity: checked by its bytes, resized,
 * stored without metadata (photos.ts). Audits `activity.photo` (the hash, not the image).
 */
export async function addPhoto(deps: ActivityDeps, actor: Actor, id: string, bytes: Buffer) {
  const photo = await preparePhoto(bytes);
  return withTransaction(deps.db, async (tx) => {
    const row = await activityToManage(tx, actor, id);
    if (row.status !== 'published' && row.status !== 'completed') {
      throw photoErrors.PHOTO_NOT_ALLOWED();
    }
    if ((await q.countPhotos(tx, id)) >= PHOTOS_PER_ACTIVITY) {
      throw photoErrors.PHOTO_TOO_MANY();
    }
    const photoId = await q.insertPhoto(tx, { activityId: id, ...photo, uploadedBy: actor.userId });
    if (!photoId) {
      throw photoErrors.PHOTO_DUPLICATE();
    }
    await audit(tx, deps, actor, 'activities.manage', row, 'photo', null, {
      photoId,
      sha256: photo.sha256.toString('hex'),
      width: photo.width,
      height: photo.height,
    });
    return photoId;
  });
}

export async function readPhoto(
  deps: ActivityDeps,
  actor: Actor | null,
  id: string,
  photoId: string,
  size: 'display' | 'thumb',
): Promise<Buffer> {
  const row = await q.findActivityById(deps.db, id);
  const visible = row && (actor ? isReadable(actor, row) : row.status === 'published' || row.status === 'completed');
  const bytes = visible ? await q.readPhoto(deps.db, id, photoId, size) : null;
  if (!bytes) {
    throw platformErrors.NOT_FOUND();
  }
  return bytes;
}

// ─── lists, calendar, counts ─────────────────────────────────────────────────

function decodeCursor(cursor: string | undefined) {
  if (!cursor) {
    return undefined;
  }
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('\u0001');
  const startsAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(startsAt.getTime())) {
    throw invalid([field('cursor', 'invalid_format', '分页游标无效')]);
  }
  return { startsAt, id };
}
const encodeCursor = (r: ActivityRow) => Buffer.from(`${r.starts_at.toISOString()}\u0001${r.id}`).toString('base64url');

type ListFilterQuery = {
  from?: string | undefined;
  to?: string | undefined;
  field?: ActivityListQuery['field'];
  campaign?: string | undefined;
  orgId?: string | undefined;
  venueId?: string | undefined;
  status?: ActivityListQuery['status'];
  held?: 'true' | undefined;
  areaCode?: string | undefined;
};

/** The statuses a query asks for: its status, held activities (published, completed), or both at once. */
function statusesOf(query: ListFilterQuery): string[] | undefined {
  const held = ['published', 'completed'];
  if (query.held) {
    return query.status ? held.filter((s) => s === query.status) : held;
  }
  return query.status ? [query.status] : undefined;
}

/** The subtree of an area given by code (any level), for narrowing a list. */
async function subtreeOf(db: Queryable, path: string, code: string) {
  const area = await getArea(db, code).catch(() => {
    throw invalid([field(path, 'AREA_NOT_FOUND', '未找到该行政区划')]);
  });
  return subtreeRange(area.code, area.level);
}

/** The list filter of a query: a date range (a month, a week: any `from`–`to` days), field, campaign, …. */
export async function filterOf(
  db: Queryable,
  query: ListFilterQuery,
): Promise<Omit<q.ActivityFilter, 'access' | 'limit'>> {
  if (query.from && query.to && query.to < query.from) {
    throw invalid([field('to', 'activity.range.invalid', '结束日期不能早于开始日期')]);
  }
  return {
    ...(query.areaCode ? { within: await subtreeOf(db, 'areaCode', query.areaCode) } : {}),
    ...(query.from ? { from: dayStart(query.from) } : {}),
    ...(query.to ? { to: new Date(dayStart(query.to).getTime() + DAY_MS) } : {}),
    ...(query.field ? { field: query.field } : {}),
    ...(query.campaign ? { campaign: query.campaign } : {}),
    ...(query.orgId ? { orgId: query.orgId } : {}),
    ...(query.venueId ? { venueId: query.venueId } : {}),
    ...(statusesOf(query) ? { statuses: statusesOf(query) } : {}),
  };
}

export async function listActivities(deps: ActivityDeps, actor: Actor, query: ActivityListQuery) {
  const rows = await q.listActivities(deps.db, {
    access: readAccess(actor),
    ...(await filterOf(deps.db, query)),
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentSummary),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/**
 * Counts by field and by campaign in a jurisdiction — for the dashboard (C11). `scope` is the
 * area filter (an actor's `activities.read` scope, or a whole subtree for statistics jobs).
 */
export async function countActivitiesByFieldAndCampaign(
  db: Queryable,
  input: { access: q.ActivityFilter['access']; filter?: Omit<q.ActivityFilter, 'access' | 'limit'> },
): Promise<ActivityCounts> {
  const rows = await q.countActivities(db, { access: input.access, ...input.filter });
  const byField = new Map<string, number>();
  const byCampaign = new Map<string | null, number>();
  let total = 0;
  for (const r of rows) {
    total += r.n;
    byField.set(r.field, (byField.get(r.field) ?? 0) + r.n);
    byCampaign.set(r.campaign, (byCampaign.get(r.campaign) ?? 0) + r.n);
  }
  return {
    total,
    byField: [...byField].map(([f, count]) => ({ field: f as ActivityCounts['byField'][number]['field'], count })),
    byCampaign: [...byCampaign].map(([campaign, count]) => ({ campaign, count })),
  };
}

export async function countActivities(deps: ActivityDeps, actor: Actor, query: ListFilterQuery) {
  return countActivitiesByFieldAndCampaign(deps.db, {
    access: readAccess(actor),
    filter: await filterOf(deps.db, query),
  });
}

/**
 * Published or completed activities per organization that started in the last `days` days —
 * the "recent activities" figure of an organization's disclosure page. No access check: the
 * figure is public.
 */
export async function countRecentActivitiesByOrganization(
  db: Queryable,
  orgIds: string[],
  opts: { days?: number; now?: Date } = {},
): Promise<Map<string, number>> {
  const since = new Date((opts.now ?? new Date()).getTime() - (opts.days ?? 365) * DAY_MS);
  return orgIds.length === 0 ? new Map() : q.countByOrg(db, orgIds, since);
}

/**
 * The officer's queue: approvals for the organizations the actor supervises and major-event
 * reports of the actor's community, soonest start first, with their deadlines.
 */
export async function listQueue(deps: ActivityDeps, actor: Actor) {
  const rows = await q.findAwaiting(deps.db, {
    approval: approvalParts(actor),
    report: reportScope(actor),
    limit: 500,
  });
  const rulesByArea = new Map<string, PathRules>();
  const now = nowOf(deps);
  const items = [];
  for (const r of rows) {
    let rules = rulesByArea.get(r.area_code);
    if (!rules) {
      rules = await rulesFor(deps.db, r.area_code);
      rulesByArea.set(r.area_code, rules);
    }
    items.push({
      ...presentSummary(r),
      awaiting: stepAwaited(r.status) as PathStep,
      submittedAt: r.submitted_at?.toISOString() ?? null,
      submitBy: (submitDeadline(r.starts_at, r.path_steps, rules) ?? r.starts_at).toISOString(),
      decideBy: r.starts_at.toISOString(),
      isOverdue: now >= r.starts_at,
    });
  }
  return { items };
}

// ─── public views: published activities, no personal data ──────────────────

async function presentPublic(deps: ActivityDeps, r: ActivityRow, full: boolean): Promise<PublicActivity> {
  const campaign = r.campaign ? await q.findCampaign(deps.db, r.campaign) : null;
  const photos = full ? await q.findPhotos(deps.db, r.id) : [];
  return {
    id: r.id,
    title: r.title,
    content: r.content,
    orgId: r.org_id,
    orgName: r.org_name,
    areaFullName: r.area_full_name ?? r.area_code,
    field: r.field,
    campaign: r.campaign,
    campaignName: campaign?.name ?? null,
    kind: r.kind,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    place: r.venue_name ? `${r.venue_name}${r.room_name ? ` ${r.room_name}` : ''}` : r.address,
    targetGroups: r.target_groups,
    status: r.status === 'completed' ? 'completed' : 'published',
    actualParticipants: r.actual_participants,
    beneficiaries: r.beneficiaries,
    summary: r.summary,
    photos: photos.map((p) => ({ id: p.id, width: p.width, height: p.height, ...photoUrls(true, r.id, p.id) })),
  };
}

export async function listPublicActivities(
  deps: ActivityDeps,
  query: {
    communityCode: string;
    from?: string | undefined;
    to?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const rows = await q.listActivities(deps.db, {
    access: 'public',
    ...(await filterOf(deps.db, { from: query.from, to: query.to })),
    within: await subtreeOf(deps.db, 'communityCode', query.communityCode),
    statuses: ['published', 'completed'],
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const items = [];
  for (const r of page) {
    const { content: _c, summary: _s, photos: _p, ...rest } = await presentPublic(deps, r, false);
    items.push(rest);
  }
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

export async function getPublicActivity(deps: ActivityDeps, id: string): Promise<PublicActivity> {
  const row = await q.findActivityById(deps.db, id);
  if (!row || (row.status !== 'published' && row.status !== 'completed')) {
    throw platformErrors.NOT_FOUND();
  }
  return presentPublic(deps, row, true);
}

// ─── campaigns and rules ─────────────────────────────────────────────────────

export async function listCampaigns(deps: ActivityDeps, actor: Actor) {
  const ranges = [...readAccess(actor).scope.ranges];
  for (const g of actor.grants) {
    ranges.push(subtreeRange(g.areaCode, g.areaLevel));
  }
  // the presets, and the campaigns of every province the actor works in (all, for a national grant)
  const provinces = ranges.some((r) => r.lo === '000000000000' && r.hi === '999999999999')
    ? null
    : [...new Set(ranges.map((r) => r.lo.slice(0, 2)))];
  return {
    items: (await q.listCampaigns(deps.db, provinces)).map((c) => ({
      key: c.key,
      name: c.name,
      areaCode: c.area_code,
      isPreset: c.is_preset,
    })),
  };
}

/** createCampaign — a province adds its own themed campaign (e.g. 粤爱广济, 000 四.二). Audits `campaign.create`. */
export async function createCampaign(
  deps: ActivityDeps,
  actor: Actor,
  body: { key: string; name: string; areaCode: string },
) {
  const area = await getArea(deps.db, body.areaCode).catch(() => {
    throw invalid([field('areaCode', 'AREA_NOT_FOUND', '未找到该行政区划')]);
  });
  if (area.level !== 'province') {
    throw invalid([field('areaCode', 'campaign.area.notProvince', '主题活动由省级部门设立，请选择省份')]);
  }
  if (!isInScope(officerScope(actor, 'activities.configure'), area.code)) {
    throw platformErrors.FORBIDDEN([field('areaCode', 'AREA_OUT_OF_SCOPE', '该行政区划不在您的管辖范围内')]);
  }
  return withTransaction(deps.db, async (tx) => {
    if (!(await q.insertCampaign(tx, { ...body, areaCode: area.code, createdBy: actor.userId }))) {
      throw campaignErrors.CAMPAIGN_KEY_TAKEN([field('key', 'CAMPAIGN_KEY_TAKEN', '已有同一代码的主题活动')]);
    }
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'activities.configure', area.code), {
      action: 'campaign.create',
      entity: 'campaign',
      entityId: body.key,
      areaCode: area.code,
      after: body,
    });
    return body.key;
  });
}

async function ruleArea(
  deps: ActivityDeps,
  actor: Actor,
  code: string,
  permission: 'activities.read' | 'activities.configure',
) {
  const area = await getArea(deps.db, code).catch(() => {
    throw platformErrors.NOT_FOUND();
  });
  if (!isInScope(officerScope(actor, permission), area.code)) {
    throw platformErrors.NOT_FOUND();
  }
  return area;
}

export async function getRules(deps: ActivityDeps, actor: Actor, code: string) {
  const area = await ruleArea(deps, actor, code, 'activities.read');
  const [own] = await q.findRuleSettings(deps.db, [area.code]);
  return {
    areaCode: area.code,
    own: {
      reportThreshold: own?.report_threshold ?? null,
      approvalThreshold: own?.approval_threshold ?? null,
      reportLeadDays: own?.report_lead_days ?? null,
      approvalLeadDays: own?.approval_lead_days ?? null,
    },
    effective: await rulesFor(deps.db, area.code),
  };
}

/** setRules — the thresholds and lead times of a jurisdiction (null: inherit). Audits `activityRules.set`. */
export async function setRules(deps: ActivityDeps, actor: Actor, code: string, body: PathRulesBody) {
  const area = await ruleArea(deps, actor, code, 'activities.configure');
  await withTransaction(deps.db, async (tx) => {
    const [before] = await q.findRuleSettings(tx, [area.code]);
    const next = {
      reportThreshold: body.reportThreshold === undefined ? (before?.report_threshold ?? null) : body.reportThreshold,
      approvalThreshold:
        body.approvalThreshold === undefined ? (before?.approval_threshold ?? null) : body.approvalThreshold,
      reportLeadDays: body.reportLeadDays === undefined ? (before?.report_lead_days ?? null) : body.reportLeadDays,
      approvalLeadDays:
        body.approvalLeadDays === undefined ? (before?.approval_lead_days ?? null) : body.approvalLeadDays,
    };
    await q.upsertRuleSettings(tx, { areaCode: area.code, ...next, updatedBy: actor.userId });
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'activities.configure', area.code), {
      action: 'activityRules.set',
      entity: 'area',
      entityId: area.code,
      areaCode: area.code,
      before: before ?? null,
      after: next,
    });
  });
  return getRules(deps, actor, area.code);
}

// ─── venues ──────────────────────────────────────────────────────────────────

const VENUE_AREA_LEVELS: Record<string, number> = { county: 3, township: 4, community: 5 };
const PRACTICE_LEVEL_AT: Record<string, string> = { county: 'center', township: 'institute', community: 'station' };

function presentVenue(deps: ActivityDeps, actor: Actor, v: VenueRow, rooms: RoomRow[]): Venue {
  return {
    id: v.id,
    name: v.name,
    kind: v.kind,
    level: v.level,
    areaCode: v.area_code,
    areaFullName: v.area_full_name ?? v.area_code,
    address: v.address,
    openingHours: v.opening_hours,
    runByOrgId: v.run_by_org_id,
    runByOrgName: v.run_by_org_name,
    managerName: v.manager_name,
    managerMobileMasked: v.manager_mobile_enc ? maskMobile(deps.cipher.decrypt(v.manager_mobile_enc)) : null,
    status: v.status,
    rooms: rooms.filter((r) => r.venue_id === v.id).map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
    abilities: venueAbilities(actor, { areaCode: v.area_code }),
  };
}

function checkManagerMobile(deps: ActivityDeps, mobile: string | undefined): Buffer | null | undefined {
  if (mobile === undefined) {
    return undefined;
  }
  if (mobile === '') {
    return null;
  }
  const parsed = Mobile.safeParse(mobile);
  if (!parsed.success) {
    throw invalid([field('managerMobile', 'mobile.invalid', '请输入11位中国大陆手机号')]);
  }
  return deps.cipher.encrypt(parsed.data);
}

async function checkRunBy(db: Queryable, orgId: string | null | undefined, areaCode: string) {
  if (!orgId) {
    return;
  }
  const [org] = await q.findOrgFacts(db, [orgId]);
  // the running organization works in the venue's county
  if (!org || org.area_code.slice(0, 6) !== areaCode.slice(0, 6) || org.status !== 'active') {
    throw invalid([field('runByOrgId', 'venue.runBy.unknown', '运营组织不存在，或不在本阵地所在的县(区)')]);
  }
}

/**
 * createVenue — an officer records a practice venue (中心/所/站 at county/township/community)
 * or another service facility in the jurisdiction, with its rooms. Audits `venue.create`.
 */
export async function createVenue(deps: ActivityDeps, actor: Actor, body: VenueBody): Promise<string> {
  const area = await getArea(deps.db, body.areaCode).catch(() => {
    throw invalid([field('areaCode', 'AREA_NOT_FOUND', '未找到该行政区划')]);
  });
  const errors: FieldError[] = [];
  if (!(area.level in VENUE_AREA_LEVELS)) {
    errors.push(field('areaCode', 'venue.area.level', '阵地所在区划应为县(区)、乡镇(街道)或社区(村)'));
  }
  let level: string | null = null;
  if (body.kind === 'practiceCenter') {
    level = PRACTICE_LEVEL_AT[area.level] ?? null;
    if (body.level && body.level !== level) {
      errors.push(
        field('level', 'venue.level.mismatch', '实践中心设在县(区)，实践所设在乡镇(街道)，实践站设在社区(村)'),
      );
    }
  } else if (body.level) {
    errors.push(field('level', 'venue.level.notPractice', '只有新时代文明实践阵地分中心、所、站'));
  }
  const names = body.rooms.map((r) => r.name);
  if (new Set(names).size !== names.length) {
    errors.push(field('rooms', 'venue.rooms.duplicate', '活动室名称不能重复'));
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  if (!isInScope(officerScope(actor, 'venues.manage'), area.code)) {
    throw platformErrors.FORBIDDEN([field('areaCode', 'AREA_OUT_OF_SCOPE', '该行政区划不在您的管辖范围内')]);
  }
  const mobileEnc = checkManagerMobile(deps, body.managerMobile) ?? null;
  await checkRunBy(deps.db, body.runByOrgId, area.code);
  return withTransaction(deps.db, async (tx) => {
    const id = await q.insertVenue(tx, {
      name: body.name,
      kind: body.kind,
      level,
      areaCode: area.code,
      areaLevel: VENUE_AREA_LEVELS[area.level]!,
      address: body.address,
      openingHours: body.openingHours,
      runByOrgId: body.runByOrgId,
      managerName: body.managerName,
      managerMobileEnc: mobileEnc,
      createdBy: actor.userId,
    });
    await q.insertRooms(tx, id, body.rooms);
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'venues.manage', area.code), {
      action: 'venue.create',
      entity: 'venue',
      entityId: id,
      areaCode: area.code,
      after: { ...body, managerMobile: body.managerMobile ? '(encrypted)' : null, level },
    });
    return id;
  });
}

/** updateVenue — its details, opening hours, manager, status; new rooms are added. Audits `venue.update`. */
export async function updateVenue(
  deps: ActivityDeps,
  actor: Actor,
  id: string,
  body: VenueUpdateBody & { addRooms?: { name: string; capacity: number }[] },
) {
  return withTransaction(deps.db, async (tx) => {
    const venue = await q.findVenueInScope(tx, id, officerScope(actor, 'venues.manage'), true);
    if (!venue) {
      throw platformErrors.NOT_FOUND();
    }
    const mobileEnc = checkManagerMobile(deps, body.managerMobile);
    await checkRunBy(tx, body.runByOrgId, venue.area_code);
    const { managerMobile: _m, addRooms, ...fields } = body;
    await q.updateVenue(tx, id, { ...fields, ...(mobileEnc === undefined ? {} : { managerMobileEnc: mobileEnc }) });
    if (addRooms && addRooms.length > 0) {
      const existing = new Set((await q.findRooms(tx, [id])).map((r) => r.name));
      if (addRooms.some((r, i) => existing.has(r.name) || addRooms.findIndex((x) => x.name === r.name) !== i)) {
        throw invalid([field('addRooms', 'venue.rooms.duplicate', '活动室名称不能重复')]);
      }
      await q.insertRooms(tx, id, addRooms);
    }
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'venues.manage', venue.area_code), {
      action: 'venue.update',
      entity: 'venue',
      entityId: id,
      areaCode: venue.area_code,
      before: { name: venue.name, address: venue.address, status: venue.status, openingHours: venue.opening_hours },
      after: { ...fields, managerMobile: mobileEnc === undefined ? undefined : '(changed)', addRooms },
    });
    return id;
  });
}

export async function getVenue(deps: ActivityDeps, actor: Actor, id: string): Promise<Venue> {
  const venue = await q.findVenueInScope(deps.db, id, venueReadScope(actor));
  if (!venue) {
    throw platformErrors.NOT_FOUND();
  }
  return presentVenue(deps, actor, venue, await q.findRooms(deps.db, [id]));
}

export async function listVenues(deps: ActivityDeps, actor: Actor, query: { areaCode?: string | undefined }) {
  const rows = await q.listVenuesInScope(deps.db, {
    scope: venueReadScope(actor),
    ...(query.areaCode ? { within: await subtreeOf(deps.db, 'areaCode', query.areaCode) } : {}),
    limit: 1000,
  });
  const rooms = await q.findRooms(
    deps.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((v) => presentVenue(deps, actor, v, rooms)) };
}

/** The open venues of an area's subtree for residents and for organizations choosing a room (no manager data). */
export async function listPublicVenues(deps: ActivityDeps, areaCode: string) {
  const everything = { ranges: [{ lo: '000000000000', hi: '999999999999' }] };
  const rows = await q.listVenuesInScope(deps.db, {
    scope: everything,
    within: await subtreeOf(deps.db, 'areaCode', areaCode),
    openOnly: true,
    limit: 500,
  });
  const rooms = await q.findRooms(
    deps.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((v) => ({
      id: v.id,
      name: v.name,
      kind: v.kind,
      level: v.level,
      areaCode: v.area_code,
      areaFullName: v.area_full_name ?? v.area_code,
      address: v.address,
      openingHours: v.opening_hours,
      runByOrgName: v.run_by_org_name,
      status: v.status,
      rooms: rooms.filter((r) => r.venue_id === v.id).map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
    })),
  };
}

// ─── bookings ────────────────────────────────────────────────────────────────

function presentBooking(actor: Actor, b: BookingRow): Booking {
  return {
    id: b.id,
    roomId: b.room_id,
    roomName: b.room_name,
    venueId: b.venue_id,
    venueName: b.venue_name,
    orgId: b.org_id,
    orgName: b.org_name,
    activityId: b.activity_id,
    startsAt: b.starts_at.toISOString(),
    endsAt: b.ends_at.toISOString(),
    purpose: b.purpose,
    status: b.status,
    decisionReason: b.decision_reason,
    requestedAt: b.requested_at.toISOString(),
    decidedAt: b.decided_at?.toISOString() ?? null,
    abilities: bookingAbilities(actor, {
      areaCode: b.area_code,
      orgId: b.org_id,
      orgAreaCode: b.org_area_code,
      status: b.status,
    }),
  };
}

export async function getBooking(deps: ActivityDeps, actor: Actor, id: string): Promise<Booking> {
  const b = await q.findBooking(deps.db, id);
  if (
    !b ||
    !(
      isInScope(officerScope(actor, 'venues.read'), b.area_code) ||
      mayManage(actor, { id: b.org_id, areaCode: b.org_area_code })
    )
  ) {
    throw platformErrors.NOT_FOUND();
  }
  return presentBooking(actor, b);
}

/**
 * requestBooking — an organization asks for a room for a time slot (requests may overlap;
 * only confirmations may not). Audits `booking.request`.
 */
export async function requestBooking(deps: ActivityDeps, actor: Actor, roomId: string, body: BookingBody) {
  const room = await q.findRoom(deps.db, roomId);
  if (!room || !isInScope(venueReadScope(actor), room.area_code)) {
    throw platformErrors.NOT_FOUND();
  }
  if (room.venue_status !== 'open') {
    throw venueErrors.VENUE_CLOSED();
  }
  const org = await orgToManage(deps.db, actor, body.orgId);
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  const errors: FieldError[] = [];
  if (endsAt <= startsAt) {
    errors.push(field('endsAt', 'activity.endsBeforeStart', '结束时间应晚于开始时间'));
  }
  if (startsAt < nowOf(deps)) {
    errors.push(field('startsAt', 'booking.inPast', '不能预约已经过去的时段'));
  }
  if (body.activityId) {
    const activity = await q.findActivityById(deps.db, body.activityId);
    if (!activity || activity.org_id !== org.id) {
      errors.push(field('activityId', 'booking.activity.unknown', '该活动不属于所选组织'));
    }
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  return withTransaction(deps.db, async (tx) => {
    const id = await q.insertBooking(tx, {
      roomId,
      venueId: room.venue_id,
      areaCode: room.area_code,
      orgId: org.id,
      activityId: body.activityId ?? null,
      startsAt,
      endsAt,
      purpose: body.purpose,
      requestedBy: actor.userId,
    });
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'activities.manage', org.area_code), {
      action: 'booking.request',
      entity: 'booking',
      entityId: id,
      areaCode: room.area_code,
      after: { roomId, orgId: org.id, activityId: body.activityId ?? null, startsAt, endsAt, purpose: body.purpose },
    });
    return id;
  });
}

const isExclusionViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === '23P01';

/**
 * decideBooking — the venue's officers confirm or decline a request. The database refuses a
 * confirmation that overlaps another confirmed booking of the room (the exclusion constraint
 * `venue_bookings_no_overlap`): that answers 409 BOOKING_SLOT_TAKEN and changes nothing.
 * Audits `booking.confirm` / `booking.decline`.
 */
export async function decideBooking(deps: ActivityDeps, actor: Actor, id: string, body: BookingDecisionBody) {
  try {
    return await withTransaction(deps.db, async (tx) => {
      const b = await q.findBooking(tx, id, true);
      if (!b || !isInScope(officerScope(actor, 'venues.manage'), b.area_code)) {
        throw platformErrors.NOT_FOUND();
      }
      if (b.status !== 'requested') {
        throw bookingErrors.BOOKING_ALREADY_DECIDED();
      }
      const status = body.decision === 'confirm' ? 'confirmed' : 'declined';
      await q.decideBooking(tx, id, { status, reason: body.reason || null, decidedBy: actor.userId });
      await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'venues.manage', b.area_code), {
        action: `booking.${body.decision}`,
        entity: 'booking',
        entityId: id,
        areaCode: b.area_code,
        before: { status: b.status },
        after: { status, reason: body.reason || null },
      });
      return id;
    });
  } catch (error) {
    if (isExclusionViolation(error)) {
      throw bookingErrors.BOOKING_SLOT_TAKEN();
    }
    throw error;
  }
}

/** cancelBooking — the organization withdraws its request or gives up a confirmed room. Audits `booking.cancel`. */
export async function cancelBooking(deps: ActivityDeps, actor: Actor, id: string) {
  return withTransaction(deps.db, async (tx) => {
    const b = await q.findBooking(tx, id, true);
    if (!b || !mayManage(actor, { id: b.org_id, areaCode: b.org_area_code })) {
      throw platformErrors.NOT_FOUND();
    }
    if (b.status !== 'requested' && b.status !== 'confirmed') {
      throw bookingErrors.BOOKING_ALREADY_DECIDED();
    }
    await q.decideBooking(tx, id, { status: 'cancelled', reason: null, decidedBy: actor.userId });
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'activities.manage', b.org_area_code), {
      action: 'booking.cancel',
      entity: 'booking',
      entityId: id,
      areaCode: b.area_code,
      before: { status: b.status },
      after: { status: 'cancelled' },
    });
    return id;
  });
}

/** Bookings the actor decides (the venue's officers) or asked for (the organization), soonest first. */
export async function listBookings(
  deps: ActivityDeps,
  actor: Actor,
  query: { status?: string | undefined; venueId?: string | undefined; limit: number },
) {
  const rows = await q.listBookings(deps.db, {
    scope: officerScope(actor, 'venues.read'),
    orgIds: ownOrgIds(actor, 'activities.manage'),
    ...(query.status ? { status: query.status } : {}),
    ...(query.venueId ? { venueId: query.venueId } : {}),
    limit: query.limit,
  });
  return { items: rows.map((b) => presentBooking(actor, b)) };
}
