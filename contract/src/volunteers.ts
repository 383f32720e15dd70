import { z } from 'zod';
import { Mobile } from './accounts';
import { activityFields } from './activities';
import { AreaCode } from './areas';

/**
 * C5 volunteer service ("互联网+志愿服务"; 000 二, 四.二; 003 二.三.1; 004 三.六.1 and 专栏6):
 * real-name volunteers, service stations, projects with roles, shifts and places, sign-ups with
 * a waiting list, check-in/out with a rotating code, service records (《志愿服务记录与证明出具办法》),
 * corrections, star levels.
 */

/** Skills a volunteer offers and a project may ask for. */
export const volunteerSkills = [
  'firstAid',
  'medical',
  'elderlyCare',
  'childCare',
  'tutoring',
  'legal',
  'psychology',
  'mediation',
  'photography',
  'publicity',
  'driving',
  'it',
  'translation',
  'signLanguage',
  'artsCulture',
  'sports',
  'repair',
  'cooking',
  'organizing',
] as const;
export type VolunteerSkill = (typeof volunteerSkills)[number];

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const dayPeriods = ['morning', 'afternoon', 'evening'] as const;
/** When a volunteer is usually free: "sat:morning". */
export const AvailabilitySlot = z.string().regex(/^(mon|tue|wed|thu|fri|sat|sun):(morning|afternoon|evening)$/, {
  message: 'availability.invalid',
});

export const projectStatuses = ['draft', 'published', 'closed'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];
export const signupStatuses = ['confirmed', 'waiting', 'cancelled'] as const;
export type SignupStatus = (typeof signupStatuses)[number];
/** open: checked in, not yet out · pending: waiting for the organization's confirmation · confirmed: final */
export const recordStatuses = ['open', 'pending', 'confirmed'] as const;
export type RecordStatus = (typeof recordStatuses)[number];
export const recordSources = ['checkIn', 'organizer', 'backfill'] as const;
export type RecordSource = (typeof recordSources)[number];
export const correctionStatuses = ['applied', 'pending', 'accepted', 'rejected'] as const;
export type CorrectionStatus = (typeof correctionStatuses)[number];

/** Chinese labels for exports (the console reads the same texts from the locale's `volunteers` section). */
export const volunteerLabels = {
  skill: {
    firstAid: '急救',
    medical: '医疗护理',
    elderlyCare: '助老服务',
    childCare: '儿童照护',
    tutoring: '课业辅导',
    legal: '法律咨询',
    psychology: '心理疏导',
    mediation: '矛盾调解',
    photography: '摄影摄像',
    publicity: '宣传文案',
    driving: '驾驶',
    it: '电脑网络',
    translation: '翻译',
    signLanguage: '手语',
    artsCulture: '文艺',
    sports: '体育',
    repair: '维修',
    cooking: '烹饪',
    organizing: '活动组织',
  },
  projectStatus: { draft: '草稿', published: '招募中', closed: '已结束' },
  signupStatus: { confirmed: '已录用', waiting: '候补', cancelled: '已取消' },
  recordStatus: { open: '服务中', pending: '待确认', confirmed: '已确认' },
  recordSource: { checkIn: '扫码签到', organizer: '组织代签', backfill: '补录' },
  correctionStatus: { applied: '已更正', pending: '待处理', accepted: '已采纳', rejected: '未采纳' },
} as const;

const Id = z.uuid({ message: 'id.invalid' });
const IsoDateTime = z.iso.datetime({ offset: true, message: 'datetime.invalid' });
const DateOnly = z.iso.date({ message: 'date.invalid' });
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time.invalid' });
export const IdParams = z.object({ id: Id });
export const ShiftParams = z.object({ shiftId: Id });

/** 居民身份证号码: 18 characters; the check character is verified by the server (GB 11643-1999). */
export const IdNumber = z
  .string()
  .transform((v) => v.replace(/\s/g, '').toUpperCase())
  .pipe(z.string().regex(/^\d{17}[\dX]$/, { message: 'idNumber.format' }));

// ─── service stations ───────────────────────────────────────────────────────

export const StationBody = z.object({
  name: z.string().trim().min(2).max(100),
  areaCode: AreaCode.describe('a township or community'),
  address: z.string().trim().min(2).max(200),
  venueId: Id.nullable().default(null),
  runByOrgId: Id.nullable().default(null),
  contactName: z.string().trim().max(50).default(''),
  contactMobile: Mobile.optional(),
});
export type StationBody = z.infer<typeof StationBody>;
export const StationUpdateBody = StationBody.omit({ areaCode: true })
  .partial()
  .extend({ status: z.enum(['open', 'closed']).optional() });
export type StationUpdateBody = z.infer<typeof StationUpdateBody>;

export const Station = z.object({
  id: z.string(),
  name: z.string(),
  areaCode: z.string(),
  areaFullName: z.string(),
  address: z.string(),
  venueId: z.string().nullable(),
  runByOrgId: z.string().nullable(),
  runByOrgName: z.string().nullable(),
  contactName: z.string(),
  contactMobileMasked: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  volunteerCount: z.number(),
  abilities: z.object({ update: z.boolean() }),
});
export type Station = z.infer<typeof Station>;
export const StationList = z.object({ items: z.array(Station) });
export const StationQuery = z.object({ areaCode: AreaCode.optional().describe('narrow to this subtree') });
export const PublicStation = Station.omit({ contactName: true, contactMobileMasked: true, abilities: true });
export const PublicStationList = z.object({ items: z.array(PublicStation) });
export const PublicAreaQuery = z.object({ areaCode: AreaCode.describe('this subtree') });

// ─── volunteers ─────────────────────────────────────────────────────────────

const profileShape = {
  mobile: Mobile,
  skills: z.array(z.enum(volunteerSkills)).max(volunteerSkills.length),
  serviceAreaCodes: z.array(AreaCode).max(20).describe('the areas where the volunteer will serve'),
  availability: z.array(AvailabilitySlot).max(21),
  stationId: Id.nullable(),
};

export const SelfRegistrationBody = z.object({
  name: z.string().trim().min(1, { message: 'name.required' }).max(50, { message: 'name.tooLong' }),
  idNumber: IdNumber,
  areaCode: AreaCode.describe('the home community'),
  ...profileShape,
  skills: profileShape.skills.default([]),
  serviceAreaCodes: profileShape.serviceAreaCodes.default([]),
  availability: profileShape.availability.default([]),
  stationId: profileShape.stationId.default(null),
});
export type SelfRegistrationBody = z.infer<typeof SelfRegistrationBody>;

/** An organization (or officer) registers someone without a smartphone, optionally into its team. */
export const VolunteerRegistrationBody = SelfRegistrationBody.extend({
  orgId: Id.optional().describe('add to this organization’s team'),
});
export type VolunteerRegistrationBody = z.infer<typeof VolunteerRegistrationBody>;

export const ProfileUpdateBody = z.object(profileShape).partial();
export type ProfileUpdateBody = z.infer<typeof ProfileUpdateBody>;

export const TeamBody = z.object({ orgId: Id });
export const TeamMemberBody = z.object({ volunteerId: Id });
export const StationAssignmentBody = z.object({ stationId: Id.nullable() });

export const StarLevel = z.object({
  /** the stars held (five only after approval when the area asks for it) */
  level: z.number().int().min(0).max(5),
  /** the stars the hours reach */
  reached: z.number().int().min(0).max(5),
  fiveStarPending: z.boolean(),
  /** hours still needed for the next star (null at five) */
  nextAtHours: z.number().nullable(),
});

export const VolunteerView = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  mobileMasked: z.string(),
  hasAccount: z.boolean(),
  areaCode: z.string(),
  areaFullName: z.string(),
  skills: z.array(z.enum(volunteerSkills)),
  serviceAreaCodes: z.array(z.string()),
  availability: z.array(z.string()),
  station: z.object({ id: z.string(), name: z.string() }).nullable(),
  teams: z.array(z.object({ orgId: z.string(), orgName: z.string(), joinedAt: z.string() })),
  confirmedMinutes: z.number(),
  confirmedHours: z.number(),
  star: StarLevel,
  status: z.enum(['active', 'inactive']),
  registeredAt: z.string(),
  abilities: z.object({ update: z.boolean(), reveal: z.boolean(), assignStation: z.boolean() }),
});
export type VolunteerView = z.infer<typeof VolunteerView>;
export const VolunteerSummary = VolunteerView.omit({ teams: true, serviceAreaCodes: true, availability: true });
export type VolunteerSummary = z.infer<typeof VolunteerSummary>;
export const VolunteerList = z.object({ items: z.array(VolunteerSummary), nextCursor: z.string().nullable() });
export const VolunteerListQuery = z.object({
  areaCode: AreaCode.optional().describe('home area in this subtree'),
  orgId: Id.optional().describe('members of this organization’s team'),
  stationId: Id.optional(),
  skill: z.enum(volunteerSkills).optional(),
  idNumber: IdNumber.optional().describe('exact match by the keyed hash (the number is never searched in clear)'),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type VolunteerListQuery = z.infer<typeof VolunteerListQuery>;
export const RevealedVolunteer = z.object({ idNumber: z.string(), mobile: z.string() });

/** The console's overview card: the volunteers the caller may read, their confirmed hours and stars held. */
export const VolunteerOverview = z.object({
  volunteers: z.number(),
  confirmedMinutes: z.number(),
  confirmedHours: z.number(),
  /** index = stars held (0–5), each home area's thresholds and approval rule applied */
  byStar: z.array(z.number()).length(6),
  fiveStarPending: z.number(),
});
export type VolunteerOverview = z.infer<typeof VolunteerOverview>;

// ─── projects ───────────────────────────────────────────────────────────────

export const RoleInput = z.object({
  name: z.string().trim().min(1).max(40),
  description: z.string().trim().max(500).default(''),
  places: z.number().int().min(1).max(10_000),
});
/** A shift on a date, from start to end in China time; an end at or before the start is the next day. */
export const ShiftInput = z.object({ date: DateOnly, startTime: Time, endTime: Time });
export type ShiftInput = z.infer<typeof ShiftInput>;

const projectShape = {
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().min(2).max(5000),
  serviceContent: z.string().trim().min(2).max(500).describe('what the volunteers do: goes onto every record'),
  field: z.enum(activityFields),
  areaCode: AreaCode.describe('where the service happens: the organization’s area or below it, or its township'),
  address: z.string().trim().min(2).max(200),
  minAge: z.number().int().min(0).max(120).nullable(),
  maxAge: z.number().int().min(0).max(120).nullable(),
  requiredSkills: z.array(z.enum(volunteerSkills)).max(volunteerSkills.length),
  activityId: Id.nullable(),
};

export const ProjectBody = z.object({
  ...projectShape,
  orgId: Id,
  areaCode: projectShape.areaCode.optional(),
  minAge: projectShape.minAge.default(null),
  maxAge: projectShape.maxAge.default(null),
  requiredSkills: projectShape.requiredSkills.default([]),
  activityId: projectShape.activityId.default(null),
  roles: z.array(RoleInput).min(1).max(20),
  shifts: z.array(ShiftInput).min(1).max(200),
});
export type ProjectBody = z.infer<typeof ProjectBody>;
export const ProjectUpdateBody = z.object(projectShape).partial();
export type ProjectUpdateBody = z.infer<typeof ProjectUpdateBody>;
export const ShiftsBody = z.object({ shifts: z.array(ShiftInput).min(1).max(200) });
export const PlacesBody = z.object({ shiftId: Id, roleId: Id, places: z.number().int().min(1).max(10_000) });

export const SlotView = z.object({
  roleId: z.string(),
  places: z.number(),
  confirmed: z.number(),
  waiting: z.number(),
});
export const ShiftView = z.object({
  id: z.string(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  slots: z.array(SlotView),
});
export const RoleView = z.object({ id: z.string(), name: z.string(), description: z.string(), places: z.number() });

export const ProjectSummary = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  activityId: z.string().nullable(),
  areaCode: z.string(),
  areaFullName: z.string(),
  title: z.string(),
  field: z.enum(activityFields),
  address: z.string(),
  status: z.enum(projectStatuses),
  firstShiftAt: z.string().nullable(),
  lastShiftAt: z.string().nullable(),
  places: z.number(),
  confirmed: z.number(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const Project = ProjectSummary.extend({
  description: z.string(),
  serviceContent: z.string(),
  minAge: z.number().nullable(),
  maxAge: z.number().nullable(),
  requiredSkills: z.array(z.enum(volunteerSkills)),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  roles: z.array(RoleView),
  shifts: z.array(ShiftView),
  abilities: z.object({
    update: z.boolean(),
    publish: z.boolean(),
    close: z.boolean(),
    manageShifts: z.boolean(),
    signUp: z.boolean(),
  }),
});
export type Project = z.infer<typeof Project>;
export const ProjectList = z.object({ items: z.array(ProjectSummary), nextCursor: z.string().nullable() });
export const ProjectListQuery = z.object({
  areaCode: AreaCode.optional().describe('where the service happens, this subtree'),
  orgId: Id.optional(),
  status: z.enum(projectStatuses).optional(),
  field: z.enum(activityFields).optional(),
  from: DateOnly.optional().describe('has a shift on or after this day'),
  to: DateOnly.optional().describe('has a shift on or before this day'),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

export const PublicProject = Project.omit({ abilities: true });
export type PublicProject = z.infer<typeof PublicProject>;
export const PublicProjectList = z.object({ items: z.array(ProjectSummary), nextCursor: z.string().nullable() });
export const PublicProjectQuery = ProjectListQuery.omit({ status: true }).extend({
  areaCode: AreaCode.describe('community, township or any area: published projects in its subtree'),
});
export type PublicProjectQuery = z.infer<typeof PublicProjectQuery>;

// ─── sign-ups ───────────────────────────────────────────────────────────────

export const SignupBody = z.object({ roleId: Id });
export const RosterBody = z.object({ roleId: Id, volunteerId: Id });
export const Signup = z.object({
  id: z.string(),
  shiftId: z.string(),
  roleId: z.string(),
  roleName: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  volunteerId: z.string(),
  status: z.enum(signupStatuses),
  /** 1-based place in the waiting list while waiting */
  waitingPosition: z.number().nullable(),
  source: z.enum(['self', 'organization']),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});
export type Signup = z.infer<typeof Signup>;
export const SignupList = z.object({ items: z.array(Signup) });
export const RosterEntry = Signup.extend({ volunteerName: z.string(), mobileMasked: z.string() });
export const Roster = z.object({ items: z.array(RosterEntry) });
export type RosterEntry = z.infer<typeof RosterEntry>;

// ─── check-in ───────────────────────────────────────────────────────────────

export const CheckInCode = z.object({
  /** what the organizer's screen shows as a QR code */
  qrPayload: z.string(),
  /** the same window as six digits, to type */
  code: z.string(),
  validUntil: z.string(),
  rotatesEverySeconds: z.number(),
});
export type CheckInCode = z.infer<typeof CheckInCode>;
export const CheckInBody = z.object({
  code: z.string().trim().min(6, { message: 'checkIn.code.invalid' }).max(200, { message: 'checkIn.code.invalid' }),
});
export const AttendanceBody = z.object({
  volunteerId: Id,
  action: z.enum(['checkIn', 'checkOut']),
  at: IsoDateTime.optional().describe('defaults to now'),
});

// ─── service records ────────────────────────────────────────────────────────

export const CorrectionView = z.object({
  id: z.string(),
  kind: z.enum(['organizer', 'request']),
  status: z.enum(correctionStatuses),
  reason: z.string(),
  before: z.object({
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    minutes: z.number().nullable(),
    content: z.string(),
  }),
  proposed: z.object({
    startedAt: z.string().optional(),
    endedAt: z.string().optional(),
    content: z.string().optional(),
  }),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
});

export const ServiceRecord = z.object({
  id: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  projectId: z.string().nullable(),
  projectTitle: z.string(),
  shiftId: z.string().nullable(),
  areaCode: z.string(),
  areaFullName: z.string(),
  address: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  minutes: z.number().nullable(),
  content: z.string(),
  source: z.enum(recordSources),
  status: z.enum(recordStatuses),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  /** pending past the 10-working-day limit (办法 第十一条) */
  isOverdue: z.boolean(),
  confirmBy: z.string().nullable(),
  hasOpenRequest: z.boolean(),
});
export type ServiceRecord = z.infer<typeof ServiceRecord>;
export const ServiceRecordDetail = ServiceRecord.extend({
  corrections: z.array(CorrectionView),
  abilities: z.object({ correct: z.boolean(), confirm: z.boolean(), requestCorrection: z.boolean() }),
});
export type ServiceRecordDetail = z.infer<typeof ServiceRecordDetail>;
export const ServiceRecordList = z.object({ items: z.array(ServiceRecord), nextCursor: z.string().nullable() });
export const RecordListQuery = z.object({
  orgId: Id.optional(),
  projectId: Id.optional(),
  volunteerId: Id.optional(),
  status: z.enum(recordStatuses).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('only records past the confirmation limit'),
  areaCode: AreaCode.optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type RecordListQuery = z.infer<typeof RecordListQuery>;

/** One record entered afterwards (谁组织谁记录): the clean entry point a spreadsheet import will reuse. */
export const BackfillBody = z.object({
  orgId: Id,
  volunteerId: Id,
  projectId: Id.nullable().default(null),
  projectTitle: z.string().trim().min(2).max(100).optional().describe('required without a project'),
  areaCode: AreaCode.optional().describe('defaults to the project’s or organization’s area'),
  address: z.string().trim().min(2).max(200),
  startedAt: IsoDateTime,
  endedAt: IsoDateTime,
  content: z.string().trim().min(2).max(500),
});
export type BackfillBody = z.infer<typeof BackfillBody>;
export const ConfirmBody = z.object({ recordIds: z.array(Id).min(1).max(500) });
export const ConfirmResult = z.object({ confirmed: z.number(), minutes: z.number() });
export const CorrectionBody = z
  .object({
    startedAt: IsoDateTime.optional(),
    endedAt: IsoDateTime.optional(),
    content: z.string().trim().min(2).max(500).optional(),
    reason: z.string().trim().min(2, { message: 'reason.required' }).max(500),
  })
  .refine((b) => b.startedAt !== undefined || b.endedAt !== undefined || b.content !== undefined, {
    message: 'correction.empty',
    path: ['startedAt'],
  });
export type CorrectionBody = z.infer<typeof CorrectionBody>;
export const CorrectionDecisionBody = z
  .object({ decision: z.enum(['accept', 'reject']), comment: z.string().trim().max(500).default('') })
  .refine((b) => b.decision === 'accept' || b.comment.length >= 2, { message: 'reason.required', path: ['comment'] });
export type CorrectionDecisionBody = z.infer<typeof CorrectionDecisionBody>;
export const CorrectionRequestList = z.object({
  items: z.array(CorrectionView.extend({ recordId: z.string(), volunteerName: z.string(), orgId: z.string() })),
});
export type CorrectionRequest = z.infer<typeof CorrectionRequestList>['items'][number];

export const MyRecords = z.object({
  items: z.array(ServiceRecord),
  totalConfirmedMinutes: z.number(),
  totalConfirmedHours: z.number(),
  star: StarLevel,
});
export type MyRecords = z.infer<typeof MyRecords>;

// ─── star levels and calendar ───────────────────────────────────────────────

export const StarSettingsBody = z.object({
  thresholdsHours: z
    .array(z.number().int().min(1).max(100_000))
    .length(5)
    .refine((t) => t.every((h, i) => i === 0 || h > t[i - 1]!), { message: 'star.thresholds.order' })
    .nullable()
    .optional(),
  fiveStarNeedsApproval: z.boolean().nullable().optional(),
});
export type StarSettingsBody = z.infer<typeof StarSettingsBody>;
export const StarSettings = z.object({
  areaCode: z.string(),
  own: z.object({ thresholdsHours: z.array(z.number()).nullable(), fiveStarNeedsApproval: z.boolean().nullable() }),
  effective: z.object({ thresholdsHours: z.array(z.number()), fiveStarNeedsApproval: z.boolean() }),
});
export type StarSettings = z.infer<typeof StarSettings>;
export const AreaCodeParams = z.object({ code: AreaCode });
export const StarDecisionBody = z.object({ decision: z.enum(['approve', 'reject']) });

export const CalendarDayBody = z.object({ isWorkingDay: z.boolean(), note: z.string().trim().max(100).default('') });
export const DateParams = z.object({ date: DateOnly });
export const CalendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const CalendarList = z.object({
  items: z.array(z.object({ date: z.string(), isWorkingDay: z.boolean(), note: z.string() })),
});

// ─── reflections (心得体会) and the showcase (志愿服务展示) ──────────────────────

/** submitted: waiting for the organization · published: on the showcase · rejected: sent back with a reason */
export const reflectionStatuses = ['submitted', 'published', 'rejected'] as const;
export type ReflectionStatus = (typeof reflectionStatuses)[number];
export const REFLECTION_PHOTOS_MAX = 9;

/** A volunteer writes about a project they served in (a finished service record of it). */
export const ReflectionBody = z.object({
  projectId: Id,
  title: z
    .string()
    .trim()
    .min(2, { message: 'reflection.title.tooShort' })
    .max(60, { message: 'reflection.title.tooLong' }),
  text: z
    .string()
    .trim()
    .min(10, { message: 'reflection.text.tooShort' })
    .max(5000, { message: 'reflection.text.tooLong' }),
});
export type ReflectionBody = z.infer<typeof ReflectionBody>;
export const ReflectionRejectionBody = z.object({
  reason: z.string().trim().min(2, { message: 'reason.required' }).max(500),
});
export type ReflectionRejectionBody = z.infer<typeof ReflectionRejectionBody>;

export const ReflectionPhoto = z.object({
  id: z.string(),
  width: z.number(),
  height: z.number(),
  url: z.string(),
  thumbUrl: z.string(),
});
export const Reflection = z.object({
  id: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  volunteerId: z.string(),
  /** the volunteer's name: for the volunteer and the reviewing organization only */
  authorName: z.string(),
  title: z.string(),
  text: z.string(),
  status: z.enum(reflectionStatuses),
  reviewReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  photos: z.array(ReflectionPhoto),
  abilities: z.object({ addPhotos: z.boolean(), publish: z.boolean(), reject: z.boolean() }),
});
export type Reflection = z.infer<typeof Reflection>;
export const ReflectionList = z.object({ items: z.array(Reflection), nextCursor: z.string().nullable() });
export const ReflectionListQuery = z.object({
  orgId: Id.optional(),
  projectId: Id.optional(),
  status: z.enum(reflectionStatuses).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReflectionListQuery = z.infer<typeof ReflectionListQuery>;
export const ReflectionPhotoParams = z.object({ id: Id, photoId: Id });
export const ReflectionPhotoQuery = z.object({ size: z.enum(['display', 'thumb']).default('display') });
export const ReflectionPhotoCreated = z.object({ photoId: z.string() });

/** A published reflection on the showcase: the author's name masked (王** ), nothing else about them. */
export const ShowcaseReflection = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  authorMaskedName: z.string(),
  publishedAt: z.string(),
  photos: z.array(ReflectionPhoto),
});
export const ShowcaseProject = ProjectSummary.pick({
  id: true,
  orgName: true,
  areaFullName: true,
  title: true,
  field: true,
  firstShiftAt: true,
  lastShiftAt: true,
}).extend({
  description: z.string(),
  /** the photos of its published reflections, newest first (at most 9) */
  photos: z.array(ReflectionPhoto),
  reflectionCount: z.number(),
  /** its published reflections, newest first (at most 10) */
  reflections: z.array(ShowcaseReflection),
});
export type ShowcaseProject = z.infer<typeof ShowcaseProject>;
export const ShowcaseList = z.object({ items: z.array(ShowcaseProject), nextCursor: z.string().nullable() });
export const ShowcaseQuery = z.object({
  areaCode: AreaCode.describe('community, township or any area: projects in its subtree'),
  field: z.enum(activityFields).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type ShowcaseQuery = z.infer<typeof ShowcaseQuery>;
