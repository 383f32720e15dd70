import { z } from 'zod';
import { AreaCode, areaLevels } from './areas';

/**
 * 填报任务 (C11; 001 三.四 "请各区于2022年11月30日前报送总结报告"): an officer asks the areas of
 * their jurisdiction — one level down by default, or any deeper level down to the communities
 * (a city to every 街道/乡镇) — for a report by a deadline — a small form (its
 * fields are fixed once the task is sent, so the answers stay comparable) and/or a template file.
 * Each addressee area fills it in and submits; the sender may return a submission for changes.
 */

const Id = z.uuid({ message: 'id.invalid' });
const DateOnly = z.iso.date({ message: 'date.invalid' });
const Reason = z.string().trim().min(2, { message: 'reason.required' }).max(500);

/** The kinds of form field a sender can put on a task. */
export const reportFieldKinds = [
  'text',
  'longText',
  'number',
  'date',
  'singleChoice',
  'multipleChoice',
  'file',
] as const;
export type ReportFieldKind = (typeof reportFieldKinds)[number];

/** Kinds whose answer is picked from the field's options. */
export const choiceFieldKinds = ['singleChoice', 'multipleChoice'] as const satisfies readonly ReportFieldKind[];

/** Longest answers, in characters, per text kind. */
export const answerMaxLength = { text: 200, longText: 10_000 } as const;

/** A task's lifecycle: drafts are edited, a sent task's form is fixed, a withdrawn task is closed. */
export const reportTaskStatuses = ['draft', 'sent', 'withdrawn'] as const;
export type ReportTaskStatus = (typeof reportTaskStatuses)[number];

/** One addressee area's submission (stored). */
export const submissionStates = ['notStarted', 'draft', 'submitted', 'returned'] as const;
export type SubmissionState = (typeof submissionStates)[number];

/** What the lists show: a submission made after the deadline shows as `late`. */
export const submissionDisplayStatuses = ['notStarted', 'draft', 'submitted', 'late', 'returned'] as const;
export type SubmissionDisplayStatus = (typeof submissionDisplayStatuses)[number];

/** Reminder milestones: N days before the deadline, and the deadline day itself. */
export const reminderMilestones = ['beforeDeadline', 'deadlineDay'] as const;
export type ReminderMilestone = (typeof reminderMilestones)[number];

export const ReportFieldId = z.string().regex(/^[a-z][a-z0-9]{0,23}$/, { message: 'reportTask.field.id' });

/** A field as the sender defines it; `id` is kept from draft to draft (the answers are keyed by it). */
export const ReportFieldInput = z.object({
  id: ReportFieldId.optional().describe('stable key of the field; assigned by the server when missing'),
  kind: z.enum(reportFieldKinds),
  label: z
    .string()
    .trim()
    .min(1, { message: 'reportTask.field.label' })
    .max(100, { message: 'reportTask.field.labelTooLong' }),
  help: z.string().trim().max(300).optional(),
  isRequired: z.boolean().default(false),
  /** choices of singleChoice / multipleChoice */
  options: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  /** unit of a number, e.g. 个, 人次, 万元 */
  unit: z.string().trim().max(20).optional(),
});
export type ReportFieldInput = z.infer<typeof ReportFieldInput>;

export const ReportField = z.object({
  id: z.string(),
  kind: z.enum(reportFieldKinds),
  label: z.string(),
  help: z.string().nullable(),
  isRequired: z.boolean(),
  options: z.array(z.string()),
  unit: z.string().nullable(),
});
export type ReportField = z.infer<typeof ReportField>;

export const ReportTaskBody = z.object({
  title: z
    .string()
    .trim()
    .min(2, { message: 'reportTask.title.tooShort' })
    .max(100, { message: 'reportTask.title.tooLong' }),
  instructions: z.string().trim().max(5000).default(''),
  fields: z.array(ReportFieldInput).max(50, { message: 'reportTask.fields.tooMany' }).default([]),
  /** China calendar day; the task is due at the end of it (24:00 Asia/Shanghai) */
  deadline: DateOnly,
  remindDaysBefore: z.number().int().min(1).max(30).default(3),
  /** the sending area: one of the caller's jurisdictions (defaults to the current one, or the only one) */
  areaCode: AreaCode.optional(),
  areaLevel: z.enum(areaLevels).optional(),
  /** the level of the addressee areas: below the sending area's, down to community (default: one level down) */
  addresseeLevel: z.enum(areaLevels).optional(),
  /** every area of the addressee level in the sending area's subtree, or only `addresseeCodes` */
  allChildren: z.boolean().default(true),
  addresseeCodes: z.array(AreaCode).max(1000).default([]),
});
export type ReportTaskBody = z.input<typeof ReportTaskBody>;

export const ReportTaskParams = z.object({ id: Id });
export type ReportTaskParams = z.infer<typeof ReportTaskParams>;
export const SubmissionParams = z.object({ id: Id, areaCode: AreaCode });
export type SubmissionParams = z.infer<typeof SubmissionParams>;
export const ReportFileParams = z.object({ fileId: Id });
export const FileFieldQuery = z.object({ fieldId: ReportFieldId });

export const ExtendBody = z.object({ deadline: DateOnly, reason: z.string().trim().max(500).optional() });
export type ExtendBody = z.infer<typeof ExtendBody>;
export const ReasonBody = z.object({ reason: Reason });
export type ReasonBody = z.infer<typeof ReasonBody>;

/** An answer: text/date/choice/file id as a string, a number, the chosen options, or nothing. */
export const AnswerValue = z.union([
  z.string().max(20_000),
  z.number(),
  z.array(z.string().max(200)).max(50),
  z.null(),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export const Answers = z.record(z.string().max(24), AnswerValue);
export type Answers = z.infer<typeof Answers>;
export const AnswersBody = z.object({ answers: Answers });
export type AnswersBody = z.infer<typeof AnswersBody>;

export const ReportTaskListQuery = z.object({ status: z.enum(reportTaskStatuses).optional() });
export type ReportTaskListQuery = z.infer<typeof ReportTaskListQuery>;

/** Figures of a task's addressees (in the caller's view): `submitted` includes `late`; `outstanding` is every area not submitted. */
export const SubmissionCounts = z.object({
  addressees: z.number(),
  notStarted: z.number(),
  draft: z.number(),
  submitted: z.number(),
  late: z.number(),
  outstanding: z.number(),
  returned: z.number(),
});
export type SubmissionCounts = z.infer<typeof SubmissionCounts>;

export const FileInfo = z.object({
  id: z.string(),
  fieldId: z.string().nullable(),
  fileName: z.string(),
  size: z.number(),
  /** the download address (needs a session with access to the task) */
  url: z.string(),
});
export type FileInfo = z.infer<typeof FileInfo>;

export const ReportTaskSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(reportTaskStatuses),
  deadline: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  counts: SubmissionCounts,
});
export type ReportTaskSummary = z.infer<typeof ReportTaskSummary>;
export const ReportTaskList = z.object({ items: z.array(ReportTaskSummary) });
export type ReportTaskList = z.infer<typeof ReportTaskList>;

export const AddresseeStatus = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  /** the areas between the sender and this one (e.g. the district of a township), `越秀区 / 北京街道`; null one level down */
  parentName: z.string().nullable(),
  state: z.enum(submissionStates),
  status: z.enum(submissionDisplayStatuses),
  isLate: z.boolean(),
  submittedAt: z.string().nullable(),
  /** the submitting officer's name, masked (王**) */
  submittedByName: z.string().nullable(),
  returnReason: z.string().nullable(),
});
export type AddresseeStatus = z.infer<typeof AddresseeStatus>;

export const ReportTaskAbilities = z.object({
  edit: z.boolean(),
  send: z.boolean(),
  discard: z.boolean(),
  extend: z.boolean(),
  withdraw: z.boolean(),
  returnSubmission: z.boolean(),
});
export type ReportTaskAbilities = z.infer<typeof ReportTaskAbilities>;

export const ReportTask = ReportTaskSummary.extend({
  instructions: z.string(),
  fields: z.array(ReportField),
  remindDaysBefore: z.number(),
  areaLevel: z.enum(areaLevels),
  addresseeLevel: z.enum(areaLevels),
  allChildren: z.boolean(),
  template: FileInfo.nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  /** the caller reads only the addressees of their own subtree (an officer of an area in between) */
  isPartialView: z.boolean(),
  /** areas one level below the sender to filter the addressees by, when they lie deeper than that */
  subareas: z.array(z.object({ code: z.string(), name: z.string() })),
  abilities: ReportTaskAbilities,
});
export type ReportTask = z.infer<typeof ReportTask>;

/** The status table's filters: a display status (or every area not submitted) and an area in between. */
export const addresseeFilterStatuses = [...submissionDisplayStatuses, 'outstanding'] as const;
export type AddresseeFilterStatus = (typeof addresseeFilterStatuses)[number];
export const AddresseeListQuery = z.object({
  status: z.enum(addresseeFilterStatuses).optional(),
  /** only the addressees inside this area (between the sender and the addressee level, e.g. a district) */
  within: AreaCode.optional(),
  /** keyset: the last area code of the previous page */
  after: AreaCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AddresseeListQuery = Partial<z.infer<typeof AddresseeListQuery>>;
/** A page of the status table in area-code order; `next` continues it; `counts` cover `within`, every status. */
export const AddresseeList = z.object({
  items: z.array(AddresseeStatus),
  next: z.string().nullable(),
  counts: SubmissionCounts,
});
export type AddresseeList = z.infer<typeof AddresseeList>;

/** The area picker of the task form: areas of `level` in the sending area's subtree, by name. */
export const AddresseeChoiceQuery = z.object({
  areaCode: AreaCode,
  areaLevel: z.enum(areaLevels).optional(),
  level: z.enum(areaLevels),
  within: AreaCode.optional(),
  q: z.string().trim().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type AddresseeChoiceQuery = Omit<z.infer<typeof AddresseeChoiceQuery>, 'limit'> & { limit?: number };
export const AddresseeChoices = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), parentName: z.string().nullable() })),
});
export type AddresseeChoices = z.infer<typeof AddresseeChoices>;

/** One area's submission with the task it answers (the addressee's form, the sender's view of it). */
export const Submission = z.object({
  task: z.object({
    id: z.string(),
    title: z.string(),
    instructions: z.string(),
    status: z.enum(reportTaskStatuses),
    deadline: z.string(),
    senderAreaName: z.string(),
    fields: z.array(ReportField),
    template: FileInfo.nullable(),
  }),
  areaCode: z.string(),
  areaName: z.string(),
  state: z.enum(submissionStates),
  status: z.enum(submissionDisplayStatuses),
  isLate: z.boolean(),
  answers: Answers,
  files: z.array(FileInfo),
  savedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  returnReason: z.string().nullable(),
  abilities: z.object({ save: z.boolean(), submit: z.boolean(), returnSubmission: z.boolean() }),
});
export type Submission = z.infer<typeof Submission>;

export const InboxItem = z.object({
  taskId: z.string(),
  title: z.string(),
  senderAreaName: z.string(),
  taskStatus: z.enum(reportTaskStatuses),
  deadline: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  state: z.enum(submissionStates),
  status: z.enum(submissionDisplayStatuses),
  isLate: z.boolean(),
  /** past the deadline and not submitted */
  isOverdue: z.boolean(),
  submittedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;
export const Inbox = z.object({ items: z.array(InboxItem) });
export type Inbox = z.infer<typeof Inbox>;

export const ReminderNotice = z.object({
  taskId: z.string(),
  title: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  milestone: z.enum(reminderMilestones),
  deadline: z.string(),
  createdAt: z.string(),
});
export type ReminderNotice = z.infer<typeof ReminderNotice>;
/** Reminders for tasks my areas have not submitted yet (the menu badge is `items.length`). */
export const ReminderNotices = z.object({ items: z.array(ReminderNotice) });
export type ReminderNotices = z.infer<typeof ReminderNotices>;

/**
 * The areas the caller may send from, each with its child areas (one level down) and the deeper
 * levels a task can go to, with how many areas of each level the subtree holds.
 */
export const SendingAreas = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      level: z.enum(areaLevels),
      name: z.string(),
      children: z.array(z.object({ code: z.string(), name: z.string() })),
      levels: z.array(z.object({ level: z.enum(areaLevels), count: z.number() })),
    }),
  ),
});
export type SendingAreas = z.infer<typeof SendingAreas>;

/** The end of a China calendar day, as an instant: a task due on `day` is late from this moment on. */
export function deadlineEnd(day: string): Date {
  return new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000);
}

/** Submitted after the end of the deadline day (Asia/Shanghai)? */
export function isLateSubmission(submittedAt: Date, deadline: string): boolean {
  return submittedAt.getTime() >= deadlineEnd(deadline).getTime();
}
