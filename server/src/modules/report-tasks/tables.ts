import type { ReportField, ReportTaskStatus, SubmissionState } from '@linli/contract/report-tasks';

/** A row of `report_tasks` with its sending area's name (server/migrations/0017_report_tasks.sql, 0018). */
export type ReportTaskRow = {
  id: string;
  title: string;
  instructions: string;
  fields: ReportField[];
  /** YYYY-MM-DD */
  deadline: string;
  remind_days_before: number;
  status: ReportTaskStatus;
  area_code: string;
  area_level: number;
  area_name: string;
  /** level of the addressee areas (0018): below `area_level`, down to 5 (community) */
  addressee_level: number;
  all_children: boolean;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  withdrawn_at: Date | null;
  withdraw_reason: string | null;
};

/** Figures of a task's addressees (one aggregate query). */
export type CountsRow = {
  addressees: number;
  not_started: number;
  draft: number;
  submitted: number;
  late: number;
  outstanding: number;
  returned: number;
};

/** A task of a list, with its addressees' figures (those the caller reads). */
export type ReportTaskSummaryRow = Pick<
  ReportTaskRow,
  'id' | 'title' | 'status' | 'deadline' | 'area_code' | 'area_level' | 'area_name' | 'sent_at' | 'created_at'
> &
  CountsRow;

/** A row of `report_task_areas` with the area's name and the submitter's name. */
export type TaskAreaRow = {
  task_id: string;
  area_code: string;
  area_level: number;
  area_name: string;
  /** names of the areas between the sender and this one, `越秀区 / 北京街道` (null when none) */
  parent_name: string | null;
  state: SubmissionState;
  answers: Record<string, unknown>;
  submitted_answers: Record<string, unknown> | null;
  saved_at: Date | null;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  submitted_by_name: string | null;
  submission_count: number;
  return_reason: string | null;
};

export type ReportFileRow = {
  id: string;
  task_id: string;
  area_code: string | null;
  field_id: string | null;
  file_name: string;
  file_type: string;
  size: number;
};

/** An addressee's inbox line: the task and this area's submission. */
export type InboxRow = {
  task_id: string;
  title: string;
  task_status: ReportTaskStatus;
  deadline: string;
  sender_area_name: string;
  area_code: string;
  area_name: string;
  state: SubmissionState;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  return_reason: string | null;
};

export type ReminderRow = {
  task_id: string;
  title: string;
  area_code: string;
  area_name: string;
  milestone: 'beforeDeadline' | 'deadlineDay';
  deadline: string;
  created_at: Date;
};
