import type { Queryable } from '../../platform/db';

/**
 * Reads of the rollups (migration 0016). The dashboard path never reads a base table: an area at
 * country, province or city level sums county rows (≤ ~3,000), a county, township or community
 * sums its leaf rows (one per home area) by code prefix. `range` is the area's own subtree, which
 * the service has checked lies inside the caller's jurisdiction.
 */

export const ROLLUP_COLUMNS = {
  orgs: [
    'status_pending',
    'status_not_established',
    'status_active',
    'status_suspended',
    'status_abnormal',
    'status_dissolved',
    'established',
    'tier_registered',
    'tier_filed',
    'tier_guided',
    'category_charity',
    'category_living_services',
    'category_community_affairs',
    'category_culture_sports',
    'hub_hub',
    'hub_federation',
    'party_standalone',
    'party_joint',
    'party_instructor',
    'charter_party_clause',
    'in_urban_community',
    'in_rural_community',
    'brand_org',
    'model_org',
    'demonstration_site',
  ],
  activities: [
    'status_draft',
    'status_awaiting_approval',
    'status_awaiting_acknowledgement',
    'status_rejected',
    'status_ready',
    'status_published',
    'status_completed',
    'status_cancelled',
    'held',
    'field_theory',
    'field_customs',
    'field_culture_sports',
    'field_services',
    'field_mediation',
    'participants',
  ],
  volunteers: ['volunteers', 'star_1', 'star_2', 'star_3', 'star_4', 'star_5'],
  service: ['confirmed_records', 'confirmed_minutes'],
} as const;
export type RollupSource = keyof typeof ROLLUP_COLUMNS;
export type Sums = Record<string, number>;
/** Per child-code prefix; the row with `child` null is the whole area. */
export type ChildRow<T> = { child: string | null } & T;

/** Leaf rows (12-digit home areas) or county rows (6 digits). */
export type Grain = 'leaf' | 'county';
export type CodeRange = { lo: string; hi: string };

function rangeFor(grain: Grain, range: CodeRange): [string, string] {
  return grain === 'leaf' ? [range.lo, range.hi] : [range.lo.slice(0, 6), range.hi.slice(0, 6)];
}

/** Sums of one rollup over the area, by child prefix (length `childLength`) and in total. */
export async function sumRollup(
  db: Queryable,
  source: RollupSource,
  grain: Grain,
  range: CodeRange,
  childLength: number,
): Promise<ChildRow<Sums>[]> {
  const extra = source === 'orgs' && grain === 'county' ? ['townships_with_hub'] : [];
  const columns = [...ROLLUP_COLUMNS[source], ...extra].map((c) => `sum(${c})::float8 AS ${c}`).join(', ');
  const table = grain === 'leaf' ? `stat_${source}` : `stat_${source}_county`;
  const code = grain === 'leaf' ? 'area_code' : 'county_code';
  const { rows } = await db.query<ChildRow<Sums>>({
    name: `stat_sum_${source}_${grain}`,
    text: `SELECT left(${code}, $3) AS child, ${columns} FROM ${table}
            WHERE ${code} BETWEEN $1 AND $2 GROUP BY ROLLUP (left(${code}, $3))`,
    values: [...rangeFor(grain, range), childLength],
  });
  return rows;
}

/** Counts keyed by a value (founding year, campaign), by child prefix and in total. */
export async function sumKeyed(
  db: Queryable,
  source: 'orgYears' | 'campaigns',
  grain: Grain,
  range: CodeRange,
  childLength: number,
  since?: number,
): Promise<ChildRow<{ key: string; n: number }>[]> {
  const base = source === 'orgYears' ? 'stat_org_years' : 'stat_activity_campaigns';
  const key = source === 'orgYears' ? 'year' : 'campaign';
  const table = grain === 'leaf' ? base : `${base}_county`;
  const code = grain === 'leaf' ? 'area_code' : 'county_code';
  const { rows } = await db.query<ChildRow<{ key: string; n: number }>>({
    name: `stat_keyed_${source}_${grain}`,
    text: `SELECT left(${code}, $3) AS child, ${key}::text AS key, sum(n)::float8 AS n FROM ${table}
            WHERE ${code} BETWEEN $1 AND $2${source === 'orgYears' ? ' AND year >= $4' : ''}
            GROUP BY GROUPING SETS ((left(${code}, $3), ${key}), (${key}))`,
    values: [...rangeFor(grain, range), childLength, ...(source === 'orgYears' ? [since ?? 1949] : [])],
  });
  return rows;
}

export type UnitSums = { townships: number; urban_communities: number; rural_communities: number };

/** Townships and urban / rural communities: per-county counts above county level, the tree below. */
export async function sumUnits(
  db: Queryable,
  grain: Grain,
  range: CodeRange,
  childLength: number,
): Promise<ChildRow<UnitSums>[]> {
  if (grain === 'county') {
    const { rows } = await db.query<ChildRow<UnitSums>>({
      name: 'stat_units_county',
      text: `SELECT left(county_code, $3) AS child, sum(townships)::float8 AS townships,
                    sum(urban_communities)::float8 AS urban_communities, sum(rural_communities)::float8 AS rural_communities
               FROM stat_area_units WHERE county_code BETWEEN $1 AND $2 GROUP BY ROLLUP (left(county_code, $3))`,
      values: [...rangeFor(grain, range), childLength],
    });
    return rows;
  }
  // a county holds a few hundred townships and communities: read them from the tree (primary key range)
  const { rows } = await db.query<ChildRow<UnitSums>>({
    name: 'stat_units_leaf',
    text: `SELECT left(code, $3) AS child, count(*) FILTER (WHERE level = 4)::float8 AS townships,
                  count(*) FILTER (WHERE level = 5 AND kind = 'urban')::float8 AS urban_communities,
                  count(*) FILTER (WHERE level = 5 AND kind = 'rural')::float8 AS rural_communities
             FROM areas WHERE code BETWEEN $1 AND $2 AND level >= 4 GROUP BY ROLLUP (left(code, $3))`,
    values: [range.lo, range.hi, childLength],
  });
  return rows;
}

/** Below county level: the townships (9-digit prefixes) of the area holding at least one hub. */
export async function findTownshipsWithHub(db: Queryable, range: CodeRange): Promise<string[]> {
  const { rows } = await db.query<{ township: string }>({
    name: 'stat_townships_with_hub',
    text: `SELECT DISTINCT left(area_code, 9) AS township FROM stat_orgs
            WHERE area_code BETWEEN $1 AND $2 AND hub_hub + hub_federation > 0`,
    values: [range.lo, range.hi],
  });
  return rows.map((r) => r.township);
}

export type AreaRow = { code: string; level: number; name: string; full_name: string };

/** One node of the tree; without a level, the shallowest node of that code. */
export async function findArea(db: Queryable, code: string, level: number | null): Promise<AreaRow | null> {
  const { rows } = await db.query<AreaRow>({
    name: 'stat_find_area',
    text: `SELECT code, level, name, full_name FROM areas
            WHERE code = $1 AND ($2::smallint IS NULL OR level = $2) ORDER BY level LIMIT 1`,
    values: [code, level],
  });
  return rows[0] ?? null;
}

export async function findChildAreas(db: Queryable, code: string, level: number): Promise<AreaRow[]> {
  const { rows } = await db.query<AreaRow>({
    name: 'stat_child_areas',
    text: `SELECT code, level, name, full_name FROM areas WHERE parent_code = $1 AND parent_level = $2 ORDER BY code`,
    values: [code, level],
  });
  return rows;
}

export async function findAreaNames(db: Queryable, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) {
    return new Map();
  }
  const { rows } = await db.query<{ code: string; name: string }>(
    'SELECT DISTINCT ON (code) code, full_name AS name FROM areas WHERE code = ANY($1::text[]) ORDER BY code, level',
    [codes],
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function findCampaignNames(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ key: string; name: string }>({
    name: 'stat_campaign_names',
    text: 'SELECT key, name FROM activity_campaigns',
  });
  return new Map(rows.map((r) => [r.key, r.name]));
}

// ─── rebuild and verify ─────────────────────────────────────────────────────

export async function rebuildRollups(db: Queryable): Promise<void> {
  await db.query('SELECT statistics_rebuild()');
}

export type RollupDifference = { rollup: string; key: string; kept: unknown; recomputed: unknown };

export async function verifyRollups(db: Queryable): Promise<RollupDifference[]> {
  const { rows } = await db.query<RollupDifference>(
    'SELECT rollup, key, kept, recomputed FROM statistics_verify() LIMIT 1000',
  );
  return rows;
}

// ─── recognitions ───────────────────────────────────────────────────────────

export type OrgFactsRow = { id: string; area_code: string; status: string; name: string };

/** The organization's area and status (the statistics module reads organizations rows, never writes them). */
export async function findOrgFacts(db: Queryable, orgId: string): Promise<OrgFactsRow | null> {
  const { rows } = await db.query<OrgFactsRow>('SELECT id, area_code, status, name FROM organizations WHERE id = $1', [
    orgId,
  ]);
  return rows[0] ?? null;
}

export type RecognitionRow = {
  id: string;
  org_id: string;
  kind: string;
  year: number;
  reason: string;
  granted_by_name: string;
  granted_area_name: string;
  granted_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
};

const RECOGNITION_SELECT = `SELECT r.id, r.org_id, r.kind, r.year, r.reason, u.name AS granted_by_name,
    coalesce((SELECT a.full_name FROM areas a WHERE a.code = r.granted_area_code ORDER BY a.level LIMIT 1), r.granted_area_code)
      AS granted_area_name, r.granted_at, r.revoked_at, r.revoke_reason
  FROM org_recognitions r JOIN users u ON u.id = r.granted_by`;

export async function findRecognitions(db: Queryable, orgId: string): Promise<RecognitionRow[]> {
  const { rows } = await db.query<RecognitionRow>(
    `${RECOGNITION_SELECT} WHERE r.org_id = $1 ORDER BY r.revoked_at IS NOT NULL, r.year DESC, r.granted_at DESC`,
    [orgId],
  );
  return rows;
}

export async function findRecognitionForUpdate(db: Queryable, orgId: string, id: string) {
  const { rows } = await db.query<{ id: string; kind: string; year: number; revoked_at: Date | null }>(
    'SELECT id, kind, year, revoked_at FROM org_recognitions WHERE id = $1 AND org_id = $2 FOR UPDATE',
    [id, orgId],
  );
  return rows[0] ?? null;
}

/** Inserts a live recognition; null when the organization already holds it for that year. */
export async function insertRecognition(
  db: Queryable,
  r: { orgId: string; kind: string; year: number; reason: string; grantedBy: string; grantedAreaCode: string },
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO org_recognitions (org_id, kind, year, reason, granted_by, granted_area_code)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (org_id, kind, year) WHERE revoked_at IS NULL DO NOTHING RETURNING id`,
    [r.orgId, r.kind, r.year, r.reason, r.grantedBy, r.grantedAreaCode],
  );
  return rows[0]?.id ?? null;
}

export async function revokeRecognition(db: Queryable, id: string, by: string, reason: string): Promise<void> {
  await db.query('UPDATE org_recognitions SET revoked_at = now(), revoked_by = $2, revoke_reason = $3 WHERE id = $1', [
    id,
    by,
    reason,
  ]);
}

// ─── plans and targets ──────────────────────────────────────────────────────

export type PlanRow = {
  id: string;
  title: string;
  area_code: string;
  area_level: number;
  starts_on: string;
  ends_on: string;
  preset: string | null;
};
export type TargetRow = {
  id: string;
  plan_id: string;
  metric: string;
  area_code: string;
  area_level: number;
  each_child: boolean;
  comparator: 'atLeast' | 'atMost';
  value: number | null;
  deadline: string;
  note: string;
  position: number;
};

const PLAN_SELECT = `SELECT id, title, area_code, area_level, to_char(starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(ends_on, 'YYYY-MM-DD') AS ends_on, preset FROM plans`;

/** Plans issued for areas in `range` (the jurisdiction filter), newest first. */
export async function findPlansWithin(db: Queryable, range: CodeRange): Promise<PlanRow[]> {
  const { rows } = await db.query<PlanRow>(
    `${PLAN_SELECT} WHERE area_code BETWEEN $1 AND $2 ORDER BY starts_on DESC, title LIMIT 200`,
    [range.lo, range.hi],
  );
  return rows;
}

export async function findPlan(db: Queryable, id: string, forUpdate = false): Promise<PlanRow | null> {
  const { rows } = await db.query<PlanRow>(`${PLAN_SELECT} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function findTargets(db: Queryable, planIds: string[]): Promise<TargetRow[]> {
  const { rows } = await db.query<TargetRow>(
    `SELECT id, plan_id, metric, area_code, area_level, each_child, comparator, value::float8 AS value,
            to_char(deadline, 'YYYY-MM-DD') AS deadline, note, position
       FROM plan_targets WHERE plan_id = ANY($1::uuid[]) ORDER BY plan_id, position, id`,
    [planIds],
  );
  return rows;
}

export type PlanWrite = { title: string; areaCode: string; areaLevel: number; startsOn: string; endsOn: string };
export type TargetWrite = {
  metric: string;
  areaCode: string;
  areaLevel: number;
  eachChild: boolean;
  comparator: string;
  value: number | null;
  deadline: string;
  note: string;
};

export async function insertPlan(db: Queryable, p: PlanWrite, createdBy: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO plans (title, area_code, area_level, starts_on, ends_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [p.title, p.areaCode, p.areaLevel, p.startsOn, p.endsOn, createdBy],
  );
  return rows[0]!.id;
}

export async function updatePlan(db: Queryable, id: string, p: PlanWrite): Promise<void> {
  await db.query(
    `UPDATE plans SET title = $2, area_code = $3, area_level = $4, starts_on = $5, ends_on = $6, updated_at = now() WHERE id = $1`,
    [id, p.title, p.areaCode, p.areaLevel, p.startsOn, p.endsOn],
  );
}

export async function replaceTargets(db: Queryable, planId: string, targets: TargetWrite[]): Promise<void> {
  await db.query('DELETE FROM plan_targets WHERE plan_id = $1', [planId]);
  if (targets.length === 0) {
    return;
  }
  await db.query(
    `INSERT INTO plan_targets (plan_id, metric, area_code, area_level, each_child, comparator, value, deadline, note, position)
     SELECT $1, t.metric, t.area_code, t.area_level, t.each_child, t.comparator, t.value, t.deadline, t.note, t.position
       FROM jsonb_to_recordset($2::jsonb) AS t(metric text, area_code char(12), area_level smallint, each_child boolean,
            comparator text, value numeric, deadline date, note text, position smallint)`,
    [
      planId,
      JSON.stringify(
        targets.map((t, i) => ({
          metric: t.metric,
          area_code: t.areaCode,
          area_level: t.areaLevel,
          each_child: t.eachChild,
          comparator: t.comparator,
          value: t.value,
          deadline: t.deadline,
          note: t.note,
          position: i + 1,
        })),
      ),
    ],
  );
}

export async function deletePlan(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM plans WHERE id = $1', [id]);
}
