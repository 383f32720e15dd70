import type { ActivityBody, ActivityField, ActivityKind, VenueBody } from '@linli/contract/activities';
import type { ServiceTarget } from '@linli/contract/organizations';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import {
  type ActivityDeps,
  cancelActivity,
  createActivity,
  createVenue,
  decideBooking,
  publishActivity,
  recordOutcome,
  requestBooking,
  reviewActivity,
  submitActivity,
} from '../activities/index';
import { decideFiling, establishOrganization } from '../organizations/index';

const DAY = 86_400_000;

/** What the demo activities are about, by field (the five fields of 000 三 / 001 二). */
const IDEAS: {
  title: string;
  field: ActivityField;
  campaign: string | null;
  kind: ActivityKind;
  targets: ServiceTarget[];
  n: number;
}[] = [
  {
    title: '党的二十大精神宣讲会',
    field: 'theory',
    campaign: null,
    kind: 'ordinary',
    targets: ['allResidents'],
    n: 60,
  },
  {
    title: '移风易俗倡议签名活动',
    field: 'customs',
    campaign: 'civicCulture',
    kind: 'ordinary',
    targets: ['allResidents'],
    n: 80,
  },
  {
    title: '垃圾分类入户宣传',
    field: 'customs',
    campaign: 'civicCulture',
    kind: 'ordinary',
    targets: ['allResidents'],
    n: 30,
  },
  {
    title: '中秋邻里游园会',
    field: 'cultureSports',
    campaign: 'neighborWatch',
    kind: 'festival',
    targets: ['allResidents'],
    n: 150,
  },
  {
    title: '广场舞展演',
    field: 'cultureSports',
    campaign: 'civicCulture',
    kind: 'performance',
    targets: ['elderly'],
    n: 120,
  },
  {
    title: '社区趣味运动会',
    field: 'cultureSports',
    campaign: null,
    kind: 'competition',
    targets: ['children', 'youth'],
    n: 90,
  },
  {
    title: '长者义剪与健康咨询',
    field: 'services',
    campaign: 'neighborWatch',
    kind: 'ordinary',
    targets: ['elderly'],
    n: 40,
  },
  { title: '四点半课堂作业辅导', field: 'services', campaign: null, kind: 'ordinary', targets: ['children'], n: 25 },
  {
    title: '加装电梯议事会',
    field: 'mediation',
    campaign: 'letsTalk',
    kind: 'ordinary',
    targets: ['allResidents'],
    n: 35,
  },
  {
    title: '邻里纠纷调解开放日',
    field: 'mediation',
    campaign: 'safeCommunity',
    kind: 'ordinary',
    targets: ['allResidents'],
    n: 30,
  },
  { title: '社区治理研讨会', field: 'theory', campaign: 'letsTalk', kind: 'seminar', targets: ['allResidents'], n: 50 },
  {
    title: '书画作品展',
    field: 'cultureSports',
    campaign: 'civicCulture',
    kind: 'exhibition',
    targets: ['elderly', 'youth'],
    n: 100,
  },
  {
    title: '“最美家庭”评选表彰',
    field: 'customs',
    campaign: 'civicCulture',
    kind: 'award',
    targets: ['allResidents'],
    n: 80,
  },
  {
    title: '平安巡逻志愿行动',
    field: 'mediation',
    campaign: 'safeCommunity',
    kind: 'ordinary',
    targets: ['allResidents'],
    n: 20,
  },
];

/** The life each demo activity has had by now. */
const SCENARIOS = [
  'completed',
  'completedMajor',
  'published',
  'draft',
  'awaitingAcknowledgement',
  'awaitingApproval',
  'rejected',
  'ready',
  'cancelled',
  'publishedMajor',
] as const;
type Scenario = (typeof SCENARIOS)[number];

const at = (daysFromNow: number, hour: number) => {
  const t = new Date(Date.now() + daysFromNow * DAY);
  t.setUTCHours(hour - 8, 0, 0, 0); // hour in China time
  return t.toISOString();
};

/**
 * Practice venues for the demo communities of 广州 and 成都, and a few dozen activities in every
 * status (a festival waiting for the committee's acknowledgement among them), written through
 * the real commands by the demo system administrator. Past activities are planned "in the
 * past" by standing the commands' clock before their deadlines.
 */
export async function seedDemoActivities(
  deps: { db: Db; cipher: PersonalDataCipher },
  actor: Actor,
  demo: { community: string; orgAdminId: string | null },
): Promise<number> {
  const { rows: existing } = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM activities');
  if (existing[0]!.n > 0) {
    return 0;
  }
  const ownOrg = demo.orgAdminId ? await demoOrganization(deps, actor, demo.community, demo.orgAdminId) : null;
  const { rows: orgs } = await deps.db.query<{ id: string; area_code: string; name: string }>(
    `SELECT DISTINCT ON (area_code) id, area_code, name FROM organizations
      WHERE status = 'active' AND (area_code LIKE '4401%' OR area_code LIKE '5101%')
      ORDER BY area_code, created_at`,
  );
  const chosen = ['4401', '5101'].flatMap((city) =>
    orgs.filter((o) => o.area_code.startsWith(city) && o.area_code !== demo.community).slice(0, 20),
  );
  if (ownOrg) {
    chosen.push({ id: ownOrg, area_code: demo.community, name: '龙藏社区邻里文体队' });
  }
  if (chosen.length === 0) {
    return 0;
  }

  // venues: the 越秀区 practice center, the 北京街道 institute, a station in each chosen community
  const venueRooms = new Map<string, string>();
  const venue = async (body: VenueBody) => {
    try {
      await createVenue(deps, actor, body);
    } catch {
      // an area missing from a reduced area tree: skip
    }
  };
  await venue({
    name: '越秀区新时代文明实践中心',
    kind: 'practiceCenter',
    areaCode: '440104000000',
    address: '越秀区东风中路',
    openingHours: '周二至周日 9:00–17:30',
    runByOrgId: null,
    managerName: '越秀区文明办',
    rooms: [
      { name: '报告厅', capacity: 300 },
      { name: '展厅', capacity: 200 },
    ],
  });
  await venue({
    name: '北京街新时代文明实践所',
    kind: 'practiceCenter',
    areaCode: '440104003000',
    address: '越秀区北京街道',
    openingHours: '周一至周五 9:00–18:00',
    runByOrgId: null,
    managerName: '北京街道党群服务中心',
    rooms: [{ name: '多功能厅', capacity: 120 }],
  });
  await venue({
    name: '锦江区党群服务中心',
    kind: 'partyMassCenter',
    areaCode: '510104000000',
    address: '成都市锦江区',
    openingHours: '周一至周日 9:00–21:00',
    runByOrgId: null,
    managerName: '锦江区党群服务中心',
    rooms: [{ name: '会议室', capacity: 80 }],
  });
  const { rows: communities } = await deps.db.query<{ code: string; name: string }>(
    'SELECT code, name FROM areas WHERE level = 5 AND code = ANY($1::text[])',
    [chosen.map((o) => o.area_code)],
  );
  for (const c of communities) {
    const short = c.name.replace(/(社区居委会|社区居民委员会|居委会|社区)$/, '');
    await venue({
      name: `${short}社区新时代文明实践站`,
      kind: 'practiceCenter',
      areaCode: c.code,
      address: `${short}社区党群服务站`,
      openingHours: '周二至周日 9:00–21:00',
      runByOrgId: null,
      managerName: '',
      rooms: [
        { name: '多功能室', capacity: 200 },
        { name: '议事室', capacity: 30 },
      ],
    });
  }
  const { rows: rooms } = await deps.db.query<{ id: string; area_code: string; capacity: number }>(
    `SELECT r.id, v.area_code, r.capacity FROM venue_rooms r JOIN practice_venues v ON v.id = r.venue_id
      WHERE r.name = '多功能室'`,
  );
  for (const r of rooms) {
    venueRooms.set(r.area_code, r.id);
  }

  let created = 0;
  let serial = 0;
  if (ownOrg) {
    // the demo committee's community: a festival waiting for its acknowledgement, and more
    for (const [i, scenario] of (['awaitingAcknowledgement', 'published', 'completed', 'draft'] as const).entries()) {
      try {
        await playScenario(deps, actor, {
          org: { id: ownOrg, area_code: demo.community },
          idea: pickIdea(scenario, i),
          scenario,
          roomId: venueRooms.get(demo.community) ?? null,
          serial: 100 + i,
        });
        created++;
      } catch {
        // as below
      }
    }
  }
  for (const org of chosen.filter((o) => o.id !== ownOrg)) {
    for (let k = 0; k < 2; k++) {
      const scenario: Scenario = SCENARIOS[serial % SCENARIOS.length]!;
      const idea = pickIdea(scenario, serial);
      serial++;
      try {
        await playScenario(deps, actor, { org, idea, scenario, roomId: venueRooms.get(org.area_code) ?? null, serial });
        created++;
      } catch {
        // keep going: a demo must start even if one story does not fit
      }
    }
  }
  return created;
}

function pickIdea(scenario: Scenario, serial: number) {
  const want: (k: ActivityKind) => boolean =
    scenario === 'completedMajor' || scenario === 'awaitingAcknowledgement' || scenario === 'publishedMajor'
      ? (k) => k === 'festival' || k === 'performance' || k === 'competition'
      : scenario === 'awaitingApproval' || scenario === 'rejected' || scenario === 'ready'
        ? (k) => k === 'seminar' || k === 'exhibition' || k === 'award'
        : (k) => k === 'ordinary';
  const fitting = IDEAS.filter((i) => want(i.kind));
  return fitting[serial % fitting.length]!;
}

async function playScenario(
  base: { db: Db; cipher: PersonalDataCipher },
  actor: Actor,
  s: {
    org: { id: string; area_code: string };
    idea: (typeof IDEAS)[number];
    scenario: Scenario;
    roomId: string | null;
    serial: number;
  },
) {
  const past = s.scenario === 'completed' || s.scenario === 'completedMajor';
  const offset = past ? -5 - (s.serial % 40) : 8 + (s.serial % 30);
  const startsAt = at(offset, 9 + (s.serial % 6));
  const endsAt = at(offset, 11 + (s.serial % 6));
  // planned well ahead: the commands' clock stands 20 days before the start
  const then: ActivityDeps = { ...base, now: () => new Date(new Date(startsAt).getTime() - 20 * DAY) };
  const deps: ActivityDeps = past ? then : base;
  const body: ActivityBody = {
    orgId: s.org.id,
    title: s.idea.title,
    content: `${s.idea.title}：由组织志愿者在社区开展，欢迎居民参加。`,
    field: s.idea.field,
    campaign: s.idea.campaign,
    kind: s.idea.kind,
    startsAt,
    endsAt,
    venueRoomId: s.roomId,
    address: s.roomId ? '' : '社区党群服务站',
    targetGroups: s.idea.targets,
    expectedParticipants: s.idea.n,
    partnerOrgIds: [],
  };
  const id = await createActivity(deps, actor, body);
  const ok = { decision: 'approve' as const, comment: '' };
  switch (s.scenario) {
    case 'draft':
      return;
    case 'completed':
    case 'published':
      await publishActivity(deps, actor, id);
      break;
    case 'completedMajor':
    case 'publishedMajor':
    case 'awaitingAcknowledgement':
      await submitActivity(deps, actor, id);
      if (s.scenario === 'awaitingAcknowledgement') {
        return;
      }
      await reviewActivity(deps, actor, id, 'report', { decision: 'approve', comment: '已知悉，请做好安全预案' });
      await publishActivity(deps, actor, id);
      break;
    case 'awaitingApproval':
      await submitActivity(deps, actor, id);
      return;
    case 'rejected':
      await submitActivity(deps, actor, id);
      await reviewActivity(deps, actor, id, 'approval', { decision: 'reject', comment: '请补充活动方案和嘉宾名单' });
      return;
    case 'ready':
      await submitActivity(deps, actor, id);
      await reviewActivity(deps, actor, id, 'approval', ok);
      if (s.idea.n >= 200) {
        await reviewActivity(deps, actor, id, 'report', ok);
      }
      return;
    case 'cancelled':
      await cancelActivity(deps, actor, id, '天气原因，活动取消');
      return;
  }
  if (past) {
    await recordOutcome(base, actor, id, {
      actualParticipants: Math.round(s.idea.n * 0.9),
      beneficiaries: s.idea.n + 20,
      summary: `${s.idea.title}顺利举行，居民反响良好，志愿者全程做好秩序维护。`,
    });
  } else if (s.roomId) {
    const booking = await requestBooking(base, actor, s.roomId, {
      orgId: s.org.id,
      activityId: id,
      startsAt,
      endsAt,
      purpose: s.idea.title,
    });
    if (s.serial % 2 === 0) {
      await decideBooking(base, actor, booking, { decision: 'confirm', reason: '' });
    }
  }
}

/**
 * 龙藏社区邻里文体队: filed by the demo resident and recorded by the committee (as the demo
 * system administrator), so the resident becomes its administrator and can plan activities.
 */
async function demoOrganization(
  deps: { db: Db; cipher: PersonalDataCipher },
  sysadmin: Actor,
  community: string,
  residentId: string,
): Promise<string | null> {
  const resident: Actor = {
    ...sysadmin,
    userId: residentId,
    name: '梁文体',
    grants: [{ id: 'demo-seed', role: 'resident', areaCode: community, areaLevel: 'community', orgId: null }],
  };
  try {
    const { orgId, filingId } = await establishOrganization(deps, resident, {
      name: '龙藏社区邻里文体队',
      tier: 'guided',
      category: 'cultureSports',
      hubKind: 'none',
      areaCode: community,
      foundedOn: '2019-03-01',
      serviceTargets: ['elderly', 'allResidents'],
      venue: '龙藏社区新时代文明实践站',
      memberCount: 36,
      socialWorkerCount: 1,
      certifiedSocialWorkerCount: 0,
      partyOrg: 'instructor',
      charterPartyClause: true,
      leaders: [{ name: '梁文体', role: 'leader', mobile: '13800000008' }],
    });
    await decideFiling(deps, sysadmin, filingId, 'committeeOpinion', { decision: 'approve', comment: '' });
    return orgId;
  } catch {
    return null;
  }
}
