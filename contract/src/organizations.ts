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
  category: {
    charity: '公益慈善类',
    livingServices: '生活服务类',
    communityAffairs: '社区事务类',
    cultureSports: '文体活动类',
  },
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

/** The fields of a record, without defaults: partial bodies (changes) must not invent values. */
const orgFieldShape = {
  name: z.string().trim().min(2, { message: 'org.name.tooShort' }).max(80, { message: 'org.name.tooLong' }),
  category: z.enum(orgCategories),
  hubKind: z.enum(hubKinds),
  areaCode: AreaCode.describe('home area: a community or a township'),
  foundedOn: z.iso.date({ message: 'date.invalid' }),
  serviceTargets: z.array(z.enum(serviceTargets)).max(serviceTargets.length),
  venue: z.string().trim().max(200),
  memberCount: z.number().int().min(0).max(1_000_000),
  socialWorkerCount: z.number().int().min(0).max(10_000),
  certifiedSocialWorkerCount: z.number().int().min(0).max(10_000),
  partyOrg: z.enum(partyOrgForms),
  charterPartyClause: z.boolean(),
  creditCode: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .describe('统一社会信用代码, required for registered organizations'),
};

/** The fields a new record gets (status and tier change only through filings); omitted ones take defaults. */
export const OrgFields = z.object({
  ...orgFieldShape,
  hubKind: orgFieldShape.hubKind.default('none'),
  serviceTargets: orgFieldShape.serviceTargets.default([]),
  venue: orgFieldShape.venue.default(''),
  socialWorkerCount: orgFieldShape.socialWorkerCount.default(0),
  certifiedSocialWorkerCount: orgFieldShape.certifiedSocialWorkerCount.default(0),
  partyOrg: orgFieldShape.partyOrg.default('none'),
  charterPartyClause: orgFieldShape.charterPartyClause.default(false),
});
export type OrgFields = z.infer<typeof OrgFields>;

export const filingActs = ['establish', 'change', 'dissolve', 'upgrade'] as const;
export type FilingAct = (typeof filingActs)[number];
export const filingStates = [
  'awaitingCommittee',
  'awaitingTownship',
  'awaitingCivilAffairs',
  'returned',
  'approved',
  'rejected',
] as const;
export type FilingState = (typeof filingStates)[number];
export const filingSteps = [
  'submit',
  'resubmit',
  'committeeOpinion',
  'townshipDecision',
  'civilAffairsRecord',
] as const;
export type FilingStep = (typeof filingSteps)[number];
export const filingDecisions = ['approve', 'reject', 'returnForChanges'] as const;
export type FilingDecision = (typeof filingDecisions)[number];

export const EstablishBody = OrgFields.extend({
  tier: z.enum(orgTiers),
  leaders: z.array(OrgLeaderInput).min(1, { message: 'org.leaders.required' }).max(10),
});
export type EstablishBody = z.infer<typeof EstablishBody>;

export const ChangeBody = z
  .object(orgFieldShape)
  .omit({ creditCode: true, areaCode: true })
  .partial()
  .extend({
    leaders: z.array(OrgLeaderInput).min(1).max(10).optional(),
  });
export type ChangeBody = z.infer<typeof ChangeBody>;

export const DissolveBody = z.object({ reason: z.string().trim().min(2, { message: 'reason.required' }).max(500) });
export const UpgradeBody = z.object({ creditCode: z.string().trim().toUpperCase().optional() });

export const DecisionBody = z
  .object({
    decision: z.enum(filingDecisions),
    comment: z.string().trim().max(1000).default(''),
  })
  .refine((b) => b.decision === 'approve' || b.comment.length >= 2, {
    message: 'reason.required',
    path: ['comment'],
  });
export type DecisionBody = z.infer<typeof DecisionBody>;

export const StatusBody = z.object({
  status: z.enum(['active', 'suspended', 'abnormal']),
  reason: z.string().trim().min(2, { message: 'reason.required' }).max(500),
});

export const OrgParams = z.object({ id: z.uuid({ message: 'id.invalid' }) });

export const Leader = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['leader', 'contact']),
  mobileMasked: z.string(),
});

export const FilingStepView = z.object({
  step: z.enum(filingSteps),
  decision: z.enum(filingDecisions).nullable(),
  comment: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  at: z.string(),
});

export const Filing = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  act: z.enum(filingActs),
  tier: z.enum(orgTiers),
  state: z.enum(filingStates),
  proposed: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  areaCode: z.string(),
  areaFullName: z.string(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  steps: z.array(FilingStepView),
  abilities: z.object({
    committeeOpinion: z.boolean(),
    townshipDecision: z.boolean(),
    civilAffairsRecord: z.boolean(),
    resubmit: z.boolean(),
  }),
});
export type Filing = z.infer<typeof Filing>;

export const orgRecordStatuses = ['pending', 'notEstablished', ...orgStatuses] as const;

/** 章程: the organization's (simplified) charter, one file, replaced by a newer upload. */
export const charterFileTypes = ['pdf', 'docx', 'doc', 'jpg', 'png'] as const;
export const CHARTER_MAX_BYTES = 10 * 1024 * 1024;
export const CharterFile = z.object({
  fileName: z.string(),
  fileType: z.enum(charterFileTypes),
  size: z.number(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});
export type CharterFile = z.infer<typeof CharterFile>;

export const Organization = z.object({
  id: z.string(),
  name: z.string(),
  tier: z.enum(orgTiers),
  category: z.enum(orgCategories),
  hubKind: z.enum(hubKinds),
  areaCode: z.string(),
  areaFullName: z.string(),
  foundedOn: z.string(),
  serviceTargets: z.array(z.enum(serviceTargets)),
  venue: z.string(),
  memberCount: z.number(),
  socialWorkerCount: z.number(),
  certifiedSocialWorkerCount: z.number(),
  partyOrg: z.enum(partyOrgForms),
  charterPartyClause: z.boolean(),
  creditCode: z.string().nullable(),
  status: z.enum(orgRecordStatuses),
  statusReason: z.string().nullable(),
  leaders: z.array(Leader),
  filings: z.array(Filing),
  /** the charter file (章程), when one has been uploaded */
  charter: CharterFile.nullable(),
  abilities: z.object({
    fileChange: z.boolean(),
    fileDissolve: z.boolean(),
    fileUpgrade: z.boolean(),
    supervise: z.boolean(),
    uploadCharter: z.boolean(),
  }),
});
export type Organization = z.infer<typeof Organization>;

export const OrgSummary = Organization.omit({ leaders: true, filings: true, abilities: true, charter: true });
export type OrgSummary = z.infer<typeof OrgSummary>;

export const OrgListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(80)
    .optional()
    .describe('two or more characters of the name, a credit code, or a leader’s mobile'),
  tier: z.enum(orgTiers).optional(),
  category: z.enum(orgCategories).optional(),
  hubKind: z.enum(hubKinds).optional(),
  status: z.enum(orgRecordStatuses).optional(),
  serviceTarget: z.enum(serviceTargets).optional(),
  partyOrg: z.enum(partyOrgForms).optional(),
  foundedYear: z.coerce.number().int().min(1949).max(2100).optional(),
  // the dashboard's drill-down filters (C11): each figure opens the list whose length it is
  areaCode: AreaCode.optional().describe('narrow to this subtree of the jurisdiction'),
  established: z
    .enum(['true'])
    .optional()
    .describe('active, suspended or abnormal (not pending, not established or dissolved)'),
  isHub: z.enum(['true']).optional().describe('hub organizations and federations'),
  hasPartyOrg: z.enum(['true']).optional().describe('a Party organization of any form (standalone, joint, instructor)'),
  charterPartyClause: z.enum(['true']).optional(),
  recognition: z.enum(['brandOrg', 'modelOrg', 'demonstrationSite']).optional().describe('holds this recognition'),
  communityKind: z
    .enum(['urban', 'rural'])
    .optional()
    .describe('sits in an urban (居委会) or rural (村委会) community'),
  sort: z.enum(['name', 'founded']).default('founded'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type OrgListQuery = z.infer<typeof OrgListQuery>;

export const OrgList = z.object({ items: z.array(OrgSummary), nextCursor: z.string().nullable() });
export const FilingList = z.object({ items: z.array(Filing) });

/** What the public page shows: no personal data (003 二.四.2 disclosure). */
export const OrgDisclosure = z.object({
  id: z.string(),
  name: z.string(),
  tier: z.enum(orgTiers),
  category: z.enum(orgCategories),
  hubKind: z.enum(hubKinds),
  areaFullName: z.string(),
  foundedOn: z.string(),
  serviceTargets: z.array(z.enum(serviceTargets)),
  status: z.enum(orgStatuses),
  creditCode: z.string().nullable(),
  annualReports: z.array(z.object({ period: z.string(), activityCount: z.number(), content: z.string() })),
  /** published or completed activities that started in the last 365 days */
  recentActivityCount: z.number(),
});

export const reportKinds = ['workReport', 'annualReport'] as const;
export type ReportKind = (typeof reportKinds)[number];

export const ReportBody = z
  .object({
    kind: z.enum(reportKinds),
    period: z.string().regex(/^\d{4}(-Q[1-4])?$/, { message: 'report.period.invalid' }),
    content: z.string().trim().min(10, { message: 'report.content.tooShort' }).max(20_000),
    activityCount: z.number().int().min(0).max(10_000).default(0),
  })
  .refine((b) => (b.kind === 'annualReport') === !b.period.includes('-Q'), {
    message: 'report.period.invalid',
    path: ['period'],
  });
export type ReportBody = z.infer<typeof ReportBody>;

export const ReportReviewBody = z
  .object({ decision: z.enum(['acknowledge', 'comment']), comment: z.string().trim().max(2000).default('') })
  .refine((b) => b.decision === 'acknowledge' || b.comment.length >= 2, {
    message: 'reason.required',
    path: ['comment'],
  });

export const WorkReport = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind: z.enum(reportKinds),
  period: z.string(),
  content: z.string(),
  activityCount: z.number(),
  state: z.enum(['submitted', 'acknowledged', 'commented']),
  reviewComment: z.string().nullable(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  abilities: z.object({ review: z.boolean() }),
});
export type WorkReport = z.infer<typeof WorkReport>;
export const WorkReportList = z.object({ items: z.array(WorkReport) });

export const OverdueQuery = z.object({
  kind: z.enum(reportKinds).default('workReport'),
  period: z.string().regex(/^\d{4}(-Q[1-4])?$/, { message: 'report.period.invalid' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const OverdueList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      areaCode: z.string(),
      areaFullName: z.string(),
      lastReportAt: z.string().nullable(),
    }),
  ),
  total: z.number(),
});
