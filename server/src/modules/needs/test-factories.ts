import type { NeedBody } from '@linli/contract/needs';
import { expect } from 'vitest';
import { Client, makeUser, nextMobile, type TestContext } from '../../../test/harness';

/** A day `days` from today, China time (yyyy-mm-dd). */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A need with plausible values in 越秀区北京街道流水井社区; override any field. */
export function needBody(overrides: Partial<NeedBody> = {}): Record<string, unknown> {
  return {
    title: `独居老人助餐${Math.random().toString(36).slice(2, 6)}`,
    description: '楼上独居的老人腿脚不便，希望每周有人帮忙送两次午餐。',
    field: 'services',
    serviceTarget: 'elderly',
    areaCode: '440104003104',
    address: '流水井社区8号楼3单元',
    forWhom: '8号楼独居老人一位',
    deadline: dayFromToday(14),
    contactName: '王小明',
    contactMobile: nextMobile(),
    ...overrides,
  };
}

/** A signed-in resident of a community (no organization of their own). */
export async function makeResident(ctx: TestContext, community = '440104003104') {
  const user = await makeUser(ctx, {
    grant: { role: 'resident', areaCode: community, areaLevel: 'community' },
    areaCode: community,
  });
  return { id: user.id, client: await new Client(ctx.app).signInReady(user.mobile, user.password) };
}

/** Posts a need through the API and returns its id. */
export async function postNeed(client: Client, body: Record<string, unknown> = needBody()): Promise<string> {
  const res = await client.post('/api/needs', body);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string }).id;
}
