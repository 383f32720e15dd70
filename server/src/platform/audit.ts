import { createHmac } from 'node:crypto';
import type { Queryable, Tx } from './db';

/** Who acts, as which role, from where: taken from the request, passed to every command. */
export type AuditContext = { actorId: string | null; actorRole: string | null; sourceIp: string | null };

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | null;
  areaCode?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Any constant: serializes appends so each row's prev_hash is the row before it. */
const AUDIT_CHAIN_LOCK = 7_424_118;

/** Stable JSON (sorted keys), so a row read back from jsonb hashes the same as when written. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value instanceof Date) {
    return JSON.stringify(value.toISOString());
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type ChainRow = {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  area_code: string | null;
  source_ip: string | null;
  before: unknown;
  after: unknown;
  prev_hash: Buffer | null;
  hash: Buffer;
};

function chainHash(key: Buffer, row: Omit<ChainRow, 'hash'>): Buffer {
  const material = canonicalJson([
    row.seq,
    row.prev_hash ? row.prev_hash.toString('hex') : null,
    row.at.toISOString(),
    row.actor_id,
    row.actor_role,
    row.action,
    row.entity,
    row.entity_id,
    row.area_code,
    row.source_ip,
    row.before ?? null,
    row.after ?? null,
  ]);
  return createHmac('sm3', key).update(material, 'utf8').digest();
}

/**
 * Appends one audit row inside the caller's transaction (so it commits or rolls back with the
 * change it records), chained to the previous row by HMAC-SM3.
 */
export async function appendAudit(tx: Tx, key: Buffer, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const last = await tx.query<{ seq: number; hash: Buffer }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  const row: Omit<ChainRow, 'hash'> = {
    seq: (last.rows[0]?.seq ?? 0) + 1,
    at: new Date(),
    actor_id: ctx.actorId,
    actor_role: ctx.actorRole,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    area_code: entry.areaCode ?? null,
    source_ip: ctx.sourceIp,
    before: entry.before ?? null,
    after: entry.after ?? null,
    prev_hash: last.rows[0]?.hash ?? null,
  };
  const hash = chainHash(key, row);
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_id, actor_role, action, entity, entity_id, area_code, source_ip, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      row.seq,
      row.at,
      row.actor_id,
      row.actor_role,
      row.action,
      row.entity,
      row.entity_id,
      row.area_code,
      row.source_ip,
      row.before === null ? null : JSON.stringify(row.before),
      row.after === null ? null : JSON.stringify(row.after),
      row.prev_hash,
      hash,
    ],
  );
}

export type ChainVerification = { rows: number; firstBroken: { seq: number; reason: string } | null };

/** Recomputes the whole chain in seq order; names the first row whose link or hash is wrong. */
export async function verifyAuditChain(
  db: Queryable,
  key: Buffer,
  onProgress?: (done: number, total: number) => void,
): Promise<ChainVerification> {
  const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
  let previous: ChainRow | null = null;
  let rows = 0;
  for (;;) {
    const batch: { rows: ChainRow[] } = await db.query<ChainRow>(
      'SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000',
      [previous?.seq ?? 0],
    );
    for (const row of batch.rows as ChainRow[]) {
      rows++;
      const expectedSeq = (previous?.seq ?? 0) + 1;
      if (row.seq !== expectedSeq) {
        return { rows, firstBroken: { seq: row.seq, reason: `row ${expectedSeq} is missing` } };
      }
      const expectedPrev = previous?.hash ?? null;
      if (!(expectedPrev === null ? row.prev_hash === null : row.prev_hash?.equals(expectedPrev))) {
        return { rows, firstBroken: { seq: row.seq, reason: 'prev_hash does not match the previous row' } };
      }
      if (!chainHash(key, row).equals(row.hash)) {
        return { rows, firstBroken: { seq: row.seq, reason: 'content does not match its hash' } };
      }
      previous = row;
    }
    onProgress?.(rows, total);
    if (batch.rows.length < 5000) {
      return { rows, firstBroken: null };
    }
  }
}
