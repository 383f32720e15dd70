import { type Scope, scopeSql } from '../../platform/access';
import type { Queryable } from '../../platform/db';
import type {
  ActivityAccess,
  ActivityRow,
  ActivityStepRow,
  ApprovalPart,
  BookingRow,
  RoomRow,
  RuleSettingsRow,
  VenueRow,
} from './tables';

const AREA_NAME = (column: string) =>
  `(SELECT ar.full_name FROM areas ar WHERE ar.code = ${column} ORDER BY ar.level LIMIT 1)`;

// ─── organizations (read-only: the facts an activity needs about its organizer) ───────────

export type OrgFacts = { id: string; name: string; area_code: string; tier: string; status: string };

export async function findOrgFacts(db: Queryable, ids: string[]): Promise<OrgFacts[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await db.query<OrgFacts>(
    'SELECT id, name, area_code, tier, status FROM organizations WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return rows;
}

// ─── venues ──────────────────────────────────────────────────────────────────

const VENUE_SELECT = `SELECT v.id, v.name, v.kind, v.level, v.area_code, ${AREA_NAME('v.area_code')} AS area_full_name,
       v.address, v.opening_hours, v.run_by_org_id, o.name AS run_by_org_name, v.manager_name, v.manager_mobile_enc, v.status
  FROM practice_venues v LEFT JOIN organizations o ON o.id = v.run_by_org_id`;

export async function insertVenue(
  db: Queryable,
  v: {
    name: string;
    kind: string;
    level: string | null;
    areaCode: string;
    areaLevel: number;
    address: string;
    openingHours: string;
    runByOrgId: string | null;
    managerName: string;
    managerMobileEnc: Buffer | null;
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO practice_venues (name, kind, level, area_code, area_level, address, opening_hours, run_by_org_id,
       manager_name, manager_mobile_enc, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      v.name,
      v.kind,
      v.level,
      v.areaCode,
      v.areaLevel,
      v.address,
      v.openingHours,
      v.runByOrgId,
      v.managerName,
      v.managerMobileEnc,
      v.createdBy,
    ],
  );
  return rows[0]!.id;
}

export async function insertRooms(db: Queryable, venueId: string, rooms: { name: string; capacity: number }[]) {
  for (const r of rooms) {
    await db.query('INSERT INTO venue_rooms (venue_id, name, capacity) VALUES ($1, $2, $3)', [
      venueId,
      r.name,
      r.capacity,
    ]);
  }
}

export async function findVenueInScope(db: Queryable, id: string, scope: Scope, forUpdate = false) {
  const params: unknown[] = [id];
  const { rows } = await db.query<VenueRow>(
    `${VENUE_SELECT} WHERE v.id = $1 AND ${scopeSql('v.area_code', scope, params)}${forUpdate ? ' FOR UPDATE OF v' : ''}`,
    params,
  );
  return rows[0] ?? null;
}

export async function listVenuesInScope(
  db: Queryable,
  f: { scope: Scope; within?: { lo: string; hi: string }; openOnly?: boolean; limit: number },
) {
  const params: unknown[] = [];
  const where = [scopeSql('v.area_code', f.scope, params)];
  if (f.within) {
    params.push(f.within.lo, f.within.hi);
    where.push(`v.area_code BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  if (f.openOnly) {
    where.push(`v.status = 'open'`);
  }
  params.push(f.limit);
  const { rows } = await db.query<VenueRow>(
    `${VENUE_SELECT} WHERE ${where.join(' AND ')} ORDER BY v.area_code, v.name LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export async function findRooms(db: Queryable, venueIds: string[]): Promise<RoomRow[]> {
  if (venueIds.length === 0) {
    return [];
  }
  const { rows } = await db.query<RoomRow>(
    'SELECT id, venue_id, name, capacity FROM venue_rooms WHERE venue_id = ANY($1::uuid[]) ORDER BY name',
    [venueIds],
  );
  return rows;
}

export async function findRoom(db: Queryable, roomId: string) {
  const { rows } = await db.query<RoomRow & { area_code: string; venue_status: string; venue_name: string }>(
    `SELECT r.id, r.venue_id, r.name, r.capacity, v.area_code, v.status AS venue_status, v.name AS venue_name
       FROM venue_rooms r JOIN practice_venues v ON v.id = r.venue_id WHERE r.id = $1`,
    [roomId],
  );
  return rows[0] ?? null;
}

const VENUE_COLUMNS: Record<string, string> = {
  name: 'name',
  address: 'address',
  openingHours: 'opening_hours',
  runByOrgId: 'run_by_org_id',
  managerName: 'manager_name',
  managerMobileEnc: 'manager_mobile_enc',
  status: 'status',
};

export async function updateVenue(db: Queryable, id: string, changes: Record<string, unknown>): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, value] of Object.entries(changes)) {
    const column = VENUE_COLUMNS[key];
    if (!column || value === undefined) {
      continue;
    }
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  }
  if (sets.length > 0) {
    await db.query(`UPDATE practice_venues SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
  }
}

// ─── campaigns and rules ─────────────────────────────────────────────────────

export type CampaignRow = { key: string; name: string; area_code: string | null; is_preset: boolean };

/** The national presets and the campaigns of the provinces whose codes start the given prefixes. */
export async function listCampaigns(db: Queryable, provincePrefixes: string[] | null): Promise<CampaignRow[]> {
  const { rows } = await db.query<CampaignRow>(
    `SELECT key, name, area_code, is_preset FROM activity_campaigns
      WHERE area_code IS NULL OR $1::text[] IS NULL OR substr(area_code, 1, 2) = ANY($1::text[])
      ORDER BY is_preset DESC, created_at, key`,
    [provincePrefixes],
  );
  return rows;
}

export async function findCampaign(db: Queryable, key: string): Promise<CampaignRow | null> {
  const { rows } = await db.query<CampaignRow>(
    'SELECT key, name, area_code, is_preset FROM activity_campaigns WHERE key = $1',
    [key],
  );
  return rows[0] ?? null;
}

export async function insertCampaign(
  db: Queryable,
  c: { key: string; name: string; areaCode: string; createdBy: string },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO activity_campaigns (key, name, area_code, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key) DO NOTHING`,
    [c.key, c.name, c.areaCode, c.createdBy],
  );
  return (rowCount ?? 0) > 0;
}

export async function findRuleSettings(db: Queryable, codes: string[]): Promise<RuleSettingsRow[]> {
  const { rows } = await db.query<RuleSettingsRow>(
    `SELECT area_code, report_threshold, approval_threshold, report_lead_days, approval_lead_days
       FROM activity_rule_settings WHERE area_code = ANY($1::text[])`,
    [codes],
  );
  return rows;
}

export async function upsertRuleSettings(
  db: Queryable,
  s: {
    areaCode: string;
    reportThreshold: number | null;
    approvalThreshold: number | null;
    reportLeadDays: number | null;
    approvalLeadDays: number | null;
    updatedBy: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO activity_rule_settings (area_code, report_threshold, approval_threshold, report_lead_days,
       approval_lead_days, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (area_code) DO UPDATE SET report_threshold = $2, approval_threshold = $3, report_lead_days = $4,
       approval_lead_days = $5, updated_by = $6, updated_at = now()`,
    [s.areaCode, s.reportThreshold, s.approvalThreshold, s.reportLeadDays, s.approvalLeadDays, s.updatedBy],
  );
}

// ─── activities ──────────────────────────────────────────────────────────────

const ACTIVITY_COLUMNS = `a.id, a.org_id, o.name AS org_name, o.tier AS org_tier, a.area_code,
       ${AREA_NAME('a.area_code')} AS area_full_name, a.title, a.content, a.field, a.campaign, a.kind, a.starts_at,
       a.ends_at, a.venue_room_id, r.venue_id, v.name AS venue_name, r.name AS room_name, a.address, a.target_groups,
       a.expected_participants, a.partner_org_ids, a.path_steps, a.status, a.status_reason, a.submitted_at,
       a.published_at, a.actual_participants, a.beneficiaries, a.summary`;
const ACTIVITY_FROM = `activities a JOIN organizations o ON o.id = a.org_id
  LEFT JOIN venue_rooms r ON r.id = a.venue_room_id LEFT JOIN practice_venues v ON v.id = r.venue_id`;
const ACTIVITY_SELECT = `SELECT ${ACTIVITY_COLUMNS} FROM ${ACTIVITY_FROM}`;

export type ActivityWrite = {
  title: string;
  content: string;
  field: string;
  campaign: string | null;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  venueRoomId: string | null;
  address: string;
  targetGroups: string[];
  expectedParticipants: number;
  partnerOrgIds: string[];
  pathSteps: string[];
};

export async function insertActivity(
  db: Queryable,
  a: ActivityWrite & { orgId: string; areaCode: string; createdBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO activities (org_id, area_code, title, content, field, campaign, kind, starts_at, ends_at, venue_room_id,
       address, target_groups, expected_participants, partner_org_ids, path_steps, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [
      a.orgId,
      a.areaCode,
      a.title,
      a.content,
      a.field,
      a.campaign,
      a.kind,
      a.startsAt,
      a.endsAt,
      a.venueRoomId,
      a.address,
      a.targetGroups,
      a.expectedParticipants,
      a.partnerOrgIds,
      a.pathSteps,
      a.createdBy,
    ],
  );
  return rows[0]!.id;
}

export async function updateActivityPlan(db: Queryable, id: string, a: ActivityWrite): Promise<void> {
  await db.query(
    `UPDATE activities SET title = $2, content = $3, field = $4, campaign = $5, kind = $6, starts_at = $7, ends_at = $8,
       venue_room_id = $9, address = $10, target_groups = $11, expected_participants = $12, partner_org_ids = $13,
       path_steps = $14, status = 'draft', status_reason = NULL, updated_at = now()
     WHERE id = $1`,
    [
      id,
      a.title,
      a.content,
      a.field,
      a.campaign,
      a.kind,
      a.startsAt,
      a.endsAt,
      a.venueRoomId,
      a.address,
      a.targetGroups,
      a.expectedParticipants,
      a.partnerOrgIds,
      a.pathSteps,
    ],
  );
}

export async function setActivityStatus(
  db: Queryable,
  id: string,
  s: { status: string; reason?: string | null; submitted?: boolean; published?: boolean },
): Promise<void> {
  await db.query(
    `UPDATE activities SET status = $2, status_reason = $3,
       submitted_at = CASE WHEN $4 THEN now() ELSE submitted_at END,
       published_at = CASE WHEN $5 THEN now() ELSE published_at END, updated_at = now()
     WHERE id = $1`,
    [id, s.status, s.reason ?? null, s.submitted === true, s.published === true],
  );
}

export async function setPathSteps(db: Queryable, id: string, steps: string[]): Promise<void> {
  await db.query('UPDATE activities SET path_steps = $2 WHERE id = $1', [id, steps]);
}

export async function recordOutcome(
  db: Queryable,
  id: string,
  o: { actualParticipants: number; beneficiaries: number; summary: string },
): Promise<void> {
  await db.query(
    `UPDATE activities SET status = 'completed', actual_participants = $2, beneficiaries = $3, summary = $4,
       updated_at = now() WHERE id = $1`,
    [id, o.actualParticipants, o.beneficiaries, o.summary],
  );
}

export async function findActivityById(db: Queryable, id: string, forUpdate = false): Promise<ActivityRow | null> {
  const { rows } = await db.query<ActivityRow>(
    `${ACTIVITY_SELECT} WHERE a.id = $1${forUpdate ? ' FOR UPDATE OF a' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/** The access filter: the officer's area ranges, or the organizations the actor administers. */
function accessSql(access: ActivityAccess, params: unknown[]): string {
  const parts: string[] = [];
  if (access.scope.ranges.length > 0) {
    parts.push(scopeSql('a.area_code', access.scope, params));
  }
  if (access.orgIds.length > 0) {
    params.push(access.orgIds);
    parts.push(`a.org_id = ANY($${params.length}::uuid[])`);
  }
  return parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
}

export type ActivityFilter = {
  access: ActivityAccess | 'public';
  within?: { lo: string; hi: string };
  from?: Date;
  to?: Date;
  field?: string;
  campaign?: string;
  orgId?: string;
  venueId?: string;
  statuses?: string[];
  after?: { startsAt: Date; id: string };
  limit: number;
};

function filterSql(f: Omit<ActivityFilter, 'after' | 'limit'>, params: unknown[]): string[] {
  const where = f.access === 'public' ? [] : [accessSql(f.access, params)];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.within) {
    params.push(f.within.lo, f.within.hi);
    where.push(`a.area_code BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  if (f.from) {
    add((p) => `a.starts_at >= ${p}`, f.from);
  }
  if (f.to) {
    add((p) => `a.starts_at < ${p}`, f.to);
  }
  if (f.field) {
    add((p) => `a.field = ${p}`, f.field);
  }
  if (f.campaign) {
    add((p) => `a.campaign = ${p}`, f.campaign);
  }
  if (f.orgId) {
    add((p) => `a.org_id = ${p}`, f.orgId);
  }
  if (f.venueId) {
    add((p) => `r.venue_id = ${p}`, f.venueId);
  }
  if (f.statuses) {
    add((p) => `a.status = ANY(${p}::text[])`, f.statuses);
  }
  return where;
}

/** Activities by start time (the calendar order), keyset-paginated on (starts_at, id). */
export async function listActivities(db: Queryable, f: ActivityFilter): Promise<ActivityRow[]> {
  const params: unknown[] = [];
  const where = filterSql(f, params);
  if (f.after) {
    params.push(f.after.startsAt, f.after.id);
    where.push(`(a.starts_at, a.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(f.limit);
  const { rows } = await db.query<ActivityRow>(
    `${ACTIVITY_SELECT} WHERE ${where.length > 0 ? where.join(' AND ') : 'true'}
      ORDER BY a.starts_at, a.id LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export async function countActivities(db: Queryable, f: Omit<ActivityFilter, 'after' | 'limit'>) {
  const params: unknown[] = [];
  const where = filterSql(f, params).join(' AND ') || 'true';
  const { rows } = await db.query<{ field: string; campaign: string | null; n: number }>(
    `SELECT a.field, a.campaign, count(*)::int AS n FROM ${ACTIVITY_FROM} WHERE ${where} GROUP BY a.field, a.campaign`,
    params,
  );
  return rows;
}

/** Published or completed activities per organization since a time (the disclosure page's figure). */
export async function countByOrg(db: Queryable, orgIds: string[], since: Date): Promise<Map<string, number>> {
  const { rows } = await db.query<{ org_id: string; n: number }>(
    `SELECT org_id, count(*)::int AS n FROM activities
      WHERE org_id = ANY($1::uuid[]) AND status IN ('published', 'completed') AND starts_at >= $2
      GROUP BY org_id`,
    [orgIds, since],
  );
  return new Map(rows.map((r) => [r.org_id, r.n]));
}

/** Activities waiting for a step the actor may take: approvals by tier and area, reports by area. */
export async function findAwaiting(
  db: Queryable,
  input: { approval: ApprovalPart[]; report: Scope; limit: number },
): Promise<ActivityRow[]> {
  const params: unknown[] = [];
  const clauses: string[] = [];
  for (const part of input.approval) {
    params.push(part.tiers);
    const tiers = `$${params.length}`;
    clauses.push(
      `(a.status = 'awaitingApproval' AND o.tier = ANY(${tiers}::text[]) AND ${scopeSql('a.area_code', part.scope, params)})`,
    );
  }
  if (input.report.ranges.length > 0) {
    clauses.push(`(a.status = 'awaitingAcknowledgement' AND ${scopeSql('a.area_code', input.report, params)})`);
  }
  if (clauses.length === 0) {
    return [];
  }
  params.push(input.limit);
  const { rows } = await db.query<ActivityRow>(
    `${ACTIVITY_SELECT} WHERE ${clauses.join(' OR ')} ORDER BY a.starts_at, a.id LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export async function insertStep(
  db: Queryable,
  s: {
    activityId: string;
    step: string;
    decision: string | null;
    comment: string | null;
    actorId: string;
    actorRole: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO activity_steps (activity_id, step, decision, comment, actor_id, actor_role)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [s.activityId, s.step, s.decision, s.comment, s.actorId, s.actorRole],
  );
}

export async function findSteps(db: Queryable, activityId: string): Promise<ActivityStepRow[]> {
  const { rows } = await db.query<ActivityStepRow>(
    `SELECT s.activity_id, s.step, s.decision, s.comment, u.name AS actor_name, s.actor_role, s.at
       FROM activity_steps s LEFT JOIN users u ON u.id = s.actor_id WHERE s.activity_id = $1 ORDER BY s.id`,
    [activityId],
  );
  return rows;
}

// ─── photos ──────────────────────────────────────────────────────────────────

export type PhotoMeta = { id: string; activity_id: string; width: number; height: number };

export async function insertPhoto(
  db: Queryable,
  p: {
    activityId: string;
    display: Buffer;
    thumb: Buffer;
    width: number;
    height: number;
    sha256: Buffer;
    uploadedBy: string;
  },
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO activity_photos (activity_id, display, thumb, width, height, sha256, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (activity_id, sha256) DO NOTHING RETURNING id`,
    [p.activityId, p.display, p.thumb, p.width, p.height, p.sha256, p.uploadedBy],
  );
  return rows[0]?.id ?? null;
}

export async function countPhotos(db: Queryable, activityId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM activity_photos WHERE activity_id = $1',
    [activityId],
  );
  return rows[0]!.n;
}

export async function findPhotos(db: Queryable, activityId: string): Promise<PhotoMeta[]> {
  const { rows } = await db.query<PhotoMeta>(
    'SELECT id, activity_id, width, height FROM activity_photos WHERE activity_id = $1 ORDER BY uploaded_at, id',
    [activityId],
  );
  return rows;
}

export async function readPhoto(db: Queryable, activityId: string, photoId: string, size: 'display' | 'thumb') {
  const column = size === 'thumb' ? 'thumb' : 'display';
  const { rows } = await db.query<{ bytes: Buffer }>(
    `SELECT ${column} AS bytes FROM activity_photos WHERE id = $1 AND activity_id = $2`,
    [photoId, activityId],
  );
  return rows[0]?.bytes ?? null;
}

// ─── bookings ────────────────────────────────────────────────────────────────

const BOOKING_SELECT = `SELECT b.id, b.room_id, r.name AS room_name, b.venue_id, v.name AS venue_name, b.area_code, b.org_id,
       o.name AS org_name, o.area_code AS org_area_code, b.activity_id, lower(b.during) AS starts_at,
       upper(b.during) AS ends_at, b.purpose, b.status, b.decision_reason, b.requested_by, b.requested_at, b.decided_at
  FROM venue_bookings b JOIN venue_rooms r ON r.id = b.room_id JOIN practice_venues v ON v.id = b.venue_id
  JOIN organizations o ON o.id = b.org_id`;

export async function insertBooking(
  db: Queryable,
  b: {
    roomId: string;
    venueId: string;
    areaCode: string;
    orgId: string;
    activityId: string | null;
    startsAt: Date;
    endsAt: Date;
    purpose: string;
    requestedBy: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO venue_bookings (room_id, venue_id, area_code, org_id, activity_id, during, purpose, requested_by)
     VALUES ($1, $2, $3, $4, $5, tstzrange($6, $7, '[)'), $8, $9) RETURNING id`,
    [b.roomId, b.venueId, b.areaCode, b.orgId, b.activityId, b.startsAt, b.endsAt, b.purpose, b.requestedBy],
  );
  return rows[0]!.id;
}

export async function findBooking(db: Queryable, id: string, forUpdate = false): Promise<BookingRow | null> {
  const { rows } = await db.query<BookingRow>(
    `${BOOKING_SELECT} WHERE b.id = $1${forUpdate ? ' FOR UPDATE OF b' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listBookings(
  db: Queryable,
  f: { scope: Scope; orgIds: string[]; status?: string; venueId?: string; limit: number },
): Promise<BookingRow[]> {
  const params: unknown[] = [];
  const access: string[] = [];
  if (f.scope.ranges.length > 0) {
    access.push(scopeSql('b.area_code', f.scope, params));
  }
  if (f.orgIds.length > 0) {
    params.push(f.orgIds);
    access.push(`b.org_id = ANY($${params.length}::uuid[])`);
  }
  if (access.length === 0) {
    return [];
  }
  const where = [`(${access.join(' OR ')})`];
  if (f.status) {
    params.push(f.status);
    where.push(`b.status = $${params.length}`);
  }
  if (f.venueId) {
    params.push(f.venueId);
    where.push(`b.venue_id = $${params.length}`);
  }
  params.push(f.limit);
  const { rows } = await db.query<BookingRow>(
    `${BOOKING_SELECT} WHERE ${where.join(' AND ')} ORDER BY lower(b.during), b.id LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export async function decideBooking(
  db: Queryable,
  id: string,
  d: { status: 'confirmed' | 'declined' | 'cancelled'; reason: string | null; decidedBy: string },
): Promise<void> {
  await db.query(
    'UPDATE venue_bookings SET status = $2, decision_reason = $3, decided_by = $4, decided_at = now() WHERE id = $1',
    [id, d.status, d.reason, d.decidedBy],
  );
}

/** Cancels the open bookings of an activity (it was called off); returns their ids. */
export async function releaseBookingsOf(db: Queryable, activityId: string, d: { reason: string; by: string }) {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE venue_bookings SET status = 'cancelled', decision_reason = $2, decided_by = $3, decided_at = now()
      WHERE activity_id = $1 AND status IN ('requested', 'confirmed') RETURNING id`,
    [activityId, d.reason, d.by],
  );
  return rows.map((r) => r.id);
}
