import { randomBytes } from 'node:crypto';
import { areaLevels } from '@linli/contract/areas';
import type { Role } from '@linli/contract/permissions';
import type { ProjectBody, SelfRegistrationBody } from '@linli/contract/volunteers';
import { expect } from 'vitest';
import { Client, makeUser, nextMobile, type TestContext } from '../../../test/harness';
import type { Actor } from '../../platform/access';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
let idSerial = 0;

/** A valid 18-digit ID number (check character per GB 11643) born on `birth` (YYYYMMDD), unique per call. */
export function idNumber(birth = '19900101', region = '440104'): string {
  idSerial++;
  const body = `${region}${birth}${String((process.pid * 7 + idSerial) % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(body[i]) * ID_WEIGHTS[i]!;
  }
  return `${body}${ID_CHECK[sum % 11]}`;
}

/** A registration body with plausible values (流水井社区). */
export function registration(overrides: Partial<SelfRegistrationBody> = {}): Record<string, unknown> {
  return {
    name: '林志愿',
    idNumber: idNumber(),
    mobile: nextMobile(),
    areaCode: '440104003104',
    skills: ['firstAid', 'elderlyCare'],
    serviceAreaCodes: ['440104003000'],
    availability: ['sat:morning', 'sun:afternoon'],
    ...overrides,
  };
}

/** A signed-in account with the volunteer role in a community (not yet registered as a volunteer). */
export async function makeVolunteerAccount(ctx: TestContext, community = '440104003104') {
  const user = await makeUser(ctx, {
    grant: { role: 'volunteer', areaCode: community, areaLevel: 'community' },
    areaCode: community,
  });
  return { id: user.id, client: await new Client(ctx.app).signInReady(user.mobile, user.password) };
}

/** An account with the volunteer role, registered through the API; returns its client and volunteer id. */
export async function makeVolunteer(
  ctx: TestContext,
  overrides: Partial<SelfRegistrationBody> = {},
  community = '440104003104',
) {
  const account = await makeVolunteerAccount(ctx, community);
  const res = await account.client.post('/api/volunteers/me', registration({ areaCode: community, ...overrides }));
  expect(res.statusCode, res.body).toBe(200);
  return { ...account, volunteerId: res.json().id as string };
}

/** The Actor a session of this user would resolve to (for calling commands with an injected clock). */
export async function actorOf(ctx: TestContext, userId: string): Promise<Actor> {
  const { rows } = await ctx.db.query<{
    id: string;
    role: Role;
    area_code: string;
    area_level: number;
    org_id: string | null;
  }>('SELECT id, role, area_code, area_level, org_id FROM role_grants WHERE user_id = $1', [userId]);
  return {
    userId,
    name: '测试用户',
    mustChangePassword: false,
    grants: rows.map((g) => ({
      id: g.id,
      role: g.role,
      areaCode: g.area_code,
      areaLevel: areaLevels[g.area_level]!,
      orgId: g.org_id,
    })),
    currentArea: null,
    sessionTokenHash: Buffer.alloc(0),
    csrfToken: '',
    sourceIp: '127.0.0.1',
  };
}

/** A China date (YYYY-MM-DD) and time (HH:MM) `minutes` from now. */
export function chinaClock(minutesFromNow: number, from = new Date()): { date: string; time: string } {
  const t = new Date(from.getTime() + minutesFromNow * 60_000 + 8 * 3_600_000);
  const iso = t.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** A project body: one role with `places`, one shift `daysAhead` days from now, 09:00–12:00. */
export function projectBody(
  orgId: string,
  overrides: Partial<ProjectBody> & { places?: number; daysAhead?: number } = {},
): Record<string, unknown> {
  const { places = 5, daysAhead = 7, ...rest } = overrides;
  return {
    orgId,
    title: `长者探访${Math.random().toString(36).slice(2, 6)}`,
    description: '每周探访社区独居长者，陪伴聊天、测量血压。',
    serviceContent: '独居长者探访、陪伴与健康监测',
    field: 'services',
    address: '流水井社区党群服务站',
    roles: [{ name: '探访员', description: '两人一组入户探访', places }],
    shifts: [{ date: chinaClock(daysAhead * 1440).date, startTime: '09:00', endTime: '12:00' }],
    ...rest,
  };
}

/**
 * Many volunteers with accounts at once, written with plain SQL (no password hashing: they never
 * sign in; tests act for them through `actorOf`-like actors). Returns their actors and volunteer ids.
 */
export async function insertVolunteersInBulk(ctx: TestContext, n: number, community = '440104003104') {
  const users: { userId: string; volunteerId: string; actor: Actor }[] = [];
  const client = await ctx.db.connect();
  try {
    await client.query('BEGIN');
    for (let i = 0; i < n; i++) {
      const mobile = `137${String((process.pid + i) % 10000).padStart(4, '0')}${String(i).padStart(4, '0')}`;
      const id = idNumber('19950505');
      const {
        rows: [user],
      } = await client.query<{ id: string }>(
        `INSERT INTO users (name, mobile_enc, mobile_hash, password_hash, area_code, must_change_password)
         VALUES ($1, $2, $3, 'x', $4, false) RETURNING id`,
        [
          `志愿者${i}`,
          ctx.cipher.encrypt(mobile),
          ctx.cipher.lookupHash(`${mobile}:${randomBytes(4).toString('hex')}`),
          community,
        ],
      );
      const {
        rows: [grant],
      } = await client.query<{ id: string }>(
        `INSERT INTO role_grants (user_id, role, area_code, area_level) VALUES ($1, 'volunteer', $2, 5) RETURNING id`,
        [user!.id, community],
      );
      const {
        rows: [volunteer],
      } = await client.query<{ id: string }>(
        `INSERT INTO volunteers (user_id, name, id_number_enc, id_number_hash, mobile_enc, mobile_hash, area_code, registered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $1) RETURNING id`,
        [
          user!.id,
          `志愿者${i}`,
          ctx.cipher.encrypt(id),
          ctx.cipher.lookupHash(id),
          ctx.cipher.encrypt(mobile),
          ctx.cipher.lookupHash(mobile),
          community,
        ],
      );
      users.push({
        userId: user!.id,
        volunteerId: volunteer!.id,
        actor: {
          userId: user!.id,
          name: `志愿者${i}`,
          mustChangePassword: false,
          grants: [{ id: grant!.id, role: 'volunteer', areaCode: community, areaLevel: 'community', orgId: null }],
          currentArea: null,
          sessionTokenHash: Buffer.alloc(0),
          csrfToken: '',
          sourceIp: '127.0.0.1',
        },
      });
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  return users;
}
