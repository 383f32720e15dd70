import { createHmac } from 'node:crypto';
import { type Db, type Queryable, type Tx, withTransaction } from './db';

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
  chain_version: 1 | 2;
  content_mac: Buffer | null;
  chain_pos: number | null;
  prev_hash: Buffer | null;
  hash: Buffer | null;
};

type Content = Pick<
  ChainRow,
  | 'seq'
  | 'at'
  | 'actor_id'
  | 'actor_role'
  | 'action'
  | 'entity'
  | 'entity_id'
  | 'area_code'
  | 'source_ip'
  | 'before'
  | 'after'
>;

const contentFields = (row: Content) => [
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
];

/** Chain version 1 (rows before migration 0014): one HMAC over position, link and content. */
function versionOneHash(key: Buffer, row: ChainRow): Buffer {
  const material = canonicalJson([
    row.seq,
    row.prev_hash ? row.prev_hash.toString('hex') : null,
    ...contentFields(row),
  ]);
  return createHmac('sm3', key).update(material, 'utf8').digest();
}

/** Version 2, at insert: the row's own content with its number, so no field can change unseen. */
function contentMac(key: Buffer, row: Content): Buffer {
  return createHmac('sm3', key)
    .update(canonicalJson(['content', row.seq, ...contentFields(row)]), 'utf8')
    .digest();
}

/** Version 2, at sealing: the link of chain position `pos` to the one before it. */
function linkHash(key: Buffer, pos: number, prevHash: Buffer | null, mac: Buffer): Buffer {
  return createHmac('sm3', key)
    .update(canonicalJson(['link', pos, prevHash ? prevHash.toString('hex') : null, mac.toString('hex')]), 'utf8')
    .digest();
}

/** The columns of an audit row as written at insert, in the order of `auditRowValues`. */
export const AUDIT_INSERT_COLUMNS =
  'seq, at, actor_id, actor_role, action, entity, entity_id, area_code, source_ip, before, after, content_mac';

/**
 * The values of one audit row numbered `seq` (from `nextval('audit_log_seq')`), with the HMAC-SM3
 * over its content, in the order of `AUDIT_INSERT_COLUMNS`: for a command that writes its change and
 * its audit row in one statement (check-in) as well as for `appendAudit`.
 */
export function auditRowValues(key: Buffer, ctx: AuditContext, entry: AuditEntry, seq: number): unknown[] {
  const row: Content = {
    seq,
    at: new Date(),
    actor_id: ctx.actorId,
    actor_role: ctx.actorRole,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    area_code: entry.areaCode ?? null,
    source_ip: ctx.sourceIp,
    // as jsonb will give it back: what the MAC covers must survive the round trip
    before: entry.before === undefined || entry.before === null ? null : JSON.parse(JSON.stringify(entry.before)),
    after: entry.after === undefined || entry.after === null ? null : JSON.parse(JSON.stringify(entry.after)),
  };
  return [
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
    contentMac(key, row),
  ];
}

/**
 * Appends one audit row inside the caller's transaction (so it commits or rolls back with the
 * change it records), with an HMAC-SM3 over its content. It waits for no other writer: the row is
 * linked into the chain after it commits, by `sealAuditChain`.
 */
export async function appendAudit(tx: Tx, key: Buffer, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  const { rows } = await tx.query<{ seq: number }>("SELECT nextval('audit_log_seq')::bigint AS seq");
  await tx.query(
    `INSERT INTO audit_log (${AUDIT_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    auditRowValues(key, ctx, entry, rows[0]!.seq),
  );
}

/** Any constant: one sealer at a time, whichever server or CLI runs it. */
const AUDIT_SEAL_LOCK = 7_424_118;

/**
 * Links committed, unsealed rows into the chain in `seq` order: chain positions continue from the
 * last sealed row, each hash covering its position, the previous hash and the row's content MAC.
 * One sealer at a time (a transaction-scoped try-lock; a busy sealer means another one is at work).
 * Returns how many rows it sealed.
 */
export async function sealAuditChain(db: Db, key: Buffer, batch = 5000): Promise<number> {
  return withTransaction(db, async (tx) => {
    const { rows: locked } = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [
      AUDIT_SEAL_LOCK,
    ]);
    if (!locked[0]?.ok) {
      return 0;
    }
    const { rows: last } = await tx.query<{ chain_pos: number; hash: Buffer }>(
      'SELECT chain_pos, hash FROM audit_log WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1',
    );
    let pos = last[0]?.chain_pos ?? 0;
    let prev = last[0]?.hash ?? null;
    const { rows } = await tx.query<{ seq: number; content_mac: Buffer }>(
      'SELECT seq, content_mac FROM audit_log WHERE chain_pos IS NULL ORDER BY seq LIMIT $1',
      [batch],
    );
    if (rows.length === 0) {
      return 0;
    }
    const seqs: number[] = [];
    const positions: number[] = [];
    const prevs: (Buffer | null)[] = [];
    const hashes: Buffer[] = [];
    for (const row of rows) {
      pos++;
      const hash = linkHash(key, pos, prev, row.content_mac);
      seqs.push(row.seq);
      positions.push(pos);
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    await tx.query(
      `UPDATE audit_log l SET chain_pos = u.pos, prev_hash = u.prev, hash = u.hash
         FROM unnest($1::bigint[], $2::bigint[], $3::bytea[], $4::bytea[]) AS u(seq, pos, prev, hash)
        WHERE l.seq = u.seq`,
      [seqs, positions, prevs, hashes],
    );
    return rows.length;
  });
}

/** Seals until nothing is left (the CLI's verify, tests). */
export async function sealAll(db: Db, key: Buffer): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await sealAuditChain(db, key);
    total += sealed;
    if (sealed === 0) {
      return total;
    }
  }
}

export type ChainVerification = {
  rows: number;
  /** rows not linked yet (written in the last moments, or while no sealer ran); their content is checked */
  unsealed: number;
  firstBroken: { seq: number; reason: string } | null;
};

/**
 * Recomputes the chain in chain order, naming the first row whose position, link or content is
 * wrong, then checks the content of the rows not sealed yet.
 */
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
      'SELECT * FROM audit_log WHERE chain_pos > $1 ORDER BY chain_pos LIMIT 5000',
      [previous?.chain_pos ?? 0],
    );
    for (const row of batch.rows) {
      rows++;
      const expectedPos = (previous?.chain_pos ?? 0) + 1;
      if (row.chain_pos !== expectedPos) {
        return { rows, unsealed: 0, firstBroken: { seq: row.seq, reason: `row ${expectedPos} is missing` } };
      }
      const expectedPrev = previous?.hash ?? null;
      if (!(expectedPrev === null ? row.prev_hash === null : row.prev_hash?.equals(expectedPrev))) {
        return {
          rows,
          unsealed: 0,
          firstBroken: { seq: row.seq, reason: 'prev_hash does not match the previous row' },
        };
      }
      const intact =
        row.chain_version === 1
          ? versionOneHash(key, row).equals(row.hash!)
          : contentMac(key, row).equals(row.content_mac!) &&
            linkHash(key, row.chain_pos, row.prev_hash, row.content_mac!).equals(row.hash!);
      if (!intact) {
        return { rows, unsealed: 0, firstBroken: { seq: row.seq, reason: 'content does not match its hash' } };
      }
      previous = row;
    }
    onProgress?.(rows, total);
    if (batch.rows.length < 5000) {
      break;
    }
  }
  const { rows: unsealed } = await db.query<ChainRow>('SELECT * FROM audit_log WHERE chain_pos IS NULL ORDER BY seq');
  for (const row of unsealed) {
    rows++;
    if (!contentMac(key, row).equals(row.content_mac!)) {
      return {
        rows,
        unsealed: unsealed.length,
        firstBroken: { seq: row.seq, reason: 'content does not match its hash' },
      };
    }
  }
  return { rows, unsealed: unsealed.length, firstBroken: null };
}
