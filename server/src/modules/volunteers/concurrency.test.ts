import { afterAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import { createPool } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { makeCommunity } from '../activities/test-factories';
import { checkInCode } from './hours';
import * as svc from './service';
import { actorOf, chinaClock, insertVolunteersInBulk, projectBody } from './test-factories';

/**
 * The database decides, not the application: these run the commands at once on a pool of 20
 * connections, as 20 server processes would.
 */
const ctx = await createTestContext();
const db = createPool(ctx.databaseUrl, 20);
const deps = { db, cipher: ctx.cipher };
afterAll(() => db.end());
const beijing = await makeCommunity(ctx);
const orgAdmin = await actorOf(ctx, beijing.orgAdmin.id);

async function publishedShift(places: number, overrides: Parameters<typeof projectBody>[1] = {}) {
  const id = await svc.createProject(deps, orgAdmin, projectBody(beijing.orgId, { places, ...overrides }) as never);
  await svc.setProjectStatus(deps, orgAdmin, id, 'published');
  const [shift] = (await db.query('SELECT id FROM volunteer_shifts WHERE project_id = $1', [id])).rows;
  const [role] = (await db.query('SELECT id FROM volunteer_project_roles WHERE project_id = $1', [id])).rows;
  return { projectId: id, shiftId: shift.id as string, roleId: role.id as string };
}

const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe('sign-ups never overbook', () => {
  const people = insertVolunteersInBulk(ctx, 500);

  it('500 at once for 20 places: exactly 20 confirmed, 480 waiting in strict order, duplicates refused', async () => {
    const volunteers = await people;
    const { shiftId, roleId } = await publishedShift(20);
    // every volunteer once, and 40 of them a second time in the same burst
    const attempts = [...volunteers, ...volunteers.slice(0, 40)];
    const results = await Promise.allSettled(attempts.map((v) => svc.signUp(deps, v.actor, shiftId, roleId)));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => codeOf(r.reason));
    expect(refused).toHaveLength(40);
    expect(new Set(refused)).toEqual(new Set(['SIGNUP_DUPLICATE']));

    const { rows } = await db.query<{
      status: string;
      waiting_seq: number | null;
      created_at: Date;
      volunteer_id: string;
    }>(
      `SELECT status, waiting_seq, created_at, volunteer_id FROM volunteer_signups
        WHERE shift_id = $1 ORDER BY created_at`,
      [shiftId],
    );
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((r) => r.volunteer_id)).size).toBe(500);
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    const waiting = rows.filter((r) => r.status === 'waiting');
    expect(confirmed).toHaveLength(20);
    expect(waiting).toHaveLength(480);
    // the waiting list is numbered 1..480 without gaps, in the order the sign-ups were taken,
    // and every confirmed sign-up was taken before any waiting one
    expect(waiting.map((r) => r.waiting_seq)).toEqual(Array.from({ length: 480 }, (_, i) => i + 1));
    expect(Math.max(...confirmed.map((r) => r.created_at.getTime()))).toBeLessThanOrEqual(
      Math.min(...waiting.map((r) => r.created_at.getTime())),
    );
    const slot = (
      await db.query('SELECT places, confirmed, next_waiting_seq FROM volunteer_slots WHERE shift_id = $1', [shiftId])
    ).rows[0];
    expect(slot).toEqual({ places: 20, confirmed: 20, next_waiting_seq: 481 });
    const audited = await db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'volunteerSignup.create' AND after->>'shiftId' = $1",
      [shiftId],
    );
    expect(audited.rows[0].n).toBe(500);
  }, 120_000);

  it('concurrent cancellations promote exactly once each, first in line first', async () => {
    const volunteers = (await people).slice(0, 60);
    // another day: twenty of them hold a place at the same hours on the first shift
    const { shiftId, roleId } = await publishedShift(20, { daysAhead: 8 });
    for (const v of volunteers) {
      await svc.signUp(deps, v.actor, shiftId, roleId);
    }
    const signups = (
      await db.query<{ id: string; status: string; waiting_seq: number | null; volunteer_id: string }>(
        'SELECT id, status, waiting_seq, volunteer_id FROM volunteer_signups WHERE shift_id = $1 ORDER BY created_at',
        [shiftId],
      )
    ).rows;
    const byVolunteer = new Map(volunteers.map((v) => [v.volunteerId, v]));
    // 10 confirmed and the last 10 waiting cancel at once
    const leaving = [...signups.slice(0, 10), ...signups.slice(50, 60)];
    const results = await Promise.allSettled(
      leaving.map((s) => svc.cancelMySignup(deps, byVolunteer.get(s.volunteer_id)!.actor, s.id)),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const after = (
      await db.query<{ id: string; status: string }>(
        'SELECT id, status FROM volunteer_signups WHERE shift_id = $1 ORDER BY created_at',
        [shiftId],
      )
    ).rows;
    const status = new Map(after.map((s) => [s.id, s.status]));
    expect(after.filter((s) => s.status === 'confirmed')).toHaveLength(20);
    // the first ten in line (waiting 1..10) moved up; 11..30 still wait
    for (const s of signups.slice(20, 30)) {
      expect(status.get(s.id)).toBe('confirmed');
    }
    for (const s of signups.slice(30, 50)) {
      expect(status.get(s.id)).toBe('waiting');
    }
    const promotions = await db.query<{ promoted: string[] }>(
      `SELECT after->'promoted' AS promoted FROM audit_log
        WHERE action = 'volunteerSignup.cancel' AND entity_id = ANY($1::text[])`,
      [leaving.map((s) => s.id)],
    );
    const promoted = promotions.rows.flatMap((r) => r.promoted);
    expect(promoted).toHaveLength(10);
    expect(new Set(promoted)).toEqual(new Set(signups.slice(20, 30).map((s) => s.id)));
    expect(
      (await db.query('SELECT confirmed FROM volunteer_slots WHERE shift_id = $1', [shiftId])).rows[0].confirmed,
    ).toBe(20);
  }, 60_000);
});

describe('check-in is refused twice', () => {
  it('20 simultaneous check-ins of one volunteer make one record', async () => {
    const [v] = (await insertVolunteersInBulk(ctx, 1, '440104003104')).map((x) => x);
    // a night shift, 22:00 → 02:00
    const { shiftId, roleId } = await publishedShift(3, {
      shifts: [{ date: chinaClock(3 * 1440).date, startTime: '22:00', endTime: '02:00' }],
    });
    await svc.signUp(deps, v!.actor, shiftId, roleId);
    const shift = (await db.query('SELECT starts_at, checkin_secret FROM volunteer_shifts WHERE id = $1', [shiftId]))
      .rows[0];
    const then = new Date(shift.starts_at.getTime() + 5 * 60_000);
    const at = { ...deps, now: () => then };
    const code = checkInCode(shift.checkin_secret, shiftId, then).code;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => svc.checkIn(at, v!.actor, shiftId, code)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      new Set(results.filter((r) => r.status === 'rejected').map((r) => codeOf((r as PromiseRejectedResult).reason))),
    ).toEqual(new Set(['CHECKIN_DUPLICATE']));
    expect(
      (await db.query('SELECT count(*)::int AS n FROM service_records WHERE volunteer_id = $1', [v!.volunteerId]))
        .rows[0].n,
    ).toBe(1);

    // checked in 22:05, out 01:12:42 next day: 187 whole minutes; an overlapping back-fill is refused by the database
    const out = new Date(then.getTime() + (3 * 60 + 7) * 60_000 + 42_000);
    await svc.checkOut(
      { ...deps, now: () => out },
      v!.actor,
      shiftId,
      checkInCode(shift.checkin_secret, shiftId, out).code,
    );
    const rec = (
      await db.query('SELECT minutes, status FROM service_records WHERE volunteer_id = $1', [v!.volunteerId])
    ).rows[0];
    expect(rec).toEqual({ minutes: 187, status: 'pending' });
    await db.query('INSERT INTO volunteer_team_members (org_id, volunteer_id) VALUES ($1, $2)', [
      beijing.orgId,
      v!.volunteerId,
    ]);
    const overlapping = svc.backfillRecord({ ...deps, now: () => new Date(out.getTime() + 86_400_000) }, orgAdmin, {
      orgId: beijing.orgId,
      volunteerId: v!.volunteerId,
      projectId: null,
      projectTitle: '重复登记',
      address: '流水井社区',
      startedAt: new Date(then.getTime() + 3_600_000).toISOString(),
      endedAt: new Date(out.getTime() + 3_600_000).toISOString(),
      content: '重复',
    });
    await expect(overlapping).rejects.toMatchObject({ code: 'RECORD_OVERLAP' });
  }, 60_000);

  it('confirming the same records at once counts the minutes once', async () => {
    const [v] = await insertVolunteersInBulk(ctx, 1, '440104003104');
    await db.query('INSERT INTO volunteer_team_members (org_id, volunteer_id) VALUES ($1, $2)', [
      beijing.orgId,
      v!.volunteerId,
    ]);
    const id = await svc.backfillRecord(deps, orgAdmin, {
      orgId: beijing.orgId,
      volunteerId: v!.volunteerId,
      projectId: null,
      projectTitle: '环境整治',
      address: '流水井社区',
      startedAt: '2026-01-05T09:00:00+08:00',
      endedAt: '2026-01-05T11:00:00+08:00',
      content: '楼道清理',
    });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => svc.confirmRecords(deps, orgAdmin, [id])));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const total = (await db.query('SELECT confirmed_minutes FROM volunteers WHERE id = $1', [v!.volunteerId])).rows[0];
    expect(total.confirmed_minutes).toBe(120);
  });
});
