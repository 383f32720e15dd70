import type { GrantBody } from '@linli/contract/accounts';
import { ROOT_AREA_CODE } from '@linli/contract/areas';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { createUser, isMobileRegistered, userIdByMobile } from '../accounts/index';
import { seedDemoActivities } from './activities';
import { seedDemoNeeds } from './needs';
import { seedDemoOrganizations } from './organizations';
import { seedDemoReportTasks } from './report-tasks';
import { seedDemoVolunteers } from './volunteers';

/** 越秀区北京街道龙藏社区: its committee and an organization's administrator have demo sign-ins (activities). */
export const DEMO_COMMUNITY = '440104003107';

/** The demo sign-ins: real jurisdictions in 广州 and 成都; every account must change its password first. */
export const DEMO_PASSWORD = 'Linli#2026';

export const demoAccounts: { name: string; mobile: string; areaCode: string; grant: GrantBody; title: string }[] = [
  {
    title: '系统管理员（全国）',
    name: '系统管理员',
    mobile: '13800000000',
    areaCode: '000000000000',
    grant: { role: 'sysadmin', areaCode: '000000000000', areaLevel: 'country' },
  },
  {
    title: '广东省民政厅',
    name: '陈民政',
    mobile: '13800000001',
    areaCode: '440000000000',
    grant: { role: 'civilAffairs', areaCode: '440000000000', areaLevel: 'province' },
  },
  {
    title: '广州市民政局',
    name: '李广州',
    mobile: '13800000002',
    areaCode: '440100000000',
    grant: { role: 'civilAffairs', areaCode: '440100000000', areaLevel: 'city' },
  },
  {
    title: '越秀区民政局',
    name: '王越秀',
    mobile: '13800000003',
    areaCode: '440104000000',
    grant: { role: 'civilAffairs', areaCode: '440104000000', areaLevel: 'county' },
  },
  {
    title: '越秀区北京街道',
    name: '张北京街',
    mobile: '13800000004',
    areaCode: '440104003000',
    grant: { role: 'township', areaCode: '440104003000', areaLevel: 'township' },
  },
  {
    title: '成都市民政局',
    name: '刘成都',
    mobile: '13800000005',
    areaCode: '510100000000',
    grant: { role: 'civilAffairs', areaCode: '510100000000', areaLevel: 'city' },
  },
  {
    title: '成都市文明办',
    name: '赵文明',
    mobile: '13800000006',
    areaCode: '510100000000',
    grant: { role: 'civilizationOffice', areaCode: '510100000000', areaLevel: 'city' },
  },
  {
    title: '越秀区北京街道龙藏社区居委会（两委）',
    name: '何龙藏',
    mobile: '13800000007',
    areaCode: DEMO_COMMUNITY,
    grant: { role: 'committee', areaCode: DEMO_COMMUNITY, areaLevel: 'community' },
  },
  {
    title: '龙藏社区邻里文体队（组织管理员）',
    name: '梁文体',
    mobile: '13800000008',
    areaCode: DEMO_COMMUNITY,
    grant: { role: 'resident', areaCode: DEMO_COMMUNITY, areaLevel: 'community' },
  },
  {
    title: '龙藏社区志愿者（实名注册，已有服务时长）',
    name: '龙志愿',
    mobile: '13800000009',
    areaCode: DEMO_COMMUNITY,
    grant: { role: 'volunteer', areaCode: DEMO_COMMUNITY, areaLevel: 'community' },
  },
];

/** Creates the demo accounts that do not exist yet; returns how many were created. */
export async function seedDemo(deps: { db: Db; cipher: PersonalDataCipher }): Promise<number> {
  let created = 0;
  for (const account of demoAccounts) {
    if (await isMobileRegistered(deps, account.mobile)) {
      continue;
    }
    await createUser(deps, null, {
      name: account.name,
      mobile: account.mobile,
      areaCode: account.areaCode,
      initialPassword: DEMO_PASSWORD,
      grant: account.grant,
    });
    created++;
  }
  return created;
}

/** The demo registry, its activities and residents' needs, written by the demo system administrator through the real commands. */
export async function seedDemoRegistry(
  deps: { db: Db; cipher: PersonalDataCipher },
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const sysadmin = demoAccounts[0]!;
  const userId = await userIdByMobile(deps, sysadmin.mobile);
  if (!userId) {
    return 0;
  }
  const actor: Actor = {
    userId,
    name: sysadmin.name,
    mustChangePassword: false,
    grants: [{ id: 'demo-seed', role: 'sysadmin', areaCode: ROOT_AREA_CODE, areaLevel: 'country', orgId: null }],
    currentArea: null,
    sessionTokenHash: Buffer.alloc(0),
    csrfToken: '',
    sourceIp: 'linli seed --demo',
  };
  const organizations = await seedDemoOrganizations(deps, actor, onProgress);
  const orgAdmin = demoAccounts.find((a) => a.grant.role === 'resident')!;
  await seedDemoActivities(deps, actor, {
    community: DEMO_COMMUNITY,
    orgAdminId: await userIdByMobile(deps, orgAdmin.mobile),
  });
  await seedDemoNeeds(deps, actor);
  const volunteer = demoAccounts.find((a) => a.grant.role === 'volunteer')!;
  await seedDemoVolunteers(deps, actor, {
    community: DEMO_COMMUNITY,
    volunteerUserId: await userIdByMobile(deps, volunteer.mobile),
  });
  await seedDemoReportTasks(deps, {
    cityMobile: demoAccounts.find((a) => a.title === '广州市民政局')!.mobile,
    townshipMobile: demoAccounts.find((a) => a.title === '越秀区北京街道')!.mobile,
  });
  return organizations;
}
