import { type Scope, scopeSql } from '../../platform/access';
import type { Queryable } from '../../platform/db';
import type { AuditRow } from './tables';

/**
 * Audit rows in scope, newest first, keyset on seq. Rows without an area (a failed sign-in
 * for an unknown number) belong to the national level: only a country-wide scope sees them.
 */
export async function listAuditInScope(
  db: Queryable,
  input: {
    scope: Scope;
    national: boolean;
    action?: string;
    entity?: string;
    entityId?: string;
    before?: number;
    limit: number;
  },
): Promise<AuditRow[]> {
  const params: unknown[] = [];
  const where = [
    input.national
      ? `(l.area_code IS NULL OR ${scopeSql('l.area_code', input.scope, params)})`
      : scopeSql('l.area_code', input.scope, params),
  ];
  for (const [column, value] of [
    ['l.action', input.action],
    ['l.entity', input.entity],
    ['l.entity_id', input.entityId],
  ] as const) {
    if (value) {
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
  }
  if (input.before) {
    params.push(input.before);
    where.push(`l.seq < $${params.length}`);
  }
  params.push(input.limit);
  const { rows } = await db.query<AuditRow>(
    `SELECT l.seq, l.at, l.actor_id, u.name AS actor_name, l.actor_role, l.action, l.entity, l.entity_id, l.area_code,
            (SELECT a.full_name FROM areas a WHERE a.code = l.area_code ORDER BY a.level LIMIT 1) AS area_full_name,
            l.source_ip, l.before, l.after
       FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
      WHERE ${where.join(' AND ')}
      ORDER BY l.seq DESC
      LIMIT $${params.length}`,
    params,
  );
  return rows;
}
