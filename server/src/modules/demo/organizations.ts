import { creditCodeCheckChar } from '@linli/contract/credit-code';
import type { EstablishBody, OrgCategory, OrgTier, ServiceTarget } from '@linli/contract/organizations';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { decideFiling, establishOrganization, setOrganizationStatus } from '../organizations/index';

/** Plausible kinds of community organization: name suffix, category, whom they serve. */
const KINDS: { suffix: string; category: OrgCategory; targets: ServiceTarget[] }[] = [
  { suffix: '邻里守望互助会', category: 'communityAffairs', targets: ['elderly', 'allResidents'] },
  { suffix: '夕阳红舞蹈队', category: 'cultureSports', targets: ['elderly'] },
  { suffix: '书画社', category: 'cultureSports', targets: ['elderly', 'youth'] },
  { suffix: '志愿服务队', category: 'charity', targets: ['allResidents'] },
  { suffix: '人民调解小组', category: 'communityAffairs', targets: ['allResidents'] },
  { suffix: '老年人协会', category: 'communityAffairs', targets: ['elderly'] },
  { suffix: '四点半课堂', category: 'livingServices', targets: ['children'] },
  { suffix: '太极拳队', category: 'cultureSports', targets: ['elderly'] },
  { suffix: '平安巡逻队', category: 'communityAffairs', targets: ['allResidents'] },
  { suffix: '读书会', category: 'cultureSports', targets: ['youth', 'women'] },
  { suffix: '合唱团', category: 'cultureSports', targets: ['elderly', 'women'] },
  { suffix: '助残服务社', category: 'charity', targets: ['disabled', 'familiesInDifficulty'] },
  { suffix: '巾帼家政服务队', category: 'livingServices', targets: ['women', 'unemployed'] },
  { suffix: '红白理事会', category: 'communityAffairs', targets: ['allResidents'] },
  { suffix: '关爱留守儿童服务队', category: 'charity', targets: ['leftBehind', 'children'] },
];
const SURNAMES = '陈李王张刘黄杨赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['秀英', '桂兰', '建国', '志强', '丽华', '春梅', '海燕', '国庆', '玉兰', '文华'];

/** A small deterministic generator, so every demo start makes the same data. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return { next, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

type Outcome =
  | 'active'
  | 'awaitingCommittee'
  | 'awaitingTownship'
  | 'returned'
  | 'rejected'
  | 'abnormal'
  | 'awaitingCivilAffairs';

/**
 * A few hundred organizations in real communities of 广州市 (越秀区, 海珠区) and 成都市
 * (锦江区, 武侯区), with filings in every state, written through the real commands.
 */
export async function seedDemoOrganizations(
  deps: { db: Db; cipher: PersonalDataCipher },
  actor: Actor,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const { rows: existing } = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
  if (existing[0]!.n > 0) {
    return 0;
  }
  const { rows: communities } = await deps.db.query<{ code: string; name: string }>(
    `SELECT code, name FROM areas
      WHERE level = 5 AND kind = 'urban'
        AND (code LIKE '440104%' OR code LIKE '440105%' OR code LIKE '510104%' OR code LIKE '510107%')
      ORDER BY code`,
  );
  const rand = generator(20_211_123);
  // half in 广州, half in 成都: every third urban community of each city's two districts
  const chosen = ['4401', '5101'].flatMap((city) =>
    communities
      .filter((c) => c.code.startsWith(city))
      .filter((_, i) => i % 3 === 0)
      .slice(0, 75),
  );
  const total = chosen.length * 2;
  let done = 0;
  let serial = 0;
  for (const community of chosen) {
    const short = community.name.replace(/(社区居委会|社区居民委员会|居委会|社区)$/, '');
    const kinds = [rand.pick(KINDS), rand.pick(KINDS)].filter((k, i, all) => all.indexOf(k) === i);
    for (const kind of kinds) {
      serial++;
      const roll = rand.next();
      const outcome: Outcome =
        roll < 0.62
          ? 'active'
          : roll < 0.7
            ? 'awaitingCommittee'
            : roll < 0.77
              ? 'awaitingTownship'
              : roll < 0.82
                ? 'returned'
                : roll < 0.87
                  ? 'rejected'
                  : roll < 0.94
                    ? 'abnormal'
                    : 'awaitingCivilAffairs';
      const tier: OrgTier =
        outcome === 'awaitingCivilAffairs'
          ? 'registered'
          : outcome === 'awaitingTownship' || rand.next() < 0.35
            ? 'filed'
            : 'guided';
      const county = community.code.slice(0, 6);
      const prefix17 = `52${county}MJ${String(serial).padStart(7, '0')}`;
      const body: EstablishBody = {
        name: `${short}${kind.suffix}`,
        tier,
        category: kind.category,
        hubKind: serial % 40 === 0 ? 'hub' : 'none',
        areaCode: community.code,
        foundedOn: `${2012 + Math.floor(rand.next() * 12)}-${String(1 + Math.floor(rand.next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand.next() * 28)).padStart(2, '0')}`,
        serviceTargets: kind.targets,
        venue: `${short}社区党群服务中心`,
        memberCount: 8 + Math.floor(rand.next() * 60),
        socialWorkerCount: Math.floor(rand.next() * 3),
        certifiedSocialWorkerCount: 0,
        partyOrg: rand.pick(['standalone', 'joint', 'instructor', 'none'] as const),
        charterPartyClause: rand.next() < 0.7,
        ...(tier === 'registered' ? { creditCode: prefix17 + creditCodeCheckChar(prefix17) } : {}),
        leaders: [
          {
            name: rand.pick(SURNAMES.split('')) + rand.pick(GIVEN),
            role: 'leader',
            mobile: `139${String(20_000_000 + serial * 7919).slice(-8)}`,
          },
        ],
      };
      try {
        const { orgId, filingId } = await establishOrganization(deps, actor, body);
        await advance(deps, actor, { orgId, filingId, tier, outcome });
      } catch {
        // a generated name can collide within a township: skip it
      }
      onProgress?.(++done, total);
    }
  }
  const { rows } = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
  return rows[0]!.n;
}

async function advance(
  deps: { db: Db; cipher: PersonalDataCipher },
  actor: Actor,
  o: { orgId: string; filingId: string; tier: OrgTier; outcome: Outcome },
) {
  const approve = { decision: 'approve' as const, comment: '' };
  const step = o.tier === 'registered' ? 'civilAffairsRecord' : 'committeeOpinion';
  switch (o.outcome) {
    case 'awaitingCommittee':
    case 'awaitingCivilAffairs':
      return;
    case 'returned':
      await decideFiling(deps, actor, o.filingId, step, {
        decision: 'returnForChanges',
        comment: '请补充章程和成员名单',
      });
      return;
    case 'rejected':
      await decideFiling(deps, actor, o.filingId, step, { decision: 'reject', comment: '与已有组织业务重复' });
      return;
  }
  await decideFiling(deps, actor, o.filingId, step, approve);
  if (o.tier === 'filed' && o.outcome !== 'awaitingTownship') {
    await decideFiling(deps, actor, o.filingId, 'townshipDecision', approve);
  }
  if (o.outcome === 'abnormal') {
    await setOrganizationStatus(deps, actor, o.orgId, { status: 'abnormal', reason: '连续一年未报告工作' });
  }
}
