import type { ActivityBody, VenueBody } from '@linli/contract/activities';
import { expect } from 'vitest';
import type { Client, TestContext } from '../../../test/harness';
import { makeOfficers, orgBody } from '../organizations/test-factories';

const DAY = 86_400_000;

/** An ISO time `days` from now (negative: in the past), on the hour. */
export function daysFromNow(days: number, hours = 0): string {
  const t = new Date(Date.now() + days * DAY + hours * 3_600_000);
  t.setUTCMinutes(0, 0, 0);
  return t.toISOString();
}

/**
 * The people of one community and township (越秀区北京街道流水井社区 by default) plus an active
 * guided organization whose administrator is the resident who filed it.
 */
export async function makeCommunity(
  ctx: TestContext,
  at?: { community: string; township: string; county: string },
  orgOverrides: Parameters<typeof orgBody>[0] = {},
) {
  const people = await makeOfficers(ctx, at);
  const orgId = await makeActiveOrg(people, { areaCode: at?.community ?? '440104003104', ...orgOverrides });
  return { ...people, orgAdmin: people.resident, orgId };
}

/** An organization filed by the resident and recorded by the committee: the resident becomes its administrator. */
export async function makeActiveOrg(
  people: { resident: { client: Client }; committee: { client: Client }; township: { client: Client } },
  overrides: Parameters<typeof orgBody>[0] = {},
): Promise<string> {
  const filed = await people.resident.client.post('/api/organizations', orgBody(overrides));
  expect(filed.statusCode, filed.body).toBe(200);
  const { orgId, filingId } = filed.json() as { orgId: string; filingId: string };
  const done = await people.committee.client.post(`/api/filings/${filingId}/committee-opinion`, {
    decision: 'approve',
  });
  expect(done.statusCode, done.body).toBe(200);
  if (overrides.tier === 'filed') {
    const decided = await people.township.client.post(`/api/filings/${filingId}/township-decision`, {
      decision: 'approve',
    });
    expect(decided.statusCode, decided.body).toBe(200);
  }
  return orgId;
}

/** A plan with plausible values: an ordinary 40-person activity next month at an address. */
export function activityBody(orgId: string, overrides: Partial<ActivityBody> = {}): Record<string, unknown> {
  return {
    orgId,
    title: `邻里议事会${Math.random().toString(36).slice(2, 6)}`,
    content: '围绕加装电梯听取居民意见，形成协商方案。',
    field: 'mediation',
    campaign: 'letsTalk',
    kind: 'ordinary',
    startsAt: daysFromNow(30),
    endsAt: daysFromNow(30, 2),
    address: '流水井社区党群服务站二楼',
    targetGroups: ['allResidents'],
    expectedParticipants: 40,
    ...overrides,
  };
}

export function venueBody(overrides: Partial<VenueBody> = {}): Record<string, unknown> {
  return {
    name: `流水井社区新时代文明实践站${Math.random().toString(36).slice(2, 5)}`,
    kind: 'practiceCenter',
    areaCode: '440104003104',
    address: '越秀区北京街道流水井社区12号',
    openingHours: '周二至周日 9:00–21:00',
    managerName: '黄站长',
    managerMobile: '13912345678',
    rooms: [
      { name: '多功能厅', capacity: 120 },
      { name: '议事室', capacity: 20 },
    ],
    ...overrides,
  };
}

/** Creates an activity through the API and returns its id. */
export async function plan(client: Client, body: Record<string, unknown>): Promise<string> {
  const res = await client.post('/api/activities', body);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string }).id;
}
