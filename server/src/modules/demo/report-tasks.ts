import type { GrantBody } from '@linli/contract/accounts';
import type { Answers, ReportTaskBody } from '@linli/contract/report-tasks';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { createUser, isMobileRegistered, userIdByMobile } from '../accounts/index';
import {
  createTask,
  type ReportTaskDeps,
  returnSubmission,
  saveDraft,
  sendTask,
  submit,
  sweepReminders,
} from '../report-tasks/index';

const DAY = 86_400_000;
const chinaDay = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The demo summary report (001 三.四 "各区于2022年11月30日前报送社区社会组织培育发展工作总结"). */
export const DEMO_SUMMARY_TITLE = '社区社会组织培育发展工作总结';

/** District officers who answer in the demo (广州's districts other than 越秀, whose demo officer is left to fill in). */
const DISTRICT_OFFICERS: { code: string; name: string; mobile: string }[] = [
  { code: '440103000000', name: '黄荔湾', mobile: '13800001103' },
  { code: '440105000000', name: '何海珠', mobile: '13800001105' },
  { code: '440106000000', name: '苏天河', mobile: '13800001106' },
  { code: '440111000000', name: '白云飞', mobile: '13800001111' },
  { code: '440112000000', name: '梁黄埔', mobile: '13800001112' },
  { code: '440113000000', name: '潘禺生', mobile: '13800001113' },
];

/** Township officers who answer 广州市's task to every township (北京街道's demo officer is left to fill in). */
const TOWNSHIP_OFFICERS: { code: string; name: string; mobile: string }[] = [
  { code: '440104004000', name: '罗六榕', mobile: '13800001201' },
  { code: '440103001000', name: '邓沙面', mobile: '13800001202' },
  { code: '440106001000', name: '冯五山', mobile: '13800001203' },
];

/** The demo task straight to every 街道/乡镇 of 广州市 (two levels down). */
export const DEMO_TOWNSHIP_TITLE = '街道（乡镇）社区社会组织联合会建设情况';

/** Creates the demo officers that do not exist yet, with the actor of each for the commands. */
async function demoOfficers(
  deps: { db: Db; cipher: PersonalDataCipher },
  officers: { code: string; name: string; mobile: string }[],
  role: GrantBody['role'],
  level: 3 | 4,
): Promise<{ code: string; name: string; actor: Actor }[]> {
  const result: { code: string; name: string; actor: Actor }[] = [];
  for (const d of officers) {
    const grant: GrantBody = { role, areaCode: d.code, areaLevel: level === 3 ? 'county' : 'township' };
    if (!(await isMobileRegistered(deps, d.mobile))) {
      await createUser(deps, null, {
        name: d.name,
        mobile: d.mobile,
        areaCode: d.code,
        initialPassword: `Demo#${d.mobile.slice(-4)}x`,
        grant,
      });
    }
    const id = (await userIdByMobile(deps, d.mobile))!;
    const area = await deps.db.query<{ name: string }>('SELECT name FROM areas WHERE code = $1 AND level = $2', [
      d.code,
      level,
    ]);
    result.push({ code: d.code, name: area.rows[0]?.name ?? d.code, actor: officerActor(id, d.name, grant) });
  }
  return result;
}

function summaryBody(deadline: string): ReportTaskBody {
  return {
    title: DEMO_SUMMARY_TITLE,
    instructions:
      '根据《广州市培育发展社区社会组织专项行动实施方案》三.四，请各区总结专项行动开展情况，' +
      '于截止日期前报送工作总结，并上传加盖公章的总结报告。',
    deadline,
    remindDaysBefore: 3,
    fields: [
      { id: 'summary', kind: 'longText', label: '工作总结', isRequired: true },
      { id: 'orgcount', kind: 'number', label: '社区社会组织总数', unit: '个', isRequired: true },
      { id: 'newcount', kind: 'number', label: '本年度新培育', unit: '个', isRequired: true },
      { id: 'hubs', kind: 'number', label: '建有枢纽型组织的街道', unit: '个', isRequired: true },
      {
        id: 'target',
        kind: 'singleChoice',
        label: '每个街道至少1个枢纽型组织',
        options: ['已完成', '未完成'],
        isRequired: true,
      },
      {
        id: 'areas',
        kind: 'multipleChoice',
        label: '重点培育领域',
        options: ['养老服务', '儿童关爱', '助残', '社区治理', '文体活动'],
        isRequired: false,
      },
      { id: 'contact', kind: 'text', label: '联系人及电话', isRequired: false },
      { id: 'report', kind: 'file', label: '总结报告（盖章扫描件）', isRequired: false },
    ],
  };
}

function summaryAnswers(i: number, districtName: string): Answers {
  return {
    summary: `${districtName}按照专项行动方案，健全培育机制，依托街道社区社会组织联合会开展孵化培育，全年新培育社区社会组织${20 + i * 7}家。`,
    orgcount: 300 + i * 45,
    newcount: 20 + i * 7,
    hubs: 8 + i,
    target: i % 3 === 2 ? '未完成' : '已完成',
    areas: ['养老服务', '社区治理', i % 2 === 0 ? '儿童关爱' : '文体活动'],
  };
}

const officerActor = (userId: string, name: string, grant: GrantBody): Actor => ({
  userId,
  name,
  mustChangePassword: false,
  grants: [
    {
      id: `demo-${grant.areaCode}`,
      role: grant.role,
      areaCode: grant.areaCode,
      areaLevel: grant.areaLevel,
      orgId: null,
    },
  ],
  currentArea: null,
  sessionTokenHash: Buffer.alloc(0),
  csrfToken: '',
  sourceIp: 'linli seed --demo',
});

/**
 * The demo report tasks, through the real commands at the times they would have happened:
 * 广州市's summary report to its districts (sent three weeks ago, due two days ago: most districts
 * answered, one late, one returned for changes, one draft, 越秀 — the demo district officer — not
 * yet), a quarterly count due in two days with reminders out, 北京街道's task to its
 * communities (the demo committee of 龙藏 has it to fill in), and 广州市's task straight to every
 * township (three answered; 北京街道's demo officer has it open). A second run adds nothing.
 */
export async function seedDemoReportTasks(
  deps: { db: Db; cipher: PersonalDataCipher },
  accounts: { cityMobile: string; townshipMobile: string; now?: Date },
): Promise<number> {
  const { rows } = await deps.db.query('SELECT 1 FROM report_tasks WHERE title = $1 LIMIT 1', [DEMO_SUMMARY_TITLE]);
  const cityId = await userIdByMobile(deps, accounts.cityMobile);
  const townshipId = await userIdByMobile(deps, accounts.townshipMobile);
  if (rows.length > 0 || !cityId || !townshipId) {
    return 0;
  }
  const now = accounts.now ?? new Date();
  const at = (daysAgo: number, hour = 10): ReportTaskDeps => ({
    ...deps,
    now: () =>
      new Date(
        new Date(`${chinaDay(new Date(now.getTime() - daysAgo * DAY))}T00:00:00+08:00`).getTime() + hour * 3_600_000,
      ),
  });
  const city = officerActor(cityId, '李广州', { role: 'civilAffairs', areaCode: '440100000000', areaLevel: 'city' });
  const township = officerActor(townshipId, '张北京街', {
    role: 'township',
    areaCode: '440104003000',
    areaLevel: 'township',
  });

  const districts = await demoOfficers(deps, DISTRICT_OFFICERS, 'civilAffairs', 3);
  const townships = await demoOfficers(deps, TOWNSHIP_OFFICERS, 'township', 4);

  // 1. the summary report: sent 21 days ago, due 2 days ago
  const deadline = chinaDay(new Date(now.getTime() - 2 * DAY));
  const summary = await createTask(at(22), city, summaryBody(deadline));
  await sendTask(at(21), city, summary.id);
  const [liwan, haizhu, tianhe, baiyun, huangpu, panyu] = districts as [
    (typeof districts)[0],
    (typeof districts)[0],
    (typeof districts)[0],
    (typeof districts)[0],
    (typeof districts)[0],
    (typeof districts)[0],
  ];
  await submit(at(8), haizhu.actor, summary.id, haizhu.code, summaryAnswers(1, haizhu.name));
  await submit(at(5, 16), tianhe.actor, summary.id, tianhe.code, summaryAnswers(2, tianhe.name));
  await submit(at(3, 9), liwan.actor, summary.id, liwan.code, summaryAnswers(0, liwan.name));
  await submit(at(6), huangpu.actor, summary.id, huangpu.code, summaryAnswers(4, huangpu.name));
  await returnSubmission(at(4), city, summary.id, huangpu.code, {
    reason: '请补充枢纽型组织覆盖街道的名单，并上传盖章的总结报告',
  });
  await saveDraft(at(3), baiyun.actor, summary.id, baiyun.code, { summary: '白云区工作总结（初稿）', orgcount: 410 });
  // 番禺 answers a day after the deadline: accepted, marked late
  await submit(at(1, 11), panyu.actor, summary.id, panyu.code, summaryAnswers(5, panyu.name));

  // 2. a quarterly count due in two days: reminders are out to those who have not answered
  const quarterly = await createTask(at(10), city, {
    title: '社区社会组织数量季度统计',
    instructions: '请填报截至本季度末的社区社会组织数量，用于全市统计。',
    deadline: chinaDay(new Date(now.getTime() + 2 * DAY)),
    remindDaysBefore: 3,
    fields: [
      { id: 'registered', kind: 'number', label: '依法登记', unit: '个', isRequired: true },
      { id: 'filed', kind: 'number', label: '街道(乡镇)备案', unit: '个', isRequired: true },
      { id: 'guided', kind: 'number', label: '社区指导', unit: '个', isRequired: true },
      { id: 'asof', kind: 'date', label: '统计截止日期', isRequired: true },
    ],
  });
  await sendTask(at(10), city, quarterly.id);
  await submit(at(2), haizhu.actor, quarterly.id, haizhu.code, {
    registered: 38,
    filed: 142,
    guided: 260,
    asof: chinaDay(new Date(now.getTime() - 2 * DAY)),
  });
  await sweepReminders({ ...deps, now: () => now });

  // 3. 北京街道 asks its communities for their organizations (the demo committee of 龙藏 has it open)
  const township3 = await createTask(at(2), township, {
    title: '社区社会组织摸底登记',
    instructions: '请各社区登记本社区的社区社会组织，并上传摸底表（可用附件模板）。',
    deadline: chinaDay(new Date(now.getTime() + 7 * DAY)),
    fields: [
      { id: 'count', kind: 'number', label: '社区社会组织数量', unit: '个', isRequired: true },
      { id: 'needs', kind: 'longText', label: '培育发展中的困难和需求', isRequired: false },
      { id: 'sheet', kind: 'file', label: '摸底表', isRequired: false },
    ],
  });
  await sendTask(at(2), township, township3.id);

  // 4. 广州市 straight to every 街道/乡镇 of the city: three have answered, 北京街道 (the demo
  // township officer) has it open, 越秀区 (the demo district officer) reads its own townships' part
  const direct = await createTask(at(6), city, {
    title: DEMO_TOWNSHIP_TITLE,
    instructions: '请各街道（乡镇）填报本街道社区社会组织联合会（服务中心）建设情况，用于全市专项行动总结。',
    deadline: chinaDay(new Date(now.getTime() + 5 * DAY)),
    remindDaysBefore: 3,
    addresseeLevel: 'township',
    fields: [
      {
        id: 'hub',
        kind: 'singleChoice',
        label: '是否已建立社区社会组织联合会',
        options: ['是', '否'],
        isRequired: true,
      },
      { id: 'members', kind: 'number', label: '联合会成员组织', unit: '个', isRequired: true },
      { id: 'notes', kind: 'longText', label: '工作亮点', isRequired: false },
    ],
  });
  await sendTask(at(6), city, direct.id);
  for (const [i, t] of townships.entries()) {
    await submit(at(4 - i, 10 + i), t.actor, direct.id, t.code, {
      hub: i === 2 ? '否' : '是',
      members: 12 + i * 9,
      notes: `${t.name}以联合会为平台，统筹辖内社区社会组织参与为老服务和社区治理。`,
    });
  }
  return 4;
}
