import type { ActivityField } from '@linli/contract/activities';
import { type ProjectBody, volunteerSkills } from '@linli/contract/volunteers';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import {
  addToRoster,
  backfillRecord,
  confirmRecords,
  correctRecord,
  createProject,
  createStation,
  joinTeam,
  recordAttendance,
  registerSelf,
  registerVolunteer,
  removeFromRoster,
  requestCorrection,
  setProjectStatus,
  signUp,
  type VolunteerDeps,
} from '../volunteers/index';

const DAY = 86_400_000;
const SURNAMES = '陈李张王刘黄杨赵吴周徐孙马朱胡郭何林罗梁宋郑谢韩唐冯';
const GIVEN = [
  '志强',
  '秀英',
  '建华',
  '丽娟',
  '国平',
  '晓红',
  '伟',
  '芳',
  '海燕',
  '明',
  '桂兰',
  '德胜',
  '小燕',
  '子涵',
  '浩然',
];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A made-up ID number with a valid check character (the region is the community's county). */
function demoIdNumber(county: string, n: number): string {
  const year = 1950 + (n % 55);
  const body = `${county.slice(0, 6)}${year}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(body[i]) * ID_WEIGHTS[i]!;
  }
  return `${body}${ID_CHECK[sum % 11]}`;
}

const IDEAS: { title: string; content: string; field: ActivityField }[] = [
  { title: '独居长者探访', content: '入户探访独居长者，陪伴聊天、测量血压', field: 'services' },
  { title: '四点半课堂辅导', content: '为双职工家庭孩子辅导作业', field: 'services' },
  { title: '垃圾分类督导', content: '在投放点引导居民分类投放', field: 'customs' },
  { title: '邻里纠纷调解值班', content: '在调解室值班，协助化解邻里纠纷', field: 'mediation' },
  { title: '社区运动会服务', content: '赛事引导、秩序维护和后勤保障', field: 'cultureSports' },
  { title: '理论宣讲进小区', content: '协助宣讲员布置场地、组织居民听讲', field: 'theory' },
];

/** A China-time ISO moment `days` from now at `hour`:`minute`. */
const at = (days: number, hour: number, minute = 0) => {
  const t = new Date(Date.now() + days * DAY);
  t.setUTCHours(hour - 8, minute, 0, 0);
  return t;
};
const chinaDate = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A few hundred volunteers in the 广州 and 成都 demo communities, their stations and teams,
 * projects (draft, recruiting with waiting lists, closed), sign-ups, and service records in
 * every state — checked in, pending, overdue, confirmed, corrected, back-filled, with a
 * correction request — written through the real commands. Past shifts are played by standing
 * the commands' clock at the right moment. The demo volunteer account gets a star's worth of hours.
 */
export async function seedDemoVolunteers(
  base: { db: Db; cipher: PersonalDataCipher },
  actor: Actor,
  demo: { community: string; volunteerUserId: string | null },
): Promise<number> {
  const { rows: existing } = await base.db.query<{ n: number }>('SELECT count(*)::int AS n FROM volunteers');
  if (existing[0]!.n > 0) {
    return 0;
  }
  const { rows: orgs } = await base.db.query<{ id: string; area_code: string; name: string }>(
    `SELECT DISTINCT ON (o.area_code) o.id, o.area_code, o.name FROM organizations o
       JOIN areas a ON a.code = o.area_code AND a.level = 5
      WHERE o.status = 'active' AND (o.area_code LIKE '4401%' OR o.area_code LIKE '5101%')
      ORDER BY o.area_code, (o.area_code = $1) DESC, o.created_at`,
    [demo.community],
  );
  const chosen = [
    ...orgs.filter((o) => o.area_code === demo.community),
    ...['4401', '5101'].flatMap((city) =>
      orgs.filter((o) => o.area_code.startsWith(city) && o.area_code !== demo.community).slice(0, 6),
    ),
  ];
  const deps: VolunteerDeps = base;
  let serial = 0;
  let volunteers = 0;
  for (const [k, org] of chosen.entries()) {
    try {
      await createStation(deps, actor, {
        name: `${org.name.slice(0, 12)}志愿服务站`,
        areaCode: org.area_code,
        address: '社区党群服务站一楼',
        venueId: null,
        runByOrgId: org.id,
        contactName: '站长',
      });
    } catch {
      // a station of that name exists
    }
    const team: string[] = [];
    for (let i = 0; i < 25; i++) {
      serial++;
      try {
        team.push(
          await registerVolunteer(deps, actor, {
            orgId: org.id,
            name: `${SURNAMES[serial % SURNAMES.length]}${GIVEN[serial % GIVEN.length]}`,
            idNumber: demoIdNumber(org.area_code, serial),
            mobile: `139${String(80_000_000 + serial).slice(-8)}`,
            areaCode: org.area_code,
            skills: [
              volunteerSkills[serial % volunteerSkills.length]!,
              volunteerSkills[(serial * 7) % volunteerSkills.length]!,
            ],
            serviceAreaCodes: [org.area_code],
            availability: [['sat:morning', 'sun:afternoon', 'wed:evening'][serial % 3]!],
            stationId: null,
          }),
        );
        volunteers++;
      } catch {
        // an ID number already used: skip
      }
    }
    try {
      await playProjects(deps, actor, org, team, k);
    } catch {
      // keep going: a demo must start even if one story does not fit
    }
  }
  if (demo.volunteerUserId && chosen[0]?.area_code === demo.community) {
    try {
      await demoVolunteer(deps, actor, chosen[0], demo.volunteerUserId);
      volunteers++;
    } catch {
      // as above
    }
  }
  return volunteers;
}

function body(orgId: string, idea: (typeof IDEAS)[number], shifts: Date[], places: number): ProjectBody {
  return {
    orgId,
    title: idea.title,
    description: `${idea.title}：欢迎热心居民报名参加。`,
    serviceContent: idea.content,
    field: idea.field,
    address: '社区党群服务站',
    minAge: 16,
    maxAge: null,
    // skills are asked for by real projects; the demo teams' skills are random, so none here
    requiredSkills: [],
    activityId: null,
    roles: [
      { name: '服务志愿者', description: '', places },
      { name: '后勤志愿者', description: '签到、拍照、物资', places: 2 },
    ],
    shifts: shifts.map((s) => ({
      date: chinaDate(s),
      startTime: new Date(s.getTime() + 8 * 3_600_000).toISOString().slice(11, 16),
      endTime: new Date(s.getTime() + 8 * 3_600_000 + 3 * 3_600_000).toISOString().slice(11, 16),
    })),
  };
}

async function shiftsOf(deps: VolunteerDeps, projectId: string) {
  const { rows: shifts } = await deps.db.query<{ id: string; starts_at: Date; ends_at: Date }>(
    'SELECT id, starts_at, ends_at FROM volunteer_shifts WHERE project_id = $1 ORDER BY starts_at',
    [projectId],
  );
  const { rows: roles } = await deps.db.query<{ id: string }>(
    'SELECT id FROM volunteer_project_roles WHERE project_id = $1 ORDER BY position',
    [projectId],
  );
  return { shifts, roles };
}

/**
 * Per organization: a past project whose shifts were worked (records pending, overdue,
 * confirmed, one corrected, one still open), a recruiting project with a full shift and a
 * waiting list, a closed one and a draft.
 */
async function playProjects(
  base: VolunteerDeps,
  actor: Actor,
  org: { id: string; area_code: string },
  team: string[],
  k: number,
) {
  const idea = (n: number) => IDEAS[(k + n) % IDEAS.length]!;
  // past: two shifts, 40 and 5 days ago; planned 60 days ago
  const pastStarts = [at(-40, 9), at(-5, 14)];
  const then = (t: Date): VolunteerDeps => ({ ...base, now: () => t });
  const past = await createProject(then(at(-60, 9)), actor, body(org.id, idea(0), pastStarts, 6));
  await setProjectStatus(then(at(-60, 10)), actor, past, 'published');
  const { shifts, roles } = await shiftsOf(base, past);
  for (const [s, shift] of shifts.entries()) {
    const crew = team.slice(s * 7, s * 7 + 7);
    // six places for seven: the seventh waits
    for (const v of crew) {
      await addToRoster(then(at(-50, 9)), actor, shift.id, { roleId: roles[0]!.id, volunteerId: v });
    }
    const confirmed = crew.slice(0, 6);
    const records: string[] = [];
    for (const [i, v] of confirmed.entries()) {
      const inAt = new Date(shift.starts_at.getTime() + (i - 2) * 60_000);
      await recordAttendance(then(inAt), actor, shift.id, { volunteerId: v, action: 'checkIn' });
      if (s === 1 && i === 5) {
        continue; // forgot to check out: an open record
      }
      const outAt = new Date(shift.ends_at.getTime() + (i * 7 - 10) * 60_000 + 25_000);
      records.push(await recordAttendance(then(outAt), actor, shift.id, { volunteerId: v, action: 'checkOut' }));
    }
    if (s === 0) {
      // the older shift: mostly confirmed, one corrected, two left pending (now overdue)
      const confirmer = then(new Date(shift.ends_at.getTime() + 3 * DAY));
      await confirmRecords(confirmer, actor, records.slice(0, 3));
      await correctRecord(confirmer, actor, records[0]!, {
        endedAt: new Date(shift.ends_at.getTime() + 30 * 60_000).toISOString(),
        reason: '按现场签到表更正签退时间',
      });
    }
  }
  // back-filled earlier service (谁组织谁记录), confirmed
  const filled = await backfillRecord(then(at(-80, 18)), actor, {
    orgId: org.id,
    volunteerId: team[20]!,
    projectId: null,
    projectTitle: '春节慰问困难家庭',
    areaCode: org.area_code,
    address: '社区党群服务站',
    startedAt: at(-90, 9).toISOString(),
    endedAt: at(-90, 12, 30).toISOString(),
    content: '入户送春联、慰问品',
  });
  await confirmRecords(then(at(-80, 19)), actor, [filled]);

  // recruiting: one shift full with a waiting list, one with places left
  const open = await createProject(base, actor, body(org.id, idea(1), [at(6 + (k % 5), 9), at(13, 15)], 4));
  await setProjectStatus(base, actor, open, 'published');
  const next = await shiftsOf(base, open);
  const signups: string[] = [];
  for (const v of team.slice(8, 15)) {
    signups.push(await addToRoster(base, actor, next.shifts[0]!.id, { roleId: next.roles[0]!.id, volunteerId: v }));
  }
  // one drops out: the first in the waiting list moves up
  await removeFromRoster(base, actor, next.shifts[0]!.id, signups[1]!);
  for (const v of team.slice(15, 17)) {
    await addToRoster(base, actor, next.shifts[1]!.id, { roleId: next.roles[0]!.id, volunteerId: v });
  }
  // closed after its recruiting, and a draft
  const closed = await createProject(base, actor, body(org.id, idea(2), [at(20, 9)], 3));
  await setProjectStatus(base, actor, closed, 'published');
  await setProjectStatus(base, actor, closed, 'closed');
  await createProject(base, actor, body(org.id, idea(3), [at(30, 9)], 5));
}

/**
 * The demo volunteer (13800000009): registered under a real name, in the demo organization's
 * team, a year of back-filled service (just over 100 hours: one star), a correction request
 * waiting, and a place on the next recruiting shift.
 */
async function demoVolunteer(
  base: VolunteerDeps,
  sysadmin: Actor,
  org: { id: string; area_code: string },
  userId: string,
) {
  const me: Actor = {
    ...sysadmin,
    userId,
    name: '龙志愿',
    grants: [{ id: 'demo-seed', role: 'volunteer', areaCode: org.area_code, areaLevel: 'community', orgId: null }],
  };
  const volunteerId = await registerSelf(base, me, {
    name: '龙志愿',
    idNumber: demoIdNumber(org.area_code, 999),
    mobile: '13800000009',
    areaCode: org.area_code,
    skills: ['firstAid', 'elderlyCare', 'photography'],
    serviceAreaCodes: [org.area_code],
    availability: ['sat:morning', 'sun:morning'],
    stationId: null,
  });
  await joinTeam(base, me, org.id);
  const then = (t: Date): VolunteerDeps => ({ ...base, now: () => t });
  const records: string[] = [];
  for (let w = 0; w < 26; w++) {
    const day = -360 + w * 13;
    records.push(
      await backfillRecord(then(at(day + 1, 9)), sysadmin, {
        orgId: org.id,
        volunteerId,
        projectId: null,
        projectTitle: IDEAS[w % IDEAS.length]!.title,
        areaCode: org.area_code,
        address: '龙藏社区',
        startedAt: at(day, 8, 30).toISOString(),
        endedAt: at(day, 12, 40).toISOString(),
        content: IDEAS[w % IDEAS.length]!.content,
      }),
    );
  }
  await confirmRecords(then(at(-5, 9)), sysadmin, records);
  await requestCorrection(then(at(-4, 9)), me, records.at(-1)!, {
    endedAt: at(-360 + 25 * 13, 13, 10).toISOString(),
    reason: '当天服务到13点10分才结束',
  });
  const { rows } = await base.db.query<{ shift_id: string; role_id: string }>(
    `SELECT sl.shift_id, sl.role_id FROM volunteer_slots sl JOIN volunteer_shifts sh ON sh.id = sl.shift_id
       JOIN volunteer_projects p ON p.id = sh.project_id
      WHERE p.org_id = $1 AND p.status = 'published' AND sh.starts_at > now() AND sl.confirmed < sl.places
      ORDER BY sh.starts_at LIMIT 1`,
    [org.id],
  );
  if (rows[0]) {
    await signUp(base, me, rows[0].shift_id, rows[0].role_id);
  }
}
