import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/harness';
import { appendAudit, sealAll, sealAuditChain, verifyAuditChain } from './audit';
import { withTransaction } from './db';

// the app's own sealer stays out of the way: these tests seal when they mean to
const ctx = await createTestContext({ auditSealMs: 3_600_000 });
const key = ctx.cipher.auditKey;
const who = { actorId: null, actorRole: 'test', sourceIp: '127.0.0.1' };

const append = (n: number) =>
  withTransaction(ctx.db, (tx) =>
    appendAudit(tx, key, who, { action: 'test.write', entity: 'test', entityId: String(n), after: { n } }),
  );

describe('the audit chain without a global lock', () => {
  it('200 concurrent writers and 4 concurrent sealers give one contiguous, verifiable chain', async () => {
    await Promise.all(Array.from({ length: 200 }, (_, i) => append(i)));
    // a write that rolls back leaves a gap in seq, never in the chain
    await withTransaction(ctx.db, async (tx) => {
      await appendAudit(tx, key, who, { action: 'test.write', entity: 'test', entityId: 'rolled back' });
      throw new Error('roll back');
    }).catch(() => undefined);
    await Promise.all([
      ...Array.from({ length: 100 }, (_, i) => append(1000 + i)),
      ...Array.from({ length: 4 }, () => sealAuditChain(ctx.db, key, 37)),
    ]);
    await sealAll(ctx.db, key);
    const { rows } = await ctx.db.query<{ n: number; max: number; unsealed: number }>(
      `SELECT count(*)::int AS n, max(chain_pos)::int AS max, count(*) FILTER (WHERE chain_pos IS NULL)::int AS unsealed
         FROM audit_log WHERE action = 'test.write' OR chain_pos IS NOT NULL`,
    );
    expect(rows[0]!.unsealed).toBe(0);
    expect(rows[0]!.max).toBe(rows[0]!.n);
    expect((await ctx.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.write'")).rows[0].n).toBe(
      300,
    );
    const verified = await verifyAuditChain(ctx.db, key);
    expect(verified).toMatchObject({ firstBroken: null, unsealed: 0 });
  });

  it('checks the content of rows not sealed yet', async () => {
    await append(5000);
    const { rows } = await ctx.db.query<{ seq: number }>('SELECT max(seq)::int AS seq FROM audit_log');
    const seq = rows[0]!.seq;
    expect((await verifyAuditChain(ctx.db, key)).unsealed).toBe(1);
    await ctx.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await ctx.db.query(`UPDATE audit_log SET after = '{"n":5001}' WHERE seq = $1`, [seq]);
    await ctx.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    expect((await verifyAuditChain(ctx.db, key)).firstBroken).toEqual({
      seq,
      reason: 'content does not match its hash',
    });
  });

  it('lets a row be sealed once, and nothing else be changed', async () => {
    await expect(
      ctx.db.query('UPDATE audit_log SET chain_pos = chain_pos + 100000 WHERE chain_pos = 1'),
    ).rejects.toThrow(/append-only/);
    await append(6000);
    await expect(
      ctx.db.query(
        "UPDATE audit_log SET chain_pos = 999999, hash = '\\x00', action = 'forged' WHERE chain_pos IS NULL",
      ),
    ).rejects.toThrow(/append-only/);
  });
});
