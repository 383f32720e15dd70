import { apiUrl, request } from '../../app/request';

export type BackfillMode = 'validRows' | 'allOrNothing';
export type BackfillJob = {
  id: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number };
  result: { rows: number; created: number; skipped: number; errors: number; mode: BackfillMode } | null;
  hasResultFile: boolean;
};

export const recordTemplateUrl = apiUrl('/api/service-records/import-template');
export const jobResultUrl = (jobId: string) => apiUrl(`/api/jobs/${jobId}/result-file`);

export function startRecordImport(orgId: string, file: File, mode: BackfillMode): Promise<{ jobId: string }> {
  const form = new FormData();
  form.set('mode', mode);
  form.set('file', file, file.name);
  return request(`/api/organizations/${orgId}/service-record-imports`, { method: 'POST', body: form });
}

export function getJob(jobId: string, signal?: AbortSignal): Promise<BackfillJob> {
  return request<BackfillJob>(`/api/jobs/${jobId}`, { signal });
}
