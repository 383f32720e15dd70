import { type Scope, scopeSql } from '../../platform/access';
import { AUDIT_INSERT_COLUMNS } from '../../platform/audit';
import type { Queryable } from '../../platform/db';
import type {
  CorrectionRow,
  ProjectRow,
  RecordRow,
  ReflectionPhotoRow,
  ReflectionRow,
  RoleRow,
  ShiftFacts,
  ShiftRow,
  SignupRow,
  SlotRow,
  StarSettingsRow,
  StationRow,
  TeamRow,
  VolunteerAccess,
  VolunteerRow,
} from './tables';

const AREA_NAME = (column: string) =>
  `(SELECT ar.full_name FROM areas ar WHERE ar.code = ${column} ORDER BY ar.level LIMIT 1)`;

/** `scope` over `column`, or one of the organization ids over `orgColumn`. */
function accessSql(access: VolunteerAccess, column: string, orgExists: string | null, params: unknown[]): string {
  const parts = [scopeSql(column, access.scope, params)];
  if (access.orgIds.length > 0 && orgExists) {
    params.push(access.orgIds);
    parts.push(orgExists.replaceAll('$ORGS', `$${params.length}::uuid[]`));
  }
  return `(${parts.join(' OR ')})`;
}

// ─── organizations and areas (read-only facts) ───────────────────────────────────────

export type OrgFacts = { id: string; name: string; area_code: string; status: string };

export async function findOrgFacts(db: Queryable, id: string): Promise<OrgFacts | null> {
  const { rows } = await db.query<OrgFacts>('SELECT id, name, area_code, status FROM organizations WHERE id = $1', [
    id,
  ]);
  return rows[0] ?? null;
}

export async function findAreaLevels(db: Queryable, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) {
    return new Map();
  }
  const { rows } = await db.query<{ code: string; level: number }>(
    'SELECT code, max(level)::int AS level FROM areas WHERE code = ANY($1::text[]) GROUP BY code',
    [codes],
  );
  return new Map(rows.map((r) => [r.code, r.level]));
}

export async function findUserName(db: Queryable, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [userId]);
  return rows[0]?.name ?? null;
}

// ─── stations ────────────────────────────────────────────────────────────────

const STATION_SELECT = `SELECT s.id, s.name, s.area_code, ${AREA_NAME('s.area_code')} AS area_full_name, s.address,
       s.venue_id, s.run_by_org_id, o.name AS run_by_org_name, s.contact_name, s.contact_mobile_enc, s.status,
       (SELECT count(*)::int FROM volunteers v WHERE v.station_id = s.id) AS volunteer_count
  FROM service_stations s LEFT JOIN organizations o ON o.id = s.run_by_org_id`;

export async function insertStation(
  db: Queryable,
  s: {
    name: string;
    areaCode: string;
    address: string;
    venueId: string | null;
    runByOrgId: string | null;
    contactName: string;
    contactMobileEnc: Buffer | null;
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO service_stations (name, area_code, address, venue_id, run_by_org_id, contact_name, contact_mobile_enc, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [s.name, s.areaCode, s.address, s.venueId, s.runByOrgId, s.contactName, s.contactMobileEnc, s.createdBy],
  );
  return rows[0]!.id;
}

export async function updateStation(
  db: Queryable,
  id: string,
  s: {
    name: string;
    address: string;
    venueId: string | null;
    runByOrgId: string | null;
    contactName: string;
    contactMobileEnc: Buffer | null;
    status: string;
  },
) {
  await db.query(
    `UPDATE service_stations SET name = $2, address = $3, venue_id = $4, run_by_org_id = $5, contact_name = $6,
       contact_mobile_enc = $7, status = $8, updated_at = now() WHERE id = $1`,
    [id, s.name, s.address, s.venueId, s.runByOrgId, s.contactName, s.contactMobileEnc, s.status],
  );
}

export async function findStation(db: Queryable, id: string, forUpdate = false): Promise<StationRow | null> {
  const { rows } = await db.query<StationRow>(
    `${STATION_SELECT} WHERE s.id = $1${forUpdate ? ' FOR UPDATE OF s' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listStations(
  db: Queryable,
  f: { scope: Scope; within?: { lo: string; hi: string }; openOnly?: boolean },
) {
  const params: unknown[] = [];
  const where = [scopeSql('s.area_code', f.scope, params)];
  if (f.within) {
    params.push(f.within.lo, f.within.hi);
    where.push(`s.area_code BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  if (f.openOnly) {
    where.push(`s.status = 'open'`);
  }
  const { rows } = await db.query<StationRow>(
    `${STATION_SELECT} WHERE ${where.join(' AND ')} ORDER BY s.area_code, s.name LIMIT 1000`,
    params,
  );
  return rows;
}

export async function findVenueArea(db: Queryable, venueId: string): Promise<string | null> {
  const { rows } = await db.query<{ area_code: string }>('SELECT area_code FROM practice_venues WHERE id = $1', [
    venueId,
  ]);
  return rows[0]?.area_code ?? null;
}

// ─── volunteers ──────────────────────────────────────────────────────────────

const VOLUNTEER_SELECT = `SELECT v.id, v.user_id, v.name, v.id_number_enc, v.mobile_enc, v.area_code,
       ${AREA_NAME('v.area_code')} AS area_full_name, v.skills, v.service_area_codes, v.availability, v.station_id,
       s.name AS station_name, v.registered_by_org_id, v.confirmed_minutes, v.star_level, v.five_star_requested_at,
       v.five_star_decided_at, v.status, v.created_at
  FROM volunteers v LEFT JOIN service_stations s ON s.id = v.station_id`;

export type VolunteerWrite = {
  userId: string | null;
  name: string;
  idNumberEnc: Buffer;
  idNumberHash: Buffer;
  mobileEnc: Buffer;
  mobileHash: Buffer;
  areaCode: string;
  skills: string[];
  serviceAreaCodes: string[];
  availability: string[];
  stationId: string | null;
  registeredBy: string;
  registeredByOrgId: string | null;
};

export async function insertVolunteer(db: Queryable, v: VolunteerWrite): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO volunteers (user_id, name, id_number_enc, id_number_hash, mobile_enc, mobile_hash, area_code, skills,
       service_area_codes, availability, station_id, registered_by, registered_by_org_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      v.userId,
      v.name,
      v.idNumberEnc,
      v.idNumberHash,
      v.mobileEnc,
      v.mobileHash,
      v.areaCode,
      v.skills,
      v.serviceAreaCodes,
      v.availability,
      v.stationId,
      v.registeredBy,
      v.registeredByOrgId,
    ],
  );
  return rows[0]!.id;
}

/** An account takes over the record an organization kept for it (same person, no account yet). */
export async function attachAccount(db: Queryable, id: string, userId: string) {
  await db.query('UPDATE volunteers SET user_id = $2, updated_at = now() WHERE id = $1 AND user_id IS NULL', [
    id,
    userId,
  ]);
}

export async function findVolunteerIdByIdHash(
  db: Queryable,
  hash: Buffer,
): Promise<{ id: string; user_id: string | null; name: string; mobile_hash: Buffer } | null> {
  const { rows } = await db.query<{ id: string; user_id: string | null; name: string; mobile_hash: Buffer }>(
    'SELECT id, user_id, name, mobile_hash FROM volunteers WHERE id_number_hash = $1',
    [hash],
  );
  return rows[0] ?? null;
}

export async function findVolunteer(db: Queryable, id: string, forUpdate = false): Promise<VolunteerRow | null> {
  const { rows } = await db.query<VolunteerRow>(
    `${VOLUNTEER_SELECT} WHERE v.id = $1${forUpdate ? ' FOR UPDATE OF v' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findVolunteerByUser(
  db: Queryable,
  userId: string,
  forUpdate = false,
): Promise<VolunteerRow | null> {
  const { rows } = await db.query<VolunteerRow>(
    `${VOLUNTEER_SELECT} WHERE v.user_id = $1${forUpdate ? ' FOR UPDATE OF v' : ''}`,
    [userId],
  );
  return rows[0] ?? null;
}

/**
 * Volunteers of the organizations' teams, sign-ups and records, as an id set: for an
 * administrator (no area range) the planner starts from these few ids, never from all volunteers.
 */
const VOLUNTEER_ORG_LINK = `v.id IN (
     SELECT tm.volunteer_id FROM volunteer_team_members tm WHERE tm.org_id = ANY($ORGS) AND tm.left_at IS NULL
     UNION SELECT su.volunteer_id FROM volunteer_signups su JOIN volunteer_projects p ON p.id = su.project_id
            WHERE p.org_id = ANY($ORGS)
     UNION SELECT sr.volunteer_id FROM service_records sr WHERE sr.org_id = ANY($ORGS))`;

export type VolunteerHoursGroup = {
  area_code: string;
  hours: number;
  is_five_approved: boolean;
  volunteers: number;
  minutes: number;
  five_pending: number;
};

/**
 * The readable volunteers grouped by home area, whole confirmed hours and five-star approval:
 * few rows (thresholds are whole hours, so the stars follow from the group), for the overview.
 */
export async function countVolunteersByHours(db: Queryable, access: VolunteerAccess): Promise<VolunteerHoursGroup[]> {
  const params: unknown[] = [];
  const { rows } = await db.query<VolunteerHoursGroup>(
    `SELECT v.area_code, (v.confirmed_minutes / 60)::int AS hours, (v.five_star_decided_at IS NOT NULL) AS is_five_approved,
            count(*)::int AS volunteers, sum(v.confirmed_minutes)::float8 AS minutes,
            count(*) FILTER (WHERE v.five_star_requested_at IS NOT NULL)::int AS five_pending
       FROM volunteers v
      WHERE ${accessSql(access, 'v.area_code', VOLUNTEER_ORG_LINK, params)}
      GROUP BY 1, 2, 3`,
    params,
  );
  return rows;
}

export async function isVolunteerReadable(db: Queryable, id: string, access: VolunteerAccess): Promise<boolean> {
  const params: unknown[] = [id];
  const { rows } = await db.query(
    `SELECT 1 FROM volunteers v WHERE v.id = $1 AND ${accessSql(access, 'v.area_code', VOLUNTEER_ORG_LINK, params)}`,
    params,
  );
  return rows.length > 0;
}

export async function listVolunteers(
  db: Queryable,
  f: {
    access: VolunteerAccess;
    within?: { lo: string; hi: string };
    orgId?: string;
    stationId?: string;
    skill?: string;
    idNumberHash?: Buffer;
    after?: string;
    limit: number;
  },
): Promise<VolunteerRow[]> {
  const params: unknown[] = [];
  const where = [accessSql(f.access, 'v.area_code', VOLUNTEER_ORG_LINK, params)];
  if (f.within) {
    params.push(f.within.lo, f.within.hi);
    where.push(`v.area_code BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  if (f.orgId) {
    params.push(f.orgId);
    where.push(
      `EXISTS (SELECT 1 FROM volunteer_team_members tm WHERE tm.volunteer_id = v.id AND tm.left_at IS NULL AND tm.org_id = $${params.length})`,
    );
  }
  if (f.stationId) {
    params.push(f.stationId);
    where.push(`v.station_id = $${params.length}`);
  }
  if (f.skill) {
    params.push(f.skill);
    where.push(`$${params.length} = ANY(v.skills)`);
  }
  if (f.idNumberHash) {
    params.push(f.idNumberHash);
    where.push(`v.id_number_hash = $${params.length}`);
  }
  if (f.after) {
    params.push(f.after);
    where.push(`v.id > $${params.length}`);
  }
  params.push(f.limit);
  const { rows } = await db.query<VolunteerRow>(
    `${VOLUNTEER_SELECT} WHERE ${where.join(' AND ')} ORDER BY v.id LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export async function updateVolunteerProfile(
  db: Queryable,
  id: string,
  p: {
    mobileEnc: Buffer;
    mobileHash: Buffer;
    skills: string[];
    serviceAreaCodes: string[];
    availability: string[];
    stationId: string | null;
  },
) {
  await db.query(
    `UPDATE volunteers SET mobile_enc = $2, mobile_hash = $3, skills = $4, service_area_codes = $5, availability = $6,
       station_id = $7, updated_at = now() WHERE id = $1`,
    [id, p.mobileEnc, p.mobileHash, p.skills, p.serviceAreaCodes, p.availability, p.stationId],
  );
}

export async function setStation(db: Queryable, id: string, stationId: string | null) {
  await db.query('UPDATE volunteers SET station_id = $2, updated_at = now() WHERE id = $1', [id, stationId]);
}

export async function findTeams(db: Queryable, volunteerIds: string[]): Promise<TeamRow[]> {
  if (volunteerIds.length === 0) {
    return [];
  }
  const { rows } = await db.query<TeamRow>(
    `SELECT tm.volunteer_id, tm.org_id, o.name AS org_name, tm.joined_at
       FROM volunteer_team_members tm JOIN organizations o ON o.id = tm.org_id
      WHERE tm.volunteer_id = ANY($1::uuid[]) AND tm.left_at IS NULL ORDER BY tm.joined_at`,
    [volunteerIds],
  );
  return rows;
}

/** Joins (or re-joins) a team; returns false when already a member. */
export async function joinTeam(db: Queryable, orgId: string, volunteerId: string, addedBy: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO volunteer_team_members (org_id, volunteer_id, added_by) VALUES ($1, $2, $3)
     ON CONFLICT (org_id, volunteer_id) DO UPDATE SET left_at = NULL, joined_at = now(), added_by = $3
       WHERE volunteer_team_members.left_at IS NOT NULL`,
    [orgId, volunteerId, addedBy],
  );
  return (rowCount ?? 0) > 0;
}

export async function leaveTeam(db: Queryable, orgId: string, volunteerId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE volunteer_team_members SET left_at = now() WHERE org_id = $1 AND volunteer_id = $2 AND left_at IS NULL',
    [orgId, volunteerId],
  );
  return (rowCount ?? 0) > 0;
}

/** Adds confirmed minutes (negative: a correction lowered them) and sets the stars; the row is locked by the caller. */
export async function setVolunteerHours(
  db: Queryable,
  id: string,
  h: { confirmedMinutes: number; starLevel: number; fiveStarRequested: boolean },
) {
  await db.query(
    `UPDATE volunteers SET confirmed_minutes = $2, star_level = $3,
       five_star_requested_at = CASE WHEN $4 THEN coalesce(five_star_requested_at, now()) ELSE NULL END,
       updated_at = now() WHERE id = $1`,
    [id, h.confirmedMinutes, h.starLevel, h.fiveStarRequested],
  );
}

export async function decideFiveStar(db: Queryable, id: string, approve: boolean, decidedBy: string) {
  await db.query(
    `UPDATE volunteers SET star_level = CASE WHEN $2 THEN 5 ELSE star_level END, five_star_requested_at = NULL,
       five_star_decided_by = $3, five_star_decided_at = CASE WHEN $2 THEN now() ELSE NULL END, updated_at = now()
     WHERE id = $1`,
    [id, approve, decidedBy],
  );
}

export async function listFiveStarRequests(db: Queryable, scope: Scope): Promise<VolunteerRow[]> {
  const params: unknown[] = [];
  const { rows } = await db.query<VolunteerRow>(
    `${VOLUNTEER_SELECT} WHERE v.five_star_requested_at IS NOT NULL AND ${scopeSql('v.area_code', scope, params)}
      ORDER BY v.five_star_requested_at LIMIT 500`,
    params,
  );
  return rows;
}

// ─── star settings and calendar ─────────────────────────────────────────────────

export async function findStarSettings(db: Queryable, codes: string[]): Promise<StarSettingsRow[]> {
  const { rows } = await db.query<StarSettingsRow>(
    'SELECT area_code, thresholds_hours, five_star_needs_approval FROM volunteer_star_settings WHERE area_code = ANY($1::text[])',
    [codes],
  );
  return rows;
}

export async function upsertStarSettings(
  db: Queryable,
  s: { areaCode: string; thresholdsHours: number[] | null; fiveStarNeedsApproval: boolean | null; updatedBy: string },
) {
  await db.query(
    `INSERT INTO volunteer_star_settings (area_code, thresholds_hours, five_star_needs_approval, updated_by)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (area_code) DO UPDATE SET thresholds_hours = $2, five_star_needs_approval = $3, updated_by = $4,
       updated_at = now()`,
    [s.areaCode, s.thresholdsHours, s.fiveStarNeedsApproval, s.updatedBy],
  );
}

export async function findCalendar(
  db: Queryable,
  from: string,
  to: string,
): Promise<{ day: string; is_working_day: boolean; note: string }[]> {
  const { rows } = await db.query<{ day: string; is_working_day: boolean; note: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, is_working_day, note FROM working_calendar
      WHERE day BETWEEN $1::date AND $2::date ORDER BY day`,
    [from, to],
  );
  return rows;
}

export async function upsertCalendarDay(
  db: Queryable,
  d: { day: string; isWorkingDay: boolean; note: string; updatedBy: string },
) {
  await db.query(
    `INSERT INTO working_calendar (day, is_working_day, note, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (day) DO UPDATE SET is_working_day = $2, note = $3, updated_by = $4, updated_at = now()`,
    [d.day, d.isWorkingDay, d.note, d.updatedBy],
  );
}

// ─── projects ────────────────────────────────────────────────────────────────

const PROJECT_SELECT = `SELECT p.id, p.org_id, o.name AS org_name, o.area_code AS org_area_code, p.activity_id, p.area_code,
       ${AREA_NAME('p.area_code')} AS area_full_name, p.title, p.description, p.service_content, p.field, p.address,
       p.min_age, p.max_age, p.required_skills, p.status, p.published_at, p.closed_at,
       (SELECT min(sh.starts_at) FROM volunteer_shifts sh WHERE sh.project_id = p.id) AS first_shift_at,
       (SELECT max(sh.starts_at) FROM volunteer_shifts sh WHERE sh.project_id = p.id) AS last_shift_at,
       (SELECT coalesce(sum(sl.places), 0)::int FROM volunteer_slots sl JOIN volunteer_shifts sh ON sh.id = sl.shift_id
         WHERE sh.project_id = p.id) AS places,
       (SELECT coalesce(sum(sl.confirmed), 0)::int FROM volunteer_slots sl JOIN volunteer_shifts sh ON sh.id = sl.shift_id
         WHERE sh.project_id = p.id) AS confirmed
  FROM volunteer_projects p JOIN organizations o ON o.id = p.org_id`;

export type ProjectWrite = {
  title: string;
  description: string;
  serviceContent: string;
  field: string;
  areaCode: string;
  address: string;
  minAge: number | null;
  maxAge: number | null;
  requiredSkills: string[];
  activityId: string | null;
};

export async function insertProject(
  db: Queryable,
  p: ProjectWrite & { orgId: string; createdBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO volunteer_projects (org_id, activity_id, area_code, title, description, service_content, field, address,
       min_age, max_age, required_skills, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      p.orgId,
      p.activityId,
      p.areaCode,
      p.title,
      p.description,
      p.serviceContent,
      p.field,
      p.address,
      p.minAge,
      p.maxAge,
      p.requiredSkills,
      p.createdBy,
    ],
  );
  return rows[0]!.id;
}

export async function updateProject(db: Queryable, id: string, p: ProjectWrite) {
  await db.query(
    `UPDATE volunteer_projects SET activity_id = $2, area_code = $3, title = $4, description = $5, service_content = $6,
       field = $7, address = $8, min_age = $9, max_age = $10, required_skills = $11, updated_at = now() WHERE id = $1`,
    [
      id,
      p.activityId,
      p.areaCode,
      p.title,
      p.description,
      p.serviceContent,
      p.field,
      p.address,
      p.minAge,
      p.maxAge,
      p.requiredSkills,
    ],
  );
}

export async function setProjectStatus(db: Queryable, id: string, status: 'published' | 'closed') {
  await db.query(
    `UPDATE volunteer_projects SET status = $2, updated_at = now(),
       published_at = CASE WHEN $2 = 'published' THEN now() ELSE published_at END,
       closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE closed_at END
     WHERE id = $1`,
    [id, status],
  );
}

export async function insertRoles(
  db: Queryable,
  projectId: string,
  roles: { name: string; description: string; places: number }[],
) {
  for (const [i, r] of roles.entries()) {
    await db.query(
      'INSERT INTO volunteer_project_roles (project_id, name, description, places, position) VALUES ($1, $2, $3, $4, $5)',
      [projectId, r.name, r.description, r.places, i],
    );
  }
}

/** Adds shifts with a slot (counter) per role at the role's places. */
export async function insertShifts(
  db: Queryable,
  projectId: string,
  shifts: { date: string; startsAt: Date; endsAt: Date; secret: Buffer }[],
) {
  for (const s of shifts) {
    const { rows } = await db.query<{ id: string }>(
      'INSERT INTO volunteer_shifts (project_id, date, starts_at, ends_at, checkin_secret) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [projectId, s.date, s.startsAt, s.endsAt, s.secret],
    );
    await db.query(
      `INSERT INTO volunteer_slots (shift_id, role_id, places)
       SELECT $1, r.id, r.places FROM volunteer_project_roles r WHERE r.project_id = $2`,
      [rows[0]!.id, projectId],
    );
  }
}

export async function findProject(db: Queryable, id: string, forUpdate = false): Promise<ProjectRow | null> {
  const { rows } = await db.query<ProjectRow>(
    `${PROJECT_SELECT} WHERE p.id = $1${forUpdate ? ' FOR UPDATE OF p' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findRoles(db: Queryable, projectId: string): Promise<RoleRow[]> {
  const { rows } = await db.query<RoleRow>(
    'SELECT id, project_id, name, description, places FROM volunteer_project_roles WHERE project_id = $1 ORDER BY position',
    [projectId],
  );
  return rows;
}

export async function findShifts(db: Queryable, projectId: string): Promise<ShiftRow[]> {
  const { rows } = await db.query<ShiftRow>(
    `SELECT id, project_id, to_char(date, 'YYYY-MM-DD') AS date, starts_at, ends_at FROM volunteer_shifts
      WHERE project_id = $1 ORDER BY starts_at, id`,
    [projectId],
  );
  return rows;
}

export async function findSlots(db: Queryable, projectId: string): Promise<SlotRow[]> {
  const { rows } = await db.query<SlotRow>(
    `SELECT sl.shift_id, sl.role_id, sl.places, sl.confirmed, sl.next_waiting_seq,
            (SELECT count(*)::int FROM volunteer_signups su
              WHERE su.shift_id = sl.shift_id AND su.role_id = sl.role_id AND su.status = 'waiting') AS waiting
       FROM volunteer_slots sl JOIN volunteer_shifts sh ON sh.id = sl.shift_id WHERE sh.project_id = $1`,
    [projectId],
  );
  return rows;
}

type ProjectFilter = {
  within?: { lo: string; hi: string };
  orgId?: string;
  status?: string;
  field?: string;
  from?: Date;
  to?: Date;
  after?: string;
  limit: number;
};

function projectFilters(f: ProjectFilter, params: unknown[], where: string[]) {
  if (f.within) {
    params.push(f.within.lo, f.within.hi);
    where.push(`p.area_code BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  if (f.orgId) {
    params.push(f.orgId);
    where.push(`p.org_id = $${params.length}`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`p.status = $${params.length}`);
  }
  if (f.field) {
    params.push(f.field);
    where.push(`p.field = $${params.length}`);
  }
  if (f.from || f.to) {
    params.push(f.from ?? null, f.to ?? null);
    where.push(`EXISTS (SELECT 1 FROM volunteer_shifts sh WHERE sh.project_id = p.id
      AND ($${params.length - 1}::timestamptz IS NULL OR sh.starts_at >= $${params.length - 1})
      AND ($${params.length}::timestamptz IS NULL OR sh.starts_at < $${params.length}))`);
  }
  if (f.after) {
    params.push(f.after);
    where.push(`p.id > $${params.length}`);
  }
}

/** Projects in the jurisdiction (any status): officers by area, administrators their organizations'. */
export async function listProjects(db: Queryable, f: ProjectFilter & { access: VolunteerAccess }) {
  const params: unknown[] = [];
  const where = [accessSql(f.access, 'p.area_code', 'p.org_id = ANY($ORGS)', params)];
  projectFilters(f, params, where);
  params.push(f.limit);
  const { rows } = await db.query<ProjectRow>(
    `${PROJECT_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.id LIMIT $${params.length}`,
    params,
  );
  return rows;
}

/** Published projects of an area's subtree: public browsing. */
export async function listPublishedProjects(db: Queryable, f: ProjectFilter) {
  const params: unknown[] = [];
  const where = [`p.status = 'published'`];
  projectFilters(f, params, where);
  params.push(f.limit);
  const { rows } = await db.query<ProjectRow>(
    `${PROJECT_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.id LIMIT $${params.length}`,
    params,
  );
  return rows;
}

/** A shift with its project's facts (`lock`: the project row FOR SHARE, so it cannot close meanwhile). */
export async function findShiftFacts(db: Queryable, shiftId: string): Promise<ShiftFacts | null> {
  const { rows } = await db.query<ShiftFacts>(
    `SELECT sh.id, sh.project_id, to_char(sh.date, 'YYYY-MM-DD') AS date, sh.starts_at, sh.ends_at, sh.checkin_secret,
            p.status AS project_status, p.org_id, o.area_code AS org_area_code, p.area_code, p.title, p.service_content,
            p.address, p.min_age, p.max_age, p.required_skills
       FROM volunteer_shifts sh JOIN volunteer_projects p ON p.id = sh.project_id JOIN organizations o ON o.id = p.org_id
      WHERE sh.id = $1`,
    [shiftId],
  );
  return rows[0] ?? null;
}

// ─── slots and sign-ups: every change locks the (shift, role) counter first ───────────

/** The counter row of a (shift, role), locked until the transaction ends. */
export async function lockSlot(db: Queryable, shiftId: string, roleId: string): Promise<SlotRow | null> {
  const { rows } = await db.query<SlotRow>(
    `SELECT shift_id, role_id, places, confirmed, next_waiting_seq, 0 AS waiting FROM volunteer_slots
      WHERE shift_id = $1 AND role_id = $2 FOR UPDATE`,
    [shiftId, roleId],
  );
  return rows[0] ?? null;
}

export async function setSlot(
  db: Queryable,
  s: { shiftId: string; roleId: string; places: number; confirmed: number; nextWaitingSeq: number },
) {
  await db.query(
    'UPDATE volunteer_slots SET places = $3, confirmed = $4, next_waiting_seq = $5 WHERE shift_id = $1 AND role_id = $2',
    [s.shiftId, s.roleId, s.places, s.confirmed, s.nextWaitingSeq],
  );
}

export async function findLiveSignup(db: Queryable, shiftId: string, volunteerId: string) {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM volunteer_signups WHERE shift_id = $1 AND volunteer_id = $2 AND status IN ('confirmed', 'waiting')`,
    [shiftId, volunteerId],
  );
  return rows[0] ?? null;
}

/** Confirmed sign-ups of the volunteer on other shifts that overlap [startsAt, endsAt). */
export async function countOverlappingConfirmed(
  db: Queryable,
  volunteerId: string,
  shiftId: string,
  startsAt: Date,
  endsAt: Date,
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM volunteer_signups su JOIN volunteer_shifts sh ON sh.id = su.shift_id
      WHERE su.volunteer_id = $1 AND su.status = 'confirmed' AND su.shift_id <> $2
        AND sh.starts_at < $4 AND sh.ends_at > $3`,
    [volunteerId, shiftId, startsAt, endsAt],
  );
  return rows[0]!.n;
}

export async function insertSignup(
  db: Queryable,
  s: {
    shiftId: string;
    roleId: string;
    projectId: string;
    volunteerId: string;
    status: 'confirmed' | 'waiting';
    waitingSeq: number | null;
    source: 'self' | 'organization';
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO volunteer_signups (shift_id, role_id, project_id, volunteer_id, status, waiting_seq, source, created_by,
       confirmed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $5 = 'confirmed' THEN clock_timestamp() END) RETURNING id`,
    [s.shiftId, s.roleId, s.projectId, s.volunteerId, s.status, s.waitingSeq, s.source, s.createdBy],
  );
  return rows[0]!.id;
}

const SIGNUP_SELECT = `SELECT su.id, su.shift_id, su.role_id, r.name AS role_name, su.project_id, p.title AS project_title,
       p.org_id, sh.starts_at, sh.ends_at, su.volunteer_id, v.name AS volunteer_name, v.mobile_enc, su.status,
       su.waiting_seq,
       CASE WHEN su.status = 'waiting' THEN (SELECT count(*)::int FROM volunteer_signups w
         WHERE w.shift_id = su.shift_id AND w.role_id = su.role_id AND w.status = 'waiting'
           AND w.waiting_seq <= su.waiting_seq) END AS waiting_position,
       su.source, su.created_at, su.confirmed_at, su.cancelled_at
  FROM volunteer_signups su
  JOIN volunteer_project_roles r ON r.id = su.role_id
  JOIN volunteer_projects p ON p.id = su.project_id
  JOIN volunteer_shifts sh ON sh.id = su.shift_id
  JOIN volunteers v ON v.id = su.volunteer_id`;

export async function findSignup(db: Queryable, id: string): Promise<SignupRow | null> {
  const { rows } = await db.query<SignupRow>(`${SIGNUP_SELECT} WHERE su.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function lockSignup(db: Queryable, id: string) {
  const { rows } = await db.query<{
    id: string;
    status: string;
    shift_id: string;
    role_id: string;
    volunteer_id: string;
  }>('SELECT id, status, shift_id, role_id, volunteer_id FROM volunteer_signups WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ?? null;
}

export async function listSignupsOfVolunteer(db: Queryable, volunteerId: string): Promise<SignupRow[]> {
  const { rows } = await db.query<SignupRow>(
    `${SIGNUP_SELECT} WHERE su.volunteer_id = $1 ORDER BY sh.starts_at DESC, su.created_at DESC LIMIT 500`,
    [volunteerId],
  );
  return rows;
}

export async function listRoster(db: Queryable, shiftId: string): Promise<SignupRow[]> {
  const { rows } = await db.query<SignupRow>(
    `${SIGNUP_SELECT} WHERE su.shift_id = $1 ORDER BY r.position, su.status, su.waiting_seq, su.created_at`,
    [shiftId],
  );
  return rows;
}

export async function cancelSignup(db: Queryable, id: string, by: string) {
  await db.query(
    `UPDATE volunteer_signups SET status = 'cancelled', cancelled_at = clock_timestamp(), cancelled_by = $2 WHERE id = $1`,
    [id, by],
  );
}

/** Promotes the first `n` in line of a (shift, role) — the counter is locked by the caller. */
export async function promoteWaiting(
  db: Queryable,
  shiftId: string,
  roleId: string,
  n: number,
): Promise<{ id: string; volunteer_id: string }[]> {
  if (n <= 0) {
    return [];
  }
  const { rows } = await db.query<{ id: string; volunteer_id: string }>(
    `UPDATE volunteer_signups SET status = 'confirmed', confirmed_at = clock_timestamp()
      WHERE id IN (SELECT id FROM volunteer_signups WHERE shift_id = $1 AND role_id = $2 AND status = 'waiting'
                    ORDER BY waiting_seq LIMIT $3)
      RETURNING id, volunteer_id`,
    [shiftId, roleId, n],
  );
  return rows;
}

export async function findConfirmedSignup(db: Queryable, shiftId: string, volunteerId: string) {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM volunteer_signups WHERE shift_id = $1 AND volunteer_id = $2 AND status = 'confirmed'`,
    [shiftId, volunteerId],
  );
  return rows[0] ?? null;
}

// ─── service records ─────────────────────────────────────────────────────────

const RECORD_SELECT = `SELECT r.id, r.volunteer_id, v.name AS volunteer_name, v.user_id AS volunteer_user_id, r.org_id,
       o.name AS org_name, r.project_id, r.project_title, r.shift_id, r.area_code, ${AREA_NAME('r.area_code')} AS area_full_name,
       r.address, r.started_at, r.ended_at, r.minutes, r.content, r.source, r.status, r.confirmed_by_name, r.confirmed_at,
       EXISTS (SELECT 1 FROM service_record_corrections c WHERE c.record_id = r.id AND c.status = 'pending') AS has_open_request
  FROM service_records r JOIN volunteers v ON v.id = r.volunteer_id JOIN organizations o ON o.id = r.org_id`;

export type RecordWrite = {
  volunteerId: string;
  orgId: string;
  projectId: string | null;
  projectTitle: string;
  shiftId: string | null;
  signupId: string | null;
  areaCode: string;
  address: string;
  startedAt: Date;
  endedAt: Date | null;
  minutes: number | null;
  content: string;
  source: 'checkIn' | 'organizer' | 'backfill';
  createdBy: string;
};

export async function insertRecord(db: Queryable, r: RecordWrite): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO service_records (volunteer_id, org_id, project_id, project_title, shift_id, signup_id, area_code, address,
       started_at, ended_at, minutes, content, source, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
       CASE WHEN $10::timestamptz IS NULL THEN 'open' ELSE 'pending' END, $14) RETURNING id`,
    [
      r.volunteerId,
      r.orgId,
      r.projectId,
      r.projectTitle,
      r.shiftId,
      r.signupId,
      r.areaCode,
      r.address,
      r.startedAt,
      r.endedAt,
      r.minutes,
      r.content,
      r.source,
      r.createdBy,
    ],
  );
  return rows[0]!.id;
}

/** What a volunteer's check-in needs, in one round trip: the volunteer, the shift, the place, an earlier record. */
export type CheckInFacts = {
  volunteer_id: string | null;
  volunteer_name: string | null;
  /** null: no such shift */
  shift: (ShiftFacts & { org_name: string; area_full_name: string | null }) | null;
  signup_id: string | null;
  has_record: boolean;
  /** the number of the check-in's audit row, drawn only when both the volunteer and the shift exist */
  audit_seq: number | null;
};

export async function findCheckInFacts(db: Queryable, userId: string, shiftId: string): Promise<CheckInFacts> {
  // named (prepared): the hot path of a busy shift, parsed and planned once per connection
  const { rows } = await db.query<
    Omit<CheckInFacts, 'shift'> & Partial<ShiftFacts> & { org_name: string | null; area_full_name: string | null }
  >({
    name: 'volunteers.findCheckInFacts',
    text: `SELECT v.id AS volunteer_id, v.name AS volunteer_name,
            sh.id, sh.project_id, to_char(sh.date, 'YYYY-MM-DD') AS date, sh.starts_at, sh.ends_at, sh.checkin_secret,
            p.status AS project_status, p.org_id, o.area_code AS org_area_code, o.name AS org_name, p.area_code,
            ${AREA_NAME('p.area_code')} AS area_full_name, p.title, p.service_content, p.address, p.min_age, p.max_age,
            p.required_skills,
            (SELECT su.id FROM volunteer_signups su
              WHERE su.shift_id = sh.id AND su.volunteer_id = v.id AND su.status = 'confirmed') AS signup_id,
            EXISTS (SELECT 1 FROM service_records r WHERE r.shift_id = sh.id AND r.volunteer_id = v.id) AS has_record,
            CASE WHEN v.id IS NOT NULL AND sh.id IS NOT NULL THEN nextval('audit_log_seq')::bigint END AS audit_seq
       FROM (VALUES (1)) AS one (x)
       LEFT JOIN volunteers v ON v.user_id = $1
       LEFT JOIN (volunteer_shifts sh JOIN volunteer_projects p ON p.id = sh.project_id
                  JOIN organizations o ON o.id = p.org_id) ON sh.id = $2`,
    values: [userId, shiftId],
  });
  const { volunteer_id, volunteer_name, signup_id, has_record, audit_seq, ...shift } = rows[0]!;
  return {
    volunteer_id,
    volunteer_name,
    shift: shift.id ? (shift as CheckInFacts['shift']) : null,
    signup_id,
    has_record,
    audit_seq,
  };
}

/**
 * A check-in's open record and its audit row in one statement (atomic without a transaction block):
 * both or neither. `audit` holds the audit row's values (`auditRowValues`), which name the record: its id is the caller's.
 */
export async function insertCheckIn(db: Queryable, id: string, r: RecordWrite, audit: unknown[]): Promise<void> {
  const auditParams = audit.map((_, i) => `$${i + 14}`).join(', ');
  await db.query({
    name: 'volunteers.insertCheckIn',
    text: `WITH rec AS (
       INSERT INTO service_records (id, volunteer_id, org_id, project_id, project_title, shift_id, signup_id, area_code,
         address, started_at, content, source, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13))
     INSERT INTO audit_log (${AUDIT_INSERT_COLUMNS}) VALUES (${auditParams})`,
    values: [
      id,
      r.volunteerId,
      r.orgId,
      r.projectId,
      r.projectTitle,
      r.shiftId,
      r.signupId,
      r.areaCode,
      r.address,
      r.startedAt,
      r.content,
      r.source,
      r.createdBy,
      ...audit,
    ],
  });
}

export async function findRecord(db: Queryable, id: string, forUpdate = false): Promise<RecordRow | null> {
  const { rows } = await db.query<RecordRow>(`${RECORD_SELECT} WHERE r.id = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function findRecordOfShift(db: Queryable, shiftId: string, volunteerId: string, forUpdate = false) {
  const { rows } = await db.query<RecordRow>(
    `${RECORD_SELECT} WHERE r.shift_id = $1 AND r.volunteer_id = $2${forUpdate ? ' FOR UPDATE OF r' : ''}`,
    [shiftId, volunteerId],
  );
  return rows[0] ?? null;
}

export async function closeRecord(db: Queryable, id: string, endedAt: Date, minutes: number) {
  await db.query(
    `UPDATE service_records SET ended_at = $2, minutes = $3, status = 'pending', updated_at = now() WHERE id = $1`,
    [id, endedAt, minutes],
  );
}

export async function setRecordFacts(
  db: Queryable,
  id: string,
  f: { startedAt: Date; endedAt: Date | null; minutes: number | null; content: string },
) {
  await db.query(
    `UPDATE service_records SET started_at = $2, ended_at = $3, minutes = $4, content = $5,
       status = CASE WHEN $3::timestamptz IS NULL THEN 'open' WHEN status = 'open' THEN 'pending' ELSE status END,
       updated_at = now() WHERE id = $1`,
    [id, f.startedAt, f.endedAt, f.minutes, f.content],
  );
}

/** Locks the records to confirm (in id order, so two confirmations never deadlock). */
export async function lockRecords(db: Queryable, ids: string[]) {
  const { rows } = await db.query<{
    id: string;
    org_id: string;
    volunteer_id: string;
    status: string;
    minutes: number | null;
  }>(
    `SELECT id, org_id, volunteer_id, status, minutes FROM service_records WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return rows;
}

export async function confirmRecords(db: Queryable, ids: string[], by: string, byName: string) {
  await db.query(
    `UPDATE service_records SET status = 'confirmed', confirmed_by = $2, confirmed_by_name = $3, confirmed_at = now(),
       updated_at = now() WHERE id = ANY($1::uuid[])`,
    [ids, by, byName],
  );
}

/** Locks volunteers in id order (the totals they carry change with the records). */
export async function lockVolunteers(db: Queryable, ids: string[]) {
  const { rows } = await db.query<{
    id: string;
    area_code: string;
    confirmed_minutes: number;
    star_level: number;
    five_star_decided_at: Date | null;
  }>(
    `SELECT id, area_code, confirmed_minutes, star_level, five_star_decided_at FROM volunteers
      WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return rows;
}

type RecordFilter = {
  orgId?: string;
  projectId?: string;
  volunteerId?: string;
  status?: string;
  endedBefore?: Date;
  within?: { lo: string; hi: string };
  after?: { startedAt: Date; id: string };
  limit: number;
};

function recordFilters(f: RecordFilter, params: unknown[], where: string[]) {
  for (const [value, column] of [
    [f.orgId, 'r.org_id'],
    [f.projectId, 'r.project_id'],
    [f.volunteerId, 'r.volunteer_id'],
    [f.status, 'r.status'],
  ] as const) {
    if (value) {
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
  }
  if (f.endedBefore) {
    params.push(f.endedBefore);
    where.push(`r.status = 'pending' AND r.ended_at < $${params.length}`);
  }
  if (f.within) {
    params.push(f.within.lo, f.within.hi);
    where.push(`r.area_code BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  if (f.after) {
    params.push(f.after.startedAt, f.after.id);
    where.push(`(r.started_at, r.id) < ($${params.length - 1}, $${params.length})`);
  }
}

/** Records in the jurisdiction (by where they happened) or of the actor's organizations, newest first. */
export async function listRecords(db: Queryable, f: RecordFilter & { access: VolunteerAccess }) {
  const params: unknown[] = [];
  const where = [accessSql(f.access, 'r.area_code', 'r.org_id = ANY($ORGS)', params)];
  recordFilters(f, params, where);
  params.push(f.limit);
  const { rows } = await db.query<RecordRow>(
    `${RECORD_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.started_at DESC, r.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export async function listRecordsOfVolunteer(db: Queryable, volunteerId: string): Promise<RecordRow[]> {
  const { rows } = await db.query<RecordRow>(
    `${RECORD_SELECT} WHERE r.volunteer_id = $1 ORDER BY r.started_at DESC, r.id DESC LIMIT 2000`,
    [volunteerId],
  );
  return rows;
}

/** A volunteer's confirmed records in [from, to), per recording organization: what a certificate states. */
export async function listConfirmedRecords(
  db: Queryable,
  volunteerId: string,
  from: Date | null,
  to: Date | null,
  orgId: string | null,
): Promise<RecordRow[]> {
  const { rows } = await db.query<RecordRow>(
    `${RECORD_SELECT} WHERE r.volunteer_id = $1 AND r.status = 'confirmed'
        AND ($2::timestamptz IS NULL OR r.started_at >= $2) AND ($3::timestamptz IS NULL OR r.started_at < $3)
        AND ($4::uuid IS NULL OR r.org_id = $4)
      ORDER BY r.org_id, r.started_at, r.id`,
    [volunteerId, from, to, orgId],
  );
  return rows;
}

export async function insertCorrection(
  db: Queryable,
  c: {
    recordId: string;
    kind: 'organizer' | 'request';
    status: 'applied' | 'pending';
    reason: string;
    before: unknown;
    proposed: unknown;
    requestedBy: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO service_record_corrections (record_id, kind, status, reason, before, proposed, requested_by,
       decided_by, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $2 = 'organizer' THEN $7::uuid END,
       CASE WHEN $2 = 'organizer' THEN now() END) RETURNING id`,
    [c.recordId, c.kind, c.status, c.reason, JSON.stringify(c.before), JSON.stringify(c.proposed), c.requestedBy],
  );
  return rows[0]!.id;
}

export async function findCorrections(db: Queryable, recordId: string): Promise<CorrectionRow[]> {
  const { rows } = await db.query<CorrectionRow>(
    `SELECT id, record_id, kind, status, reason, before, proposed, requested_by, requested_at, decided_at, decision_comment
       FROM service_record_corrections WHERE record_id = $1 ORDER BY requested_at, id`,
    [recordId],
  );
  return rows;
}

export async function lockCorrection(db: Queryable, id: string): Promise<CorrectionRow | null> {
  const { rows } = await db.query<CorrectionRow>(
    `SELECT id, record_id, kind, status, reason, before, proposed, requested_by, requested_at, decided_at, decision_comment
       FROM service_record_corrections WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

export async function decideCorrection(
  db: Queryable,
  id: string,
  d: { status: 'accepted' | 'rejected'; by: string; comment: string | null },
) {
  await db.query(
    `UPDATE service_record_corrections SET status = $2, decided_by = $3, decided_at = now(), decision_comment = $4
      WHERE id = $1`,
    [id, d.status, d.by, d.comment],
  );
}

/** Open correction requests on records of these organizations (or in the scope). */
export async function listOpenRequests(db: Queryable, access: VolunteerAccess) {
  const params: unknown[] = [];
  const { rows } = await db.query<CorrectionRow & { volunteer_name: string; org_id: string }>(
    `SELECT c.id, c.record_id, c.kind, c.status, c.reason, c.before, c.proposed, c.requested_by, c.requested_at,
            c.decided_at, c.decision_comment, v.name AS volunteer_name, r.org_id
       FROM service_record_corrections c JOIN service_records r ON r.id = c.record_id
       JOIN volunteers v ON v.id = r.volunteer_id
      WHERE c.status = 'pending' AND ${accessSql(access, 'r.area_code', 'r.org_id = ANY($ORGS)', params)}
      ORDER BY c.requested_at LIMIT 500`,
    params,
  );
  return rows;
}

// ─── for certificates and the back-fill import (other modules, through index.ts) ────────

/** Whether the volunteer has any record of the organization (an organization certifies only its own records). */
export async function hasRecordWithOrg(db: Queryable, volunteerId: string, orgId: string): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM service_records WHERE volunteer_id = $1 AND org_id = $2) AS found',
    [volunteerId, orgId],
  );
  return rows[0]!.found;
}

/** Volunteers registered with this mobile number (not unique: a family may share one). */
export async function findVolunteerIdsByMobileHash(db: Queryable, hash: Buffer): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM volunteers WHERE mobile_hash = $1 ORDER BY id', [
    hash,
  ]);
  return rows.map((r) => r.id);
}

/** Whether a record with exactly these facts exists (a second upload of one spreadsheet skips it). */
export async function hasSameRecord(
  db: Queryable,
  r: { volunteerId: string; orgId: string; startedAt: Date; endedAt: Date },
): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM service_records
        WHERE volunteer_id = $1 AND org_id = $2 AND started_at = $3 AND ended_at = $4) AS found`,
    [r.volunteerId, r.orgId, r.startedAt, r.endedAt],
  );
  return rows[0]!.found;
}

// ─── reflections and the showcase ────────────────────────────────────────────

/** Whether the volunteer finished a record of the project (checked out, pending or confirmed). */
export async function hasServedIn(db: Queryable, volunteerId: string, projectId: string): Promise<boolean> {
  const { rows } = await db.query<{ served: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM service_records WHERE volunteer_id = $1 AND project_id = $2
       AND status IN ('pending', 'confirmed')) AS served`,
    [volunteerId, projectId],
  );
  return rows[0]!.served;
}

export async function insertReflection(
  db: Queryable,
  r: {
    volunteerId: string;
    projectId: string;
    orgId: string;
    areaCode: string;
    title: string;
    body: string;
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO volunteer_reflections (volunteer_id, project_id, org_id, area_code, title, body, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [r.volunteerId, r.projectId, r.orgId, r.areaCode, r.title, r.body, r.createdBy],
  );
  return rows[0]!.id;
}

const REFLECTION_SELECT = `SELECT x.id, x.volunteer_id, v.name AS volunteer_name, v.user_id AS volunteer_user_id,
       x.project_id, p.title AS project_title, x.org_id, o.name AS org_name, o.area_code AS org_area_code,
       x.area_code, x.title, x.body, x.status, x.review_reason, x.reviewed_at, x.published_at, x.created_at
  FROM volunteer_reflections x JOIN volunteers v ON v.id = x.volunteer_id
  JOIN volunteer_projects p ON p.id = x.project_id JOIN organizations o ON o.id = x.org_id`;

export async function findReflection(db: Queryable, id: string, forUpdate = false): Promise<ReflectionRow | null> {
  const { rows } = await db.query<ReflectionRow>(
    `${REFLECTION_SELECT} WHERE x.id = $1${forUpdate ? ' FOR UPDATE OF x' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listReflectionsOfVolunteer(db: Queryable, volunteerId: string): Promise<ReflectionRow[]> {
  const { rows } = await db.query<ReflectionRow>(
    `${REFLECTION_SELECT} WHERE x.volunteer_id = $1 ORDER BY x.created_at DESC, x.id DESC LIMIT 500`,
    [volunteerId],
  );
  return rows;
}

/** Reflections to review or read: officers by the project's area, administrators their organizations'. */
export async function listReflections(
  db: Queryable,
  f: {
    access: VolunteerAccess;
    orgId?: string;
    projectId?: string;
    status?: string;
    after?: { createdAt: Date; id: string };
    limit: number;
  },
): Promise<ReflectionRow[]> {
  const params: unknown[] = [];
  const where = [accessSql(f.access, 'x.area_code', 'x.org_id = ANY($ORGS)', params)];
  for (const [column, value] of [
    ['x.org_id', f.orgId],
    ['x.project_id', f.projectId],
    ['x.status', f.status],
  ] as const) {
    if (value) {
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
  }
  if (f.after) {
    params.push(f.after.createdAt, f.after.id);
    where.push(`(x.created_at, x.id) < ($${params.length - 1}, $${params.length})`);
  }
  params.push(f.limit);
  const { rows } = await db.query<ReflectionRow>(
    `${REFLECTION_SELECT} WHERE ${where.join(' AND ')} ORDER BY x.created_at DESC, x.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export async function setReflectionReview(
  db: Queryable,
  id: string,
  r: { status: 'published' | 'rejected'; reason: string | null; by: string },
) {
  await db.query(
    `UPDATE volunteer_reflections SET status = $2, review_reason = $3, reviewed_by = $4, reviewed_at = now(),
       published_at = CASE WHEN $2 = 'published' THEN now() END, updated_at = now()
     WHERE id = $1`,
    [id, r.status, r.reason, r.by],
  );
}

export async function insertReflectionPhoto(
  db: Queryable,
  p: {
    reflectionId: string;
    display: Buffer;
    thumb: Buffer;
    width: number;
    height: number;
    sha256: Buffer;
    uploadedBy: string;
  },
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO volunteer_reflection_photos (reflection_id, display, thumb, width, height, sha256, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (reflection_id, sha256) DO NOTHING RETURNING id`,
    [p.reflectionId, p.display, p.thumb, p.width, p.height, p.sha256, p.uploadedBy],
  );
  return rows[0]?.id ?? null;
}

export async function countReflectionPhotos(db: Queryable, reflectionId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM volunteer_reflection_photos WHERE reflection_id = $1',
    [reflectionId],
  );
  return rows[0]!.n;
}

export async function findReflectionPhotos(db: Queryable, reflectionIds: string[]): Promise<ReflectionPhotoRow[]> {
  if (reflectionIds.length === 0) {
    return [];
  }
  const { rows } = await db.query<ReflectionPhotoRow>(
    `SELECT id, reflection_id, width, height FROM volunteer_reflection_photos
     WHERE reflection_id = ANY($1::uuid[]) ORDER BY uploaded_at, id`,
    [reflectionIds],
  );
  return rows;
}

/** A photo's bytes; `publishedOnly`: only of a published reflection (the public showcase). */
export async function readReflectionPhoto(
  db: Queryable,
  reflectionId: string,
  photoId: string,
  size: 'display' | 'thumb',
  publishedOnly: boolean,
): Promise<Buffer | null> {
  const column = size === 'thumb' ? 'ph.thumb' : 'ph.display';
  const { rows } = await db.query<{ bytes: Buffer }>(
    `SELECT ${column} AS bytes FROM volunteer_reflection_photos ph
       JOIN volunteer_reflections x ON x.id = ph.reflection_id
     WHERE ph.id = $1 AND ph.reflection_id = $2 AND ($3::boolean = false OR x.status = 'published')`,
    [photoId, reflectionId, publishedOnly],
  );
  return rows[0]?.bytes ?? null;
}

/**
 * The showcase: projects of an area's subtree, published or closed (never drafts), that have at
 * least one published reflection; by id (the cursor).
 */
export async function listShowcaseProjects(
  db: Queryable,
  f: { within: { lo: string; hi: string }; field?: string; after?: string; limit: number },
): Promise<ProjectRow[]> {
  const params: unknown[] = [f.within.lo, f.within.hi];
  const where = [
    'p.area_code BETWEEN $1 AND $2',
    `p.status IN ('published', 'closed')`,
    `EXISTS (SELECT 1 FROM volunteer_reflections x WHERE x.project_id = p.id AND x.status = 'published')`,
  ];
  if (f.field) {
    params.push(f.field);
    where.push(`p.field = $${params.length}`);
  }
  if (f.after) {
    params.push(f.after);
    where.push(`p.id > $${params.length}`);
  }
  params.push(f.limit);
  const { rows } = await db.query<ProjectRow>(
    `${PROJECT_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.id LIMIT $${params.length}`,
    params,
  );
  return rows;
}

/** The newest `perProject` published reflections of each project, with each project's count. */
export async function listPublishedReflections(
  db: Queryable,
  projectIds: string[],
  perProject: number,
): Promise<(ReflectionRow & { project_count: number })[]> {
  if (projectIds.length === 0) {
    return [];
  }
  const { rows } = await db.query<ReflectionRow & { project_count: number }>(
    `SELECT * FROM (
       SELECT r.*, row_number() OVER (PARTITION BY r.project_id ORDER BY r.published_at DESC, r.id DESC) AS n,
              count(*) OVER (PARTITION BY r.project_id)::int AS project_count
         FROM (${REFLECTION_SELECT} WHERE x.project_id = ANY($1::uuid[]) AND x.status = 'published') r
     ) ranked WHERE n <= $2 ORDER BY project_id, published_at DESC, id DESC`,
    [projectIds, perProject],
  );
  return rows;
}
