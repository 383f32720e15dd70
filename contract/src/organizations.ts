import { z } from 'zod';
import { AreaCode } from './areas';

/** Tier (GLOSSARY): 依法登记 · 街道(乡镇)备案 · 社区指导. */
export const orgTiers = ['registered', 'filed', 'guided'] as const;
export type OrgTier = (typeof orgTiers)[number];

/** The four categories (004 box 2). */
export const orgCategories = ['charity', 'livingServices', 'communityAffairs', 'cultureSports'] as const;
export type OrgCategory = (typeof orgCategories)[number];

/** Hub kinds: an ordinary organization, a hub (枢纽型), or a federation (联合会). */
export const hubKinds = ['none', 'hub', 'federation'] as const;
export type HubKind = (typeof hubKinds)[number];

export const serviceTargets = [
  'elderly',
  'children',
  'youth',
  'women',
  'disabled',
  'unemployed',
  'migrantWorkers',
  'leftBehind',
  'familiesInDifficulty',
  'mentalDisorder',
  'atRiskYouth',
  'communityCorrections',
  'veterans',
  'allResidents',
] as const;
export type ServiceTarget = (typeof serviceTargets)[number];

export const partyOrgForms = ['standalone', 'joint', 'instructor', 'none'] as const;
export type PartyOrgForm = (typeof partyOrgForms)[number];

export const orgStatuses = ['active', 'suspended', 'abnormal', 'dissolved'] as const;
export type OrgStatus = (typeof orgStatuses)[number];

/** Chinese labels used by the survey template, exports and the console (zh-CN first). */
export const orgLabels = {
  tier: { registered: '依法登记', filed: '街道(乡镇)备案', guided: '社区指导' },
  category: { charity: '公益慈善类', livingServices: '生活服务类', communityAffairs: '社区事务类', cultureSports: '文体活动类' },
  hubKind: { none: '否', hub: '枢纽型组织', federation: '联合会' },
  serviceTarget: {
    elderly: '老年人',
    children: '儿童',
    youth: '青少年',
    women: '妇女',
    disabled: '残疾人',
    unemployed: '失业人员',
    migrantWorkers: '外来务工人员',
    leftBehind: '留守人员',
    familiesInDifficulty: '困难家庭',
    mentalDisorder: '精神障碍患者',
    atRiskYouth: '闲散青少年',
    communityCorrections: '社区矫正对象',
    veterans: '退役军人',
    allResidents: '全体居民',
  },
  partyOrg: { standalone: '单独组建党组织', joint: '联合组建党组织', instructor: '选派党建指导员', none: '暂无' },
  status: { active: '正常', suspended: '暂停活动', abnormal: '活动异常', dissolved: '已注销' },
} as const;

/** 004 box 2: the definitions shown as help text for the category. */
export const categoryDefinitions: Record<OrgCategory, string> = {
  charity:
    '以捐赠财产或提供服务等方式，自愿开展扶贫、济困、扶老、救孤、恤病、助残、优抚、救灾、助医、助学、环保等公益慈善活动的组织',
  livingServices: '开展社区养老、医疗保健、托幼、文化教育、就业培训、家政维修等便民利民服务的组织',
  communityAffairs:
    '开展社区卫生、治安巡逻、安全管理、心理健康、法律服务、社区矫正、物业协商、红白理事、纠纷调处、农村生产服务等活动的组织，以及社区各类老年人协会、残疾人协会、计划生育协会、妇女协会等组织',
  cultureSports: '开展文化、体育、娱乐等活动的组织',
};

export const OrgLeaderInput = z.object({
  name: z.string().trim().min(1, { message: 'name.required' }).max(50, { message: 'name.tooLong' }),
  role: z.enum(['leader', 'contact']),
  mobile: z.string(),
});

/** The fields of a record that a filing or the survey sets (status and tier change only through filings). */
export const OrgFields = z.object({
  name: z.string().trim().min(2, { message: 'org.name.tooShort' }).max(80, { message: 'org.name.tooLong' }),
  category: z.enum(orgCategories),
  hubKind: z.enum(hubKinds).default('none'),
  areaCode: AreaCode.describe('home area: a community or a township'),
  foundedOn: z.iso.date({ message: 'date.invalid' }),
  serviceTargets: z.array(z.enum(serviceTargets)).max(serviceTargets.length).default([]),
  venue: z.string().trim().max(200).default(''),
  memberCount: z.number().int().min(0).max(1_000_000),
  socialWorkerCount: z.number().int().min(0).max(10_000).default(0),
  certifiedSocialWorkerCount: z.number().int().min(0).max(10_000).default(0),
  partyOrg: z.enum(partyOrgForms).default('none'),
  charterPartyClause: z.boolean().default(false),
  creditCode: z.string().trim().toUpperCase().optional().describe('统一社会信用代码, required for registered organizations'),
});
export type OrgFields = z.infer<typeof OrgFields>;
