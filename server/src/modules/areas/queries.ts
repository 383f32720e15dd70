import type { Queryable } from '../../platform/db';
import { AREA_COLUMNS, type AreaRow } from './tables';

/** The node itself; without a level, the shallowest node carrying the code. */
export async function findArea(db: Queryable, code: string, level?: number): Promise<AreaRow | null> {
  const { rows } = await db.query<AreaRow>(
    `SELECT ${AREA_COLUMNS} FROM areas WHERE code = $1 AND ($2::smallint IS NULL OR level = $2) ORDER BY level LIMIT 1`,
    [code, level ?? null],
  );
  return rows[0] ?? null;
}

/** Root first, parent last. */
export async function findAncestors(db: Queryable, code: string, level: number): Promise<AreaRow[]> {
  const { rows } = await db.query<AreaRow>(
    `WITH RECURSIVE up AS (
       SELECT a.* FROM areas a
        JOIN areas self ON self.parent_code = a.code AND self.parent_level = a.level
       WHERE self.code = $1 AND self.level = $2
       UNION ALL
       SELECT a.* FROM areas a JOIN up ON up.parent_code = a.code AND up.parent_level = a.level
     )
     SELECT ${AREA_COLUMNS} FROM up ORDER BY level`,
    [code, level],
  );
  return rows;
}

export async function findChildren(db: Queryable, code: string, level: number): Promise<AreaRow[]> {
  const { rows } = await db.query<AreaRow>(
    `SELECT ${AREA_COLUMNS} FROM areas WHERE parent_code = $1 AND parent_level = $2 ORDER BY code`,
    [code, level],
  );
  return rows;
}

/**
 * Name search inside the code range [lo, hi]. Two or more characters go through the bigram GIN
 * index (every bigram of the query must be among the name's), then the exact substring is checked.
 */
export async function searchAreas(
  db: Queryable,
  input: { q: string; grams: string[]; lo: string; hi: string; level: number | null; limit: number },
): Promise<AreaRow[]> {
  const { rows } = await db.query<AreaRow>(
    `SELECT ${AREA_COLUMNS} FROM areas
      WHERE code BETWEEN $1 AND $2
        AND ($3::text[] IS NULL OR name_grams @> $3::text[])
        AND strpos(name, $4) > 0
        AND ($5::smallint IS NULL OR level = $5)
        AND level > 0
      ORDER BY level, code
      LIMIT $6`,
    [input.lo, input.hi, input.grams.length > 0 ? input.grams : null, input.q, input.level, input.limit],
  );
  return rows;
}

export async function countByLevel(db: Queryable): Promise<Record<number, number>> {
  const { rows } = await db.query<{ level: number; n: number }>(
    'SELECT level, count(*)::int AS n FROM areas GROUP BY level ORDER BY level',
  );
  return Object.fromEntries(rows.map((r) => [r.level, r.n]));
}
