import { z } from 'zod';
import { AreaCode } from './areas';
import { serviceTargets } from './organizations';

/** The five content fields (000 三; 001 二): 传播科学理论 · 推动移风易俗 · 组织文化体育 · 提供便民服务 · 参与矛盾预防化解. */
export const activityFields = ['theory', 'customs', 'cultureSports', 'services', 'mediation'] as const;
export type ActivityField = (typeof activityFields)[number];

/** The preset campaigns (003 三.三; 004 三.六). Campaigns are data (`activity_campaigns`): a province adds its own. */
export const presetCampaigns = [
  'neighborWatch',
  'letsTalk',
  'safeCommunity',
  'civicCulture',
  'ruralRevitalization',
] as const;
export const CampaignKey = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9]{1,39}$/, { message: 'campaign.key.invalid' })
  .describe('a campaign key: a preset or one a province added');

/** Major events: reported to the committee before they happen (003 二.四.2). */
export const majorEventKinds = ['festival', 'performance', 'competition', 'gathering'] as const;
/** Events that need the supervising authority's approval (002 会议要求三). */
export const approvalKinds = ['seminar', 'exhibition', 'award'] as const;
export const activityKinds = ['ordinary', ...majorEventKinds, ...approvalKinds] as const;
export type ActivityKind = (typeof activityKinds)[number];

/** The steps a path may need, in the order they are taken: approval first, then the report. */
export const pathSteps = ['approval', 'report'] as const;
export type PathStep = (typeof pathSteps)[number];

export const activityStatuses = [
  'draft',
  'awaitingApproval',
  'awaitingAcknowledgement',
  'rejected',
  'ready',
  'published',
  'completed',
  'cancelled',
] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

export const venueKinds = ['practiceCenter', 'partyMassCenter', 'serviceStation', 'otherFacility'] as const;
export type VenueKind = (typeof venueKinds)[number];
/** practiceCenter levels: 中心 (county) · 所 (township) · 站 (community). */
export const practiceLevels = ['center', 'institute', 'station'] as const;
export type PracticeLevel = (typeof practiceLevels)[number];

export const bookingStatuses = ['requested', 'confirmed', 'declined', 'cancelled'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/** Chinese labels for exports (the console reads the same texts from the locale's `activities` section). */
export const activityLabels = {
  field: {
    theory: '传播科学理论',
    customs: '推动移风易俗',
    cultureSports: '组织文化体育',
    services: '提供便民服务',
    mediation: '参与矛盾预防化解',
  },
  kind: {
    ordinary: '一般活动',
    festival: '节庆活动',
    performance: '文化演出',
    competition: '体育竞赛',
    gathering: '人员集会',
    seminar: '研讨活动',
    exhibition: '展会',
    award: '评比达标表彰',
  },
  status: {
    draft: '草稿',
    awaitingApproval: '待审批',
    awaitingAcknowledgement: '待两委确认报告',
    rejected: '未通过',
    ready: '待发布',
    published: '已发布',
    completed: '已完成',
    cancelled: '已取消',
  },
  venueKind: {
    practiceCenter: '新时代文明实践阵地',
    partyMassCenter: '党群服务中心',
    serviceStation: '志愿服务站点',
    otherFacility: '其他服务设施',
  },
  practiceLevel: { center: '新时代文明实践中心', institute: '新时代文明实践所', station: '新时代文明实践站' },
  bookingStatus: { requested: '待确认', confirmed: '已确认', declined: '已婉拒', cancelled: '已取消' },
} as const;

const IsoDateTime = z.iso.datetime({ offset: true, message: 'datetime.invalid' });
export const IdParams = z.object({ id: z.uuid({ message: 'id.invalid' }) });

// ─── venues ─────────────────────────────────────────────────────────────────

export const RoomInput = z.object({
  name: z.string().trim().min(1).max(60),
  capacity: z.number().int().min(1).max(100_000),
});

export const VenueBody = z.object({
  name: z.string().trim().min(2).max(100),
  kind: z.enum(venueKinds),
  level: z.enum(practiceLevels).optional().describe('required for practiceCenter, matching the area level'),
  areaCode: AreaCode.describe('a county, township or community'),
  address: z.string().trim().min(2).max(200),
  openingHours: z.string().trim().max(200).default(''),
  runByOrgId: z.uuid({ message: 'id.invalid' }).nullable().default(null),
  managerName: z.string().trim().max(50).default(''),
  managerMobile: z.string().trim().optional().describe('11-digit mobile, stored encrypted'),
  rooms: z.array(RoomInput).max(50).default([]),
});
export type VenueBody = z.infer<typeof VenueBody>;

export const VenueUpdateBody = VenueBody.omit({ areaCode: true, rooms: true, kind: true, level: true })
  .partial()
  .extend({ status: z.enum(['open', 'closed']).optional() });
export type VenueUpdateBody = z.infer<typeof VenueUpdateBody>;

export const Room = z.object({ id: z.string(), name: z.string(), capacity: z.number() });

export const Venue = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(venueKinds),
  level: z.enum(practiceLevels).nullable(),
  areaCode: z.string(),
  areaFullName: z.string(),
  address: z.string(),
  openingHours: z.string(),
  runByOrgId: z.string().nullable(),
  runByOrgName: z.string().nullable(),
  managerName: z.string(),
  managerMobileMasked: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  rooms: z.array(Room),
  abilities: z.object({ update: z.boolean(), decideBookings: z.boolean() }),
});
export type Venue = z.infer<typeof Venue>;
export const VenueList = z.object({ items: z.array(Venue) });

export const PublicVenue = Venue.omit({
  managerName: true,
  managerMobileMasked: true,
  abilities: true,
  runByOrgId: true,
});
export const PublicVenueList = z.object({ items: z.array(PublicVenue) });
export const PublicVenueQuery = z.object({ areaCode: AreaCode.describe('venues in this subtree') });

// ─── bookings ───────────────────────────────────────────────────────────────

export const BookingBody = z.object({
  orgId: z.uuid({ message: 'id.invalid' }),
  activityId: z.uuid({ message: 'id.invalid' }).optional(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  purpose: z.string().trim().max(200).default(''),
});
export type BookingBody = z.infer<typeof BookingBody>;

export const BookingDecisionBody = z
  .object({ decision: z.enum(['confirm', 'decline']), reason: z.string().trim().max(500).default('') })
  .refine((b) => b.decision === 'confirm' || b.reason.length >= 2, { message: 'reason.required', path: ['reason'] });
export type BookingDecisionBody = z.infer<typeof BookingDecisionBody>;

export const Booking = z.object({
  id: z.string(),
  roomId: z.string(),
  roomName: z.string(),
  venueId: z.string(),
  venueName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  activityId: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  purpose: z.string(),
  status: z.enum(bookingStatuses),
  decisionReason: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  abilities: z.object({ decide: z.boolean(), cancel: z.boolean() }),
});
export type Booking = z.infer<typeof Booking>;
export const BookingList = z.object({ items: z.array(Booking) });
export const BookingQuery = z.object({
  status: z.enum(bookingStatuses).optional(),
  venueId: z.uuid({ message: 'id.invalid' }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// ─── campaigns and path rules ───────────────────────────────────────────────

export const Campaign = z.object({
  key: z.string(),
  name: z.string(),
  areaCode: z.string().nullable(),
  isPreset: z.boolean(),
});
export const CampaignList = z.object({ items: z.array(Campaign) });
export const CampaignBody = z.object({
  key: CampaignKey,
  name: z.string().trim().min(2).max(40),
  areaCode: AreaCode.describe('the province (or lower area) whose activities may use it'),
});

export const PathRules = z.object({
  reportThreshold: z.number().int().min(1).describe('an ordinary activity this large needs a report'),
  approvalThreshold: z.number().int().min(1).nullable().describe('any activity this large needs approval; null: off'),
  reportLeadDays: z.number().int().min(0).max(60).describe('the report is due this many days before the start'),
  approvalLeadDays: z.number().int().min(0).max(90).describe('the approval request is due this many days before'),
});
export type PathRules = z.infer<typeof PathRules>;
export const PathRulesBody = z.object({
  reportThreshold: z.number().int().min(1).max(1_000_000).nullable().optional(),
  approvalThreshold: z.number().int().min(1).max(1_000_000).nullable().optional(),
  reportLeadDays: z.number().int().min(0).max(60).nullable().optional(),
  approvalLeadDays: z.number().int().min(0).max(90).nullable().optional(),
});
export type PathRulesBody = z.infer<typeof PathRulesBody>;
export const AreaCodeParams = z.object({ code: AreaCode });
export const EffectiveRules = z.object({
  areaCode: z.string(),
  own: PathRulesBody,
  effective: PathRules,
});

// ─── activities ─────────────────────────────────────────────────────────────

/** The fields of a plan, without defaults: an edit (a partial body) must not invent values. */
const planShape = {
  title: z.string().trim().min(2).max(100),
  content: z.string().trim().min(2).max(5000),
  field: z.enum(activityFields),
  campaign: CampaignKey.nullable(),
  kind: z.enum(activityKinds),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  venueRoomId: z.uuid({ message: 'id.invalid' }).nullable().describe('a practice venue room, or null with an address'),
  address: z.string().trim().max(200),
  targetGroups: z.array(z.enum(serviceTargets)).max(serviceTargets.length),
  expectedParticipants: z.number().int().min(1).max(1_000_000),
  partnerOrgIds: z.array(z.uuid({ message: 'id.invalid' })).max(20),
};

export const ActivityBody = z.object({
  ...planShape,
  orgId: z.uuid({ message: 'id.invalid' }),
  campaign: planShape.campaign.default(null),
  kind: planShape.kind.default('ordinary'),
  venueRoomId: planShape.venueRoomId.default(null),
  address: planShape.address.default(''),
  targetGroups: planShape.targetGroups.default([]),
  partnerOrgIds: planShape.partnerOrgIds.default([]),
});
export type ActivityBody = z.infer<typeof ActivityBody>;
/** An edit while draft or rejected: the organization cannot change. */
export const ActivityUpdateBody = z.object(planShape).partial();
export type ActivityUpdateBody = z.infer<typeof ActivityUpdateBody>;

export const ReviewBody = z
  .object({ decision: z.enum(['approve', 'reject']), comment: z.string().trim().max(1000).default('') })
  .refine((b) => b.decision === 'approve' || b.comment.length >= 2, { message: 'reason.required', path: ['comment'] });
export type ReviewBody = z.infer<typeof ReviewBody>;

export const CancelBody = z.object({ reason: z.string().trim().min(2, { message: 'reason.required' }).max(500) });

export const OutcomeBody = z.object({
  actualParticipants: z.number().int().min(0).max(1_000_000),
  beneficiaries: z.number().int().min(0).max(1_000_000),
  summary: z.string().trim().min(10).max(10_000),
});
export type OutcomeBody = z.infer<typeof OutcomeBody>;

export const ActivityStepView = z.object({
  step: z.enum(['submit', 'approval', 'report', 'publish', 'cancel', 'record']),
  decision: z.enum(['approve', 'reject']).nullable(),
  comment: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  at: z.string(),
});

export const Photo = z.object({
  id: z.string(),
  width: z.number(),
  height: z.number(),
  url: z.string(),
  thumbUrl: z.string(),
});

export const ActivitySummary = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  areaCode: z.string(),
  areaFullName: z.string(),
  title: z.string(),
  field: z.enum(activityFields),
  campaign: z.string().nullable(),
  kind: z.enum(activityKinds),
  startsAt: z.string(),
  endsAt: z.string(),
  venueRoomId: z.string().nullable(),
  venueName: z.string().nullable(),
  roomName: z.string().nullable(),
  address: z.string(),
  expectedParticipants: z.number(),
  actualParticipants: z.number().nullable(),
  beneficiaries: z.number().nullable(),
  status: z.enum(activityStatuses),
  pathSteps: z.array(z.enum(pathSteps)),
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const Activity = ActivitySummary.extend({
  content: z.string(),
  targetGroups: z.array(z.enum(serviceTargets)),
  partnerOrgs: z.array(z.object({ id: z.string(), name: z.string() })),
  statusReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  summary: z.string().nullable(),
  /** when the report or approval request is due (null when the path is empty) */
  submitBy: z.string().nullable(),
  steps: z.array(ActivityStepView),
  photos: z.array(Photo),
  abilities: z.object({
    update: z.boolean(),
    submit: z.boolean(),
    publish: z.boolean(),
    cancel: z.boolean(),
    record: z.boolean(),
    approve: z.boolean(),
    acknowledge: z.boolean(),
  }),
});
export type Activity = z.infer<typeof Activity>;

const DateOnly = z.iso.date({ message: 'date.invalid' });
export const ActivityListQuery = z.object({
  from: DateOnly.optional().describe('first day (inclusive), e.g. the first of the month or a Monday'),
  to: DateOnly.optional().describe('last day (inclusive)'),
  field: z.enum(activityFields).optional(),
  campaign: CampaignKey.optional(),
  orgId: z.uuid({ message: 'id.invalid' }).optional(),
  venueId: z.uuid({ message: 'id.invalid' }).optional(),
  status: z.enum(activityStatuses).optional(),
  held: z.enum(['true']).optional().describe('published or completed only (the dashboard’s activities held)'),
  areaCode: AreaCode.optional().describe('narrow to this subtree of the jurisdiction'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;
export const ActivityList = z.object({ items: z.array(ActivitySummary), nextCursor: z.string().nullable() });

export const ActivityCounts = z.object({
  total: z.number(),
  byField: z.array(z.object({ field: z.enum(activityFields), count: z.number() })),
  byCampaign: z.array(z.object({ campaign: z.string().nullable(), count: z.number() })),
});
export type ActivityCounts = z.infer<typeof ActivityCounts>;

export const QueueItem = ActivitySummary.extend({
  awaiting: z.enum(['approval', 'report']),
  submittedAt: z.string().nullable(),
  /** the report (or approval request) was due by then */
  submitBy: z.string(),
  /** the officer should act before the activity starts */
  decideBy: z.string(),
  isOverdue: z.boolean(),
});
export const QueueList = z.object({ items: z.array(QueueItem) });

// ─── public views (no personal data) ────────────────────────────────────────

export const PublicActivity = z.object({
  id: z.string(),
  title: z.string(),
  content: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  areaFullName: z.string(),
  field: z.enum(activityFields),
  campaign: z.string().nullable(),
  campaignName: z.string().nullable(),
  kind: z.enum(activityKinds),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  targetGroups: z.array(z.enum(serviceTargets)),
  status: z.enum(['published', 'completed']),
  actualParticipants: z.number().nullable(),
  beneficiaries: z.number().nullable(),
  summary: z.string().nullable(),
  photos: z.array(Photo),
});
export type PublicActivity = z.infer<typeof PublicActivity>;
export const PublicActivityQuery = z.object({
  communityCode: AreaCode.describe('a community (or any area: its subtree)'),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const PublicActivityList = z.object({
  items: z.array(PublicActivity.omit({ content: true, summary: true, photos: true })),
  nextCursor: z.string().nullable(),
});
export const PhotoParams = z.object({
  id: z.uuid({ message: 'id.invalid' }),
  photoId: z.uuid({ message: 'id.invalid' }),
});
export const PhotoQuery = z.object({ size: z.enum(['display', 'thumb']).default('display') });
