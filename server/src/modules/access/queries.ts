import type { Queryable } from '../../platform/db';
import type { GrantRow } from './tables';

const GRANT_SELECT = `SELECT g.id, g.user_id, g.role, g.area_code, g.area_level, g.org_id,
       coalesce(a.name, g.area_code) AS area_name, coalesce(a.full_name, g.area_code) AS area_full_name
  FROM role_grants g
  LEFT JOIN areas a ON a.code = g.area_code AND a.level = g.area_level`;

/**
 * A correlated subquery giving the grants of the user in `userIdColumn` as a JSON array of
 * {id, role, area_code, area_level, org_id}: lets the session lookup read its grants in the same
 * round trip (the hot path of every signed-in request).
 */
export function grantsJsonSql(userIdColumn: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('id', g.id, 'role', g.role, 'area_code', g.area_code,
            'area_level', g.area_level, 'org_id', g.org_id) ORDER BY g.area_level, g.role), '[]'::json)
       FROM role_grants g WHERE g.user_id = ${userIdColumn})`;
}

export async function findGrantsOfUsers(db: Queryable, userIds: string[]): Promise<GrantRow[]> {
  if (userIds.length === 0) {
    return [];
  }
  const { rows } = await db.query<GrantRow>(
    `${GRANT_SELECT} WHERE g.user_id = ANY($1::uuid[]) ORDER BY g.area_level, g.role`,
    [userIds],
  );
  return rows;
}

export async function findGrant(db: Queryable, userId: string, grantId: string): Promise<GrantRow | null> {
  const { rows } = await db.query<GrantRow>(`${GRANT_SELECT} WHERE g.user_id = $1 AND g.id = $2`, [userId, grantId]);
  return rows[0] ?? null;
}

export async function insertGrant(
  db: Queryable,
  g: {
    userId: string;
    role: string;
    areaCode: string;
    areaLevel: number;
    orgId: string | null;
    grantedBy: string | null;
  },
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO role_grants (user_id, role, area_code, area_level, org_id, granted_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id, role, area_code, area_level, org_id) DO NOTHING
     RETURNING id`,
    [g.userId, g.role, g.areaCode, g.areaLevel, g.orgId, g.grantedBy],
  );
  return rows[0]?.id ?? null;
}

export async function deleteGrant(db: Queryable, grantId: string): Promise<void> {
  await db.query('DELETE FROM role_grants WHERE id = $1', [grantId]);
}
