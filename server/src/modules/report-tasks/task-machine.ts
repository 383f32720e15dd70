import type { ReportTaskStatus, SubmissionState } from '@linli/contract/report-tasks';

/**
 * The two state machines of report tasks, as pure functions (like filing-machine.ts and
 * need-machine.ts): a `null` answer is a 409 and nothing changes.
 *
 * Task: draft —edit→ draft —send→ sent —extend→ sent —withdraw→ withdrawn; a draft may be discarded.
 * Submission of an addressee area (only while its task is `sent`):
 *   notStarted/draft —save→ draft; returned —save→ returned (still waiting for the resubmission)
 *   notStarted/draft/returned —submit→ submitted —return (by the sender)→ returned
 */
export type TaskAction = 'edit' | 'send' | 'discard' | 'extend' | 'withdraw';
export type SubmissionAction = 'save' | 'submit' | 'return';

const taskTable: Record<ReportTaskStatus, Partial<Record<TaskAction, ReportTaskStatus | 'discarded'>>> = {
  draft: { edit: 'draft', send: 'sent', discard: 'discarded' },
  sent: { extend: 'sent', withdraw: 'withdrawn' },
  withdrawn: {},
};

export function nextTaskStatus(status: ReportTaskStatus, action: TaskAction): ReportTaskStatus | 'discarded' | null {
  return taskTable[status][action] ?? null;
}

const submissionTable: Record<SubmissionState, Partial<Record<SubmissionAction, SubmissionState>>> = {
  notStarted: { save: 'draft', submit: 'submitted' },
  draft: { save: 'draft', submit: 'submitted' },
  submitted: { return: 'returned' },
  returned: { save: 'returned', submit: 'submitted' },
};

export function nextSubmissionState(
  taskStatus: ReportTaskStatus,
  state: SubmissionState,
  action: SubmissionAction,
): SubmissionState | null {
  if (taskStatus !== 'sent') {
    return null;
  }
  return submissionTable[state][action] ?? null;
}
