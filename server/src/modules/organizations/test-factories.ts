import type { EstablishBody } from '@linli/contract/organizations';
import { Client, makeUser, nextMobile, type TestContext } from '../../../test/harness';

/** An establish body with plausible values; override any field. */
export function orgBody(overrides: Partial<EstablishBody> = {}): EstablishBody {
  return {
    name: `邻里守望互助会${Math.random().toString(36).slice(2, 6)}`,
    tier: 'guided',
    category: 'communityAffairs',
    hubKind: 'none',
    areaCode: '440104003104',
    foundedOn: '2021-05-01',
    serviceTargets: ['elderly', 'children'],
    venue: '流水井社区党群服务站二楼',
    memberCount: 25,
    socialWorkerCount: 1,
    certifiedSocialWorkerCount: 0,
    partyOrg: 'instructor',
    charterPartyClause: true,
    leaders: [{ name: '陈大姐', role: 'leader', mobile: nextMobile() }],
    ...overrides,
  };
}

/** Signed-in clients for the people of one community and township (越秀区北京街道流水井社区 by default). */
export async function makeOfficers(
  ctx: TestContext,
  at: { community: string; township: string; county: string } = {
    community: '440104003104',
    township: '440104003000',
    county: '440104000000',
  },
) {
  const ready = async (grant: {
    role: 'resident' | 'committee' | 'township' | 'civilAffairs';
    areaCode: string;
    areaLevel: 'community' | 'township' | 'county';
  }) => {
    const user = await makeUser(ctx, { grant, areaCode: grant.areaCode });
    return { id: user.id, client: await new Client(ctx.app).signInReady(user.mobile, user.password) };
  };
  return {
    resident: await ready({ role: 'resident', areaCode: at.community, areaLevel: 'community' }),
    committee: await ready({ role: 'committee', areaCode: at.community, areaLevel: 'community' }),
    township: await ready({ role: 'township', areaCode: at.township, areaLevel: 'township' }),
    civilAffairs: await ready({ role: 'civilAffairs', areaCode: at.county, areaLevel: 'county' }),
  };
}
