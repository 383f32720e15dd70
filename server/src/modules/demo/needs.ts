import type { ActivityField } from '@linli/contract/activities';
import type { ServiceTarget } from '@linli/contract/organizations';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import {
  acceptNeed,
  cancelNeed,
  completeNeed,
  declineNeed,
  dispatchNeed,
  type NeedDeps,
  postNeed,
  rateNeed,
  redispatchNeed,
  refuseNeed,
} from '../needs/index';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What residents ask for (000 四 "服务老、养育小、让中青年发展好"; the five fields of 001 二). */
const IDEAS: { title: string; field: ActivityField; target: ServiceTarget | null; forWhom: string }[] = [
  { title: '独居老人每周送餐', field: 'services', target: 'elderly', forWhom: '独居老人两位' },
  { title: '放学后作业辅导', field: 'services', target: 'children', forWhom: '双职工家庭的小学生' },
  { title: '楼道杂物清理与消防宣传', field: 'customs', target: 'allResidents', forWhom: '本楼居民' },
  { title: '老人智能手机使用培训', field: 'services', target: 'elderly', forWhom: '社区老年人约二十位' },
  { title: '邻里停车纠纷调解', field: 'mediation', target: 'allResidents', forWhom: '两户邻居' },
  { title: '广场舞噪音协商', field: 'mediation', target: 'allResidents', forWhom: '广场周边居民' },
  { title: '残疾人出行陪同', field: 'services', target: 'disabled', forWhom: '一位轮椅出行的居民' },
  { title: '二十大精神进小区宣讲', field: 'theory', target: 'allResidents', forWhom: '小区党员和居民' },
  { title: '暑期青少年篮球训练', field: 'cultureSports', target: 'youth', forWhom: '小区中学生' },
  { title: '困难家庭家电维修', field: 'services', target: 'familiesInDifficulty', forWhom: '一户低保家庭' },
  { title: '婚事新办倡议', field: 'customs', target: 'allResidents', forWhom: '近期办喜事的家庭' },
  { title: '留守儿童周末陪伴', field: 'services', target: 'leftBehind', forWhom: '三名留守儿童' },
];

/** The life each demo need has had by now. */
const SCENARIOS = [
  'rated',
  'done',
  'accepted',
  'rated',
  'dispatched',
  'posted',
  'acceptedAsActivity',
  'refused',
  'redispatched',
  'rated',
  'redispatchedTwice',
  'declined',
  'cancelled',
  'ratedAfterRedispatch',
] as const;
type Scenario = (typeof SCENARIOS)[number];
const STARS = [5, 4, 5, 3, 5, 4, 2, 5];
const COMMENTS = ['志愿者很耐心，解决了大问题', '服务及时，感谢', '总体满意', '希望能长期坚持', '非常贴心'];
const SURNAMES = '陈李王张刘黄杨赵吴周';

/**
 * A few dozen needs in the demo communities of 广州 and 成都, in every state, with ratings on
 * the organizations that served them — written through the real commands by the demo system
 * administrator, whose clock stands at each step's moment (posted up to two months ago).
 */
export async function seedDemoNeeds(deps: { db: Db; cipher: PersonalDataCipher }, actor: Actor): Promise<number> {
  const { rows: existing } = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM needs');
  if (existing[0]!.n > 0) {
    return 0;
  }
  const { rows: orgs } = await deps.db.query<{ id: string; area_code: string }>(
    `SELECT DISTINCT ON (area_code) id, area_code FROM organizations
      WHERE status = 'active' AND length(rtrim(area_code, '0')) > 9
        AND (area_code LIKE '4401%' OR area_code LIKE '5101%')
      ORDER BY area_code, created_at`,
  );
  const chosen = ['4401', '5101'].flatMap((city) => orgs.filter((o) => o.area_code.startsWith(city)).slice(0, 14));
  let created = 0;
  let serial = 0;
  for (const org of chosen) {
    for (let k = 0; k < 2; k++) {
      const scenario = SCENARIOS[serial % SCENARIOS.length]!;
      // another active organization of the same township, for the needs sent up to its institute
      const mate = chosen.find((o) => o.id !== org.id && o.area_code.slice(0, 9) === org.area_code.slice(0, 9));
      try {
        await playScenario(deps, actor, { org, townshipOrg: mate ?? org, scenario, serial });
        created++;
      } catch {
        // keep going: a demo must start even if one story does not fit
      }
      serial++;
    }
  }
  return created;
}

async function playScenario(
  base: { db: Db; cipher: PersonalDataCipher },
  actor: Actor,
  s: { org: { id: string; area_code: string }; townshipOrg: { id: string }; scenario: Scenario; serial: number },
) {
  const idea = IDEAS[s.serial % IDEAS.length]!;
  const finished = ['rated', 'done', 'ratedAfterRedispatch'].includes(s.scenario);
  const postedAt = Date.now() - (finished ? 20 + (s.serial % 40) : 1 + (s.serial % 12)) * DAY - (s.serial % 9) * HOUR;
  let clock = postedAt;
  const at = (hoursLater: number): NeedDeps => {
    clock += hoursLater * HOUR;
    const moment = new Date(clock);
    return { ...base, now: () => moment };
  };
  const deadline = new Date(postedAt + 8 * HOUR + 21 * DAY).toISOString().slice(0, 10);
  const id = await postNeed(at(0), actor, {
    title: idea.title,
    description: `${idea.title}：居民在“群众点单”中提出，希望社区社会组织帮忙解决。`,
    field: idea.field,
    serviceTarget: idea.target,
    areaCode: s.org.area_code,
    address: `本社区${1 + (s.serial % 12)}号楼`,
    forWhom: idea.forWhom,
    deadline,
    contactName: `${SURNAMES[s.serial % SURNAMES.length]}${s.serial % 2 === 0 ? '阿姨' : '先生'}`,
    contactMobile: `137${String(30_000_000 + s.serial * 7_919).slice(-8)}`,
  });
  const quick = 2 + (s.serial % 7) * 3; // hours to the next step, varied for the statistics
  const dispatchTo = async (orgId: string) => dispatchNeed(at(quick), actor, id, { orgId, note: '请尽快联系群众' });
  const serve = async () => {
    await acceptNeed(at(quick * 2), actor, id, { plan: 'volunteerTask', note: '安排志愿者上门服务' });
  };
  const finish = async (rate: boolean) => {
    await completeNeed(at(24 * (1 + (s.serial % 6))), actor, id, '已按约定完成服务，群众表示满意');
    if (rate) {
      await rateNeed(at(30), actor, id, {
        stars: STARS[s.serial % STARS.length]!,
        comment: COMMENTS[s.serial % COMMENTS.length]!,
      });
    }
  };
  switch (s.scenario) {
    case 'posted':
      return;
    case 'cancelled':
      await cancelNeed(at(quick), actor, id, '问题已自行解决');
      return;
    case 'declined':
      await declineNeed(at(quick), actor, id, '属于物业服务范围，已转交物业公司');
      return;
    case 'dispatched':
      await dispatchTo(s.org.id);
      return;
    case 'refused':
      await dispatchTo(s.org.id);
      await refuseNeed(at(quick), actor, id, '本组织近期人手不足');
      return;
    case 'redispatched':
      await redispatchNeed(at(quick), actor, id, '本社区暂无能提供此服务的组织');
      return;
    case 'redispatchedTwice':
      await redispatchNeed(at(quick), actor, id, '本社区暂无能提供此服务的组织');
      await redispatchNeed(at(quick), actor, id, '街道内也没有合适的组织');
      return;
    case 'accepted':
      await dispatchTo(s.org.id);
      await serve();
      return;
    case 'acceptedAsActivity': {
      await dispatchTo(s.org.id);
      const start = new Date(Date.now() + (7 + (s.serial % 10)) * DAY);
      start.setUTCHours(1, 0, 0, 0); // 09:00 China time
      await acceptNeed(at(quick * 2), actor, id, {
        plan: 'activity',
        activity: {
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
          expectedParticipants: 20,
          venueRoomId: null,
        },
      });
      return;
    }
    case 'done':
      await dispatchTo(s.org.id);
      await serve();
      await finish(false);
      return;
    case 'rated':
      await dispatchTo(s.org.id);
      await serve();
      await finish(true);
      return;
    case 'ratedAfterRedispatch':
      await redispatchNeed(at(quick), actor, id, '本社区暂无能提供此服务的组织');
      await dispatchTo(s.townshipOrg.id);
      await serve();
      await finish(true);
      return;
  }
}
