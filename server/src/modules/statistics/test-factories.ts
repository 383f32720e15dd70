import type { Dashboard, DrillDown } from '@linli/contract/statistics';
import { Client, makeUser, type TestContext } from '../../../test/harness';

/** A deterministic PRNG (mulberry32): a failing sequence is replayed from its seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Prng = ReturnType<typeof prng>;

/** A signed-in client holding one grant. */
export async function signedIn(
  ctx: TestContext,
  grant: {
    role: 'sysadmin' | 'civilAffairs' | 'civilizationOffice' | 'township' | 'committee' | 'orgAdmin' | 'resident';
    areaCode: string;
    areaLevel: 'country' | 'province' | 'city' | 'county' | 'township' | 'community';
  },
) {
  const user = await makeUser(ctx, { grant, areaCode: grant.areaCode });
  return { id: user.id, client: await new Client(ctx.app).signInReady(user.mobile, user.password) };
}

/** The console route of a drill-down → its list API. */
const apiOf: Record<string, string> = {
  '/organizations': '/api/organizations',
  '/activities': '/api/activities',
  '/volunteers': '/api/volunteers',
  '/service-records': '/api/service-records',
};

/** Every item of a drill-down list, read page by page through the list API. */
export async function listAll<T = Record<string, unknown>>(client: Client, drill: DrillDown): Promise<T[]> {
  const api = apiOf[drill.path];
  if (!api) {
    throw new Error(`no list API for ${drill.path}`);
  }
  const items: T[] = [];
  let cursor: string | null = null;
  for (;;) {
    const params = new URLSearchParams({ ...drill.query, limit: '200', ...(cursor ? { cursor } : {}) });
    const res = await client.request('GET', `${api}?${params}`);
    if (res.statusCode !== 200) {
      throw new Error(`${api}?${params}: ${res.statusCode} ${res.body}`);
    }
    const page = res.json() as { items: T[]; nextCursor: string | null };
    items.push(...page.items);
    if (!page.nextCursor) {
      return items;
    }
    cursor = page.nextCursor;
  }
}

export async function dashboardOf(client: Client, areaCode: string): Promise<Dashboard> {
  const res = await client.request('GET', `/api/statistics/dashboard?areaCode=${areaCode}`);
  if (res.statusCode !== 200) {
    throw new Error(`dashboard ${areaCode}: ${res.statusCode} ${res.body}`);
  }
  return res.json() as Dashboard;
}
