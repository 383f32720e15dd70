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
