import { type CodeRange, type Scope, scopeSql } from '../../platform/access';
import type { Queryable } from '../../platform/db';
import type { NeedAccess, NeedRow, NeedStatsDbRow, NeedStepRow } from './tables';

const AREA_NAME = (column: string) =>
  `(SELECT ar.full_name FROM areas ar WHERE ar.code = ${column} ORDER BY ar.level DESC LIMIT 1)`;

const NEED_SELECT = `SELECT n.id, n.area_code, ${AREA_NAME('n.area_code')} AS area_full_name, n.title, n.description,
       n.field, n.service_target, n.address, n.for_whom, to_char(n.deadline, 'YYYY-MM-DD') AS deadline,
       n.contact_name_enc, n.contact_mobile_enc, n.status, n.dispatch_level, n.org_id, o.name AS org_name,
       n.fulfilment_kind, n.activity_id, n.fulfilment_note, n.done_note, n.status_reason, n.posted_by, n.posted_at,
       n.dispatched_at, n.accepted_at, n.done_at, r.stars, r.comment AS rating_comment, r.rated_at
  FROM needs n LEFT JOIN organizations o ON o.id = n.org_id LEFT JOIN need_ratings r ON r.need_id = n.id`;

// ─── organizations (read-only: the facts a dispatch needs about its organization) ──────────

export type OrgFacts = { id: string; name: string; area_code: string; status: string };

export async function findOrgFacts(db: Queryable, id: string): Promise<OrgFacts | null> {
  const { rows } = await db.query<OrgFacts>('SELECT id, name, area_code, status FROM organizations WHERE id = $1', [
    id,
  ]);
  return rows[0] ?? null;
}

// ─── writes ──────────────────────────────────────────────────────────────────

export async function insertNeed(
  db: Queryable,
  n: {
    areaCode: string;
    title: string;
    description: string;
    field: string;
    serviceTarget: string | null;
    address: string;
    forWhom: string;
    deadline: string;
    contactNameEnc: Buffer;
    contactMobileEnc: Buffer;
    postedBy: string;
    postedAt: Date;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO needs (area_code, title, description, field, service_target, address, for_whom, deadline,
       contact_name_enc, contact_mobile_enc, posted_by, posted_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
    [
      n.areaCode,
      n.title,
      n.description,
      n.field,
      n.serviceTarget,
      n.address,
      n.forWhom,
      n.deadline,
      n.contactNameEnc,
      n.contactMobileEnc,
      n.postedBy,
      n.postedAt,
    ],
  );
  return rows[0]!.id;
}

/** One step of the machine on the row: its status and level, and what the step sets. */
export async function moveNeed(
  db: Queryable,
  id: string,
  m: {
    status: string;
    level: string;
    orgId: string | null;
    reason?: string | null;
    at: Date;
    stamp?: 'dispatched_at' | 'accepted_at' | 'done_at';
    fulfilment?: { kind: string; activityId: string | null; note: string | null };
    doneNote?: string;
  },
): Promise<void> {
  const params: unknown[] = [id, m.status, m.level, m.orgId, m.at];
  const sets = ['status = $2', 'dispatch_level = $3', 'org_id = $4', 'updated_at = $5'];
  if (m.reason !== undefined) {
    params.push(m.reason);
    sets.push(`status_reason = $${params.length}`);
  }
  if (m.stamp) {
    sets.push(`${m.stamp} = $5`);
  }
  if (m.fulfilment) {
    params.push(m.fulfilment.kind, m.fulfilment.activityId, m.fulfilment.note);
    sets.push(
      `fulfilment_kind = $${params.length - 2}`,
      `activity_id = $${params.length - 1}`,
      `fulfilment_note = $${params.length}`,
    );
  }
  if (m.doneNote !== undefined) {
    params.push(m.doneNote);
    sets.push(`done_note = $${params.length}`);
  }
  await db.query(`UPDATE needs SET ${sets.join(', ')} WHERE id = $1`, params);
}

export async function insertStep(
  db: Queryable,
  s: {
    needId: string;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    level: string;
    orgId: string | null;
    comment: string | null;
    actorId: string;
    actorRole: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO need_steps (need_id, action, from_status, to_status, level, org_id, comment, actor_id, actor_role, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [s.needId, s.action, s.fromStatus, s.toStatus, s.level, s.orgId, s.comment, s.actorId, s.actorRole, s.at],
  );
}

export async function insertRating(
  db: Queryable,
  r: { needId: string; orgId: string; stars: number; comment: string; field: string; ratedBy: string; at: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO need_ratings (need_id, org_id, stars, comment, field, rated_by, rated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (need_id) DO NOTHING`,
    [r.needId, r.orgId, r.stars, r.comment, r.field, r.ratedBy, r.at],
  );
  return (rowCount ?? 0) > 0;
}

// ─── reads ───────────────────────────────────────────────────────────────────

export async function findNeedById(db: Queryable, id: string, forUpdate = false): Promise<NeedRow | null> {
  const { rows } = await db.query<NeedRow>(`${NEED_SELECT} WHERE n.id = $1${forUpdate ? ' FOR UPDATE OF n' : ''}`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function findSteps(db: Queryable, needId: string): Promise<NeedStepRow[]> {
  const { rows } = await db.query<NeedStepRow>(
    `SELECT s.need_id, s.action, s.from_status, s.to_status, s.level, s.org_id, o.name AS org_name, s.comment,
            s.actor_id, u.name AS actor_name, s.actor_role, s.at
       FROM need_steps s LEFT JOIN users u ON u.id = s.actor_id LEFT JOIN organizations o ON o.id = s.org_id
      WHERE s.need_id = $1 ORDER BY s.id`,
    [needId],
  );
  return rows;
}

/** The access filter: the officer's area ranges, the organizations the actor serves, the poster's own. */
function accessSql(access: NeedAccess, params: unknown[]): string {
  const parts: string[] = [];
  if (access.scope.ranges.length > 0) {
    parts.push(scopeSql('n.area_code', access.scope, params));
  }
  if (access.orgIds.length > 0) {
    params.push(access.orgIds);
    parts.push(`n.org_id = ANY($${params.length}::uuid[])`);
  }
  if (access.posterId) {
    params.push(access.posterId);
    parts.push(`n.posted_by = $${params.length}`);
  }
  return parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
}

export type NeedFilter = {
  access: NeedAccess;
  within?: CodeRange;
  statuses?: readonly string[];
  /** open needs whose deadline is before this day */
  overdueBefore?: string;
  field?: string;
  serviceTarget?: string;
  dispatchLevel?: string;
  orgId?: string;
  from?: Date;
  to?: Date;
};

function filterSql(f: NeedFilter, params: unknown[]): string[] {
  const where = [accessSql(f.access, params)];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.within) {
    params.push(f.within.lo, f.within.hi);
    where.push(`n.area_code BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  if (f.statuses) {
    add((p) => `n.status = ANY(${p}::text[])`, f.statuses);
  }
  if (f.overdueBefore) {
    add((p) => `n.deadline < ${p}::date`, f.overdueBefore);
    where.push(`n.status IN ('posted', 'redispatched', 'refused', 'dispatched', 'accepted')`);
  }
  if (f.field) {
    add((p) => `n.field = ${p}`, f.field);
  }
  if (f.serviceTarget) {
    add((p) => `n.service_target = ${p}`, f.serviceTarget);
  }
  if (f.dispatchLevel) {
    add((p) => `n.dispatch_level = ${p}`, f.dispatchLevel);
  }
  if (f.orgId) {
    add((p) => `n.org_id = ${p}`, f.orgId);
  }
  if (f.from) {
    add((p) => `n.posted_at >= ${p}`, f.from);
  }
  if (f.to) {
    add((p) => `n.posted_at < ${p}`, f.to);
  }
  return where;
}

/**
 * Needs by age (oldest first), keyset-paginated on (posted_at, id); `newestFirst` for a
 * poster's own list.
 */
export async function listNeeds(
  db: Queryable,
  f: NeedFilter & { after?: { postedAt: Date; id: string }; limit: number; newestFirst?: boolean },
): Promise<NeedRow[]> {
  const params: unknown[] = [];
  const where = filterSql(f, params);
  const dir = f.newestFirst ? 'DESC' : 'ASC';
  if (f.after) {
    params.push(f.after.postedAt, f.after.id);
    where.push(
      `(n.posted_at, n.id) ${f.newestFirst ? '<' : '>'} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
    );
  }
  params.push(f.limit);
  const { rows } = await db.query<NeedRow>(
    `${NEED_SELECT} WHERE ${where.join(' AND ')} ORDER BY n.posted_at ${dir}, n.id ${dir} LIMIT $${params.length}`,
    params,
  );
  return rows;
}

/** The dispatch queue: waiting needs at each level inside that level's scope, oldest first. */
export async function findQueued(
  db: Queryable,
  parts: { level: string; scope: Scope }[],
  limit: number,
): Promise<NeedRow[]> {
  const params: unknown[] = [];
  const ors = parts
    .filter((p) => p.scope.ranges.length > 0)
    .map((p) => {
      params.push(p.level);
      return `(n.dispatch_level = $${params.length} AND ${scopeSql('n.area_code', p.scope, params)})`;
    });
  if (ors.length === 0) {
    return [];
  }
  params.push(limit);
  const { rows } = await db.query<NeedRow>(
    `${NEED_SELECT} WHERE n.status IN ('posted', 'redispatched', 'refused') AND (${ors.join(' OR ')})
      ORDER BY n.posted_at, n.id LIMIT $${params.length}`,
    params,
  );
  return rows;
}

// ─── statistics ──────────────────────────────────────────────────────────────

const FIGURES = `count(*)::int AS posted,
  count(*) FILTER (WHERE n.status IN ('posted', 'redispatched', 'refused', 'dispatched', 'accepted'))::int AS open,
  count(n.accepted_at)::int AS accepted,
  count(n.done_at)::int AS done,
  count(*) FILTER (WHERE n.status = 'rated')::int AS rated,
  count(*) FILTER (WHERE n.status = 'declined')::int AS declined,
  count(*) FILTER (WHERE n.status = 'cancelled')::int AS cancelled,
  avg(r.stars)::float8 AS average_stars,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM n.accepted_at - n.posted_at)) AS response_median,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM n.accepted_at - n.posted_at)) AS response_p90,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM n.done_at - n.accepted_at)) AS completion_median,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM n.done_at - n.accepted_at)) AS completion_p90`;

/**
 * Counts and duration percentiles (seconds; NULLs are ignored by the ordered-set aggregates) of
 * the needs in the filter, grouped by `by`: nothing (the total), the first `areaPrefix` digits
 * of the area code (child areas), or the organization (needs with one).
 */
export async function needStats(
  db: Queryable,
  f: NeedFilter,
  by: { kind: 'total' } | { kind: 'area'; prefix: number } | { kind: 'organization' },
): Promise<NeedStatsDbRow[]> {
  const params: unknown[] = [];
  const where = filterSql(f, params);
  let key = 'NULL::text';
  if (by.kind === 'area') {
    params.push(by.prefix);
    key = `rpad(substr(n.area_code, 1, $${params.length}::int), 12, '0')`;
  } else if (by.kind === 'organization') {
    key = 'n.org_id::text';
    where.push('n.org_id IS NOT NULL');
  }
  const { rows } = await db.query<NeedStatsDbRow>(
    `SELECT ${key} AS key, ${FIGURES}
       FROM needs n LEFT JOIN need_ratings r ON r.need_id = n.id
      WHERE ${where.join(' AND ')}
      ${by.kind === 'total' ? '' : 'GROUP BY 1 ORDER BY 1'}`,
    params,
  );
  return rows;
}

export async function findAreaNames(db: Queryable, codes: string[], level: number): Promise<Map<string, string>> {
  if (codes.length === 0) {
    return new Map();
  }
  const { rows } = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM areas WHERE code = ANY($1::text[]) AND level = $2',
    [codes, level],
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function findOrgNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ─── ratings on the organization's record ───────────────────────────────────

export type RatingFigures = { org_id: string; count: number; average: number | null; distribution: number[] };

export async function ratingFigures(db: Queryable, orgIds: string[]): Promise<RatingFigures[]> {
  if (orgIds.length === 0) {
    return [];
  }
  const { rows } = await db.query<RatingFigures>(
    `SELECT org_id, count(*)::int AS count, avg(stars)::float8 AS average,
            ARRAY[count(*) FILTER (WHERE stars = 1), count(*) FILTER (WHERE stars = 2), count(*) FILTER (WHERE stars = 3),
                  count(*) FILTER (WHERE stars = 4), count(*) FILTER (WHERE stars = 5)]::int[] AS distribution
       FROM need_ratings WHERE org_id = ANY($1::uuid[]) GROUP BY org_id`,
    [orgIds],
  );
  return rows;
}

export async function recentRatings(db: Queryable, orgId: string, limit: number) {
  const { rows } = await db.query<{ stars: number; comment: string; field: string; rated_at: Date }>(
    `SELECT stars, comment, field, rated_at FROM need_ratings WHERE org_id = $1 ORDER BY rated_at DESC LIMIT $2`,
    [orgId, limit],
  );
  return rows;
}

export async function findOrgStatus(db: Queryable, id: string): Promise<string | null> {
  const { rows } = await db.query<{ status: string }>('SELECT status FROM organizations WHERE id = $1', [id]);
  return rows[0]?.status ?? null;
}
