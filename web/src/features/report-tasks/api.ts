import type {
  AddresseeChoiceQuery,
  AddresseeChoices,
  AddresseeList,
  AddresseeListQuery,
  Answers,
  ExtendBody,
  FileInfo,
  Inbox,
  ReminderNotices,
  ReportTask,
  ReportTaskBody,
  ReportTaskList,
  ReportTaskStatus,
  SendingAreas,
  Submission,
} from '@linli/contract/report-tasks';
import { apiUrl, request } from '../../app/request';

// ─── sender ──────────────────────────────────────────────────────────────────

export function listReportTasks(status: ReportTaskStatus | undefined, signal?: AbortSignal): Promise<ReportTaskList> {
  return request<ReportTaskList>('/api/report-tasks', { query: { status }, signal });
}

export function getSendingAreas(signal?: AbortSignal): Promise<SendingAreas> {
  return request<SendingAreas>('/api/report-tasks/sending-areas', { signal });
}

/** The form's area picker: areas of a level in the sending area's subtree, by name. */
export function listAddresseeChoices(query: AddresseeChoiceQuery, signal?: AbortSignal): Promise<AddresseeChoices> {
  return request<AddresseeChoices>('/api/report-tasks/addressee-choices', { query, signal });
}

/** A page of the status table (keyset: `after` is the last area code of the previous page). */
export function listAddressees(id: string, query: AddresseeListQuery, signal?: AbortSignal): Promise<AddresseeList> {
  return request<AddresseeList>(`/api/report-tasks/${id}/addressees`, { query, signal });
}

export function getReportTask(id: string, signal?: AbortSignal): Promise<ReportTask> {
  return request<ReportTask>(`/api/report-tasks/${id}`, { signal });
}

export function createReportTask(body: ReportTaskBody): Promise<ReportTask> {
  return request<ReportTask>('/api/report-tasks', { method: 'POST', body });
}

export function updateReportTask(id: string, body: ReportTaskBody): Promise<ReportTask> {
  return request<ReportTask>(`/api/report-tasks/${id}`, { method: 'PUT', body });
}

export function discardReportTask(id: string): Promise<{ ok: true }> {
  return request<{ ok: true }>(`/api/report-tasks/${id}`, { method: 'DELETE' });
}

export function sendReportTask(id: string): Promise<ReportTask> {
  return request<ReportTask>(`/api/report-tasks/${id}/send`, { method: 'POST' });
}

export function extendReportTask(id: string, body: ExtendBody): Promise<ReportTask> {
  return request<ReportTask>(`/api/report-tasks/${id}/extend`, { method: 'POST', body });
}

export function withdrawReportTask(id: string, reason: string): Promise<ReportTask> {
  return request<ReportTask>(`/api/report-tasks/${id}/withdraw`, { method: 'POST', body: { reason } });
}

export function uploadTemplate(id: string, file: File): Promise<ReportTask> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<ReportTask>(`/api/report-tasks/${id}/template`, { method: 'PUT', body: form });
}

export function removeTemplate(id: string): Promise<ReportTask> {
  return request<ReportTask>(`/api/report-tasks/${id}/template`, { method: 'DELETE' });
}

export function getSubmissionForSender(id: string, areaCode: string, signal?: AbortSignal): Promise<Submission> {
  return request<Submission>(`/api/report-tasks/${id}/submissions/${areaCode}`, { signal });
}

export function returnSubmission(id: string, areaCode: string, reason: string): Promise<Submission> {
  return request<Submission>(`/api/report-tasks/${id}/submissions/${areaCode}/return`, {
    method: 'POST',
    body: { reason },
  });
}

/** The .xlsx of all areas' answers (a download link). */
export function exportUrl(id: string): string {
  return apiUrl(`/api/report-tasks/${id}/export`);
}

// ─── addressee ───────────────────────────────────────────────────────────────

export function listInbox(signal?: AbortSignal): Promise<Inbox> {
  return request<Inbox>('/api/report-submissions', { signal });
}

export function listReminders(signal?: AbortSignal): Promise<ReminderNotices> {
  return request<ReminderNotices>('/api/report-submissions/reminders', { signal });
}

export function getMySubmission(id: string, areaCode: string, signal?: AbortSignal): Promise<Submission> {
  return request<Submission>(`/api/report-submissions/${id}/${areaCode}`, { signal });
}

export function saveDraft(id: string, areaCode: string, answers: Answers): Promise<Submission> {
  return request<Submission>(`/api/report-submissions/${id}/${areaCode}`, { method: 'PUT', body: { answers } });
}

export function submitAnswers(id: string, areaCode: string, answers: Answers): Promise<Submission> {
  return request<Submission>(`/api/report-submissions/${id}/${areaCode}/submit`, {
    method: 'POST',
    body: { answers },
  });
}

export function uploadAnswerFile(id: string, areaCode: string, fieldId: string, file: File): Promise<FileInfo> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<FileInfo>(`/api/report-submissions/${id}/${areaCode}/files`, {
    method: 'POST',
    body: form,
    query: { fieldId },
  });
}
