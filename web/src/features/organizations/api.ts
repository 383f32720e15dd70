import type { ActivityField } from '@linli/contract/activities';
import type {
  ChangeBody,
  DecisionBody,
  EstablishBody,
  Filing,
  FilingStep,
  Organization,
  OrgListQuery,
  OrgStatus,
  OrgSummary,
  ReportBody,
  ReportKind,
  WorkReport,
} from '@linli/contract/organizations';
import type { RecognitionBody, RecognitionList } from '@linli/contract/statistics';
import { apiUrl, request } from '../../app/request';
import type { KeysetPage } from '../../app/use-keyset-list';

/** The list filters the page sets (the cursor and page size are added per call). */
export type OrgFilters = Partial<Omit<OrgListQuery, 'cursor' | 'limit'>>;
export type OrgRecordStatus = OrgSummary['status'];
/** The three reviewing steps of a filing, each with its own endpoint and permission. */
export type ReviewStep = Exclude<FilingStep, 'submit' | 'resubmit'>;
/** What `GET /api/public/organizations/:id` answers (contract `OrgDisclosure`); the preview also shows pending records. */
export type OrgDisclosure = Pick<
  OrgSummary,
  'id' | 'name' | 'tier' | 'category' | 'hubKind' | 'areaFullName' | 'foundedOn' | 'serviceTargets' | 'creditCode'
> & {
  status: OrgRecordStatus;
  annualReports: AnnualReportDisclosure[];
  /** activities of the last year (the public page; the preview inside the console leaves it out) */
  recentActivityCount?: number;
};
/** An acknowledged annual report as the public page shows it. */
export type AnnualReportDisclosure = { period: string; activityCount: number; content: string };
/** Supervision: the statuses an officer may set (contract `StatusBody` plus the exit of an abnormal organization). */
export type StatusChange = { status: OrgStatus; reason: string };

export function listOrganizations(
  filters: OrgFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<KeysetPage<OrgSummary, string>> {
  return request<KeysetPage<OrgSummary, string>>('/api/organizations', {
    query: { ...filters, cursor, limit: 50 },
    signal,
  });
}

/** The .xlsx download link of the list with the filters in use. */
export function organizationExportUrl(filters: OrgFilters): string {
  return apiUrl('/api/organizations/export', filters);
}

export function establishOrganization(body: EstablishBody): Promise<{ orgId: string; filingId: string }> {
  return request<{ orgId: string; filingId: string }>('/api/organizations', { method: 'POST', body });
}

export function getOrganization(id: string, signal?: AbortSignal): Promise<Organization> {
  return request<Organization>(`/api/organizations/${id}`, { signal });
}

export function fileChange(id: string, body: ChangeBody): Promise<Organization> {
  return request<Organization>(`/api/organizations/${id}/changes`, { method: 'POST', body });
}

export function fileDissolution(id: string, reason: string): Promise<Organization> {
  return request<Organization>(`/api/organizations/${id}/dissolution`, { method: 'POST', body: { reason } });
}

export function fileUpgrade(id: string, creditCode: string | undefined): Promise<Organization> {
  return request<Organization>(`/api/organizations/${id}/upgrade`, {
    method: 'POST',
    body: creditCode ? { creditCode } : {},
  });
}

export function setOrganizationStatus(id: string, body: StatusChange): Promise<Organization> {
  return request<Organization>(`/api/organizations/${id}/status`, { method: 'POST', body });
}

export function listFilingQueue(signal?: AbortSignal): Promise<{ items: Filing[] }> {
  return request<{ items: Filing[] }>('/api/filings/queue', { signal });
}

export function listMyFilings(signal?: AbortSignal): Promise<{ items: Filing[] }> {
  return request<{ items: Filing[] }>('/api/filings/mine', { signal });
}

const stepPaths: Record<ReviewStep, string> = {
  committeeOpinion: 'committee-opinion',
  townshipDecision: 'township-decision',
  civilAffairsRecord: 'civil-affairs-record',
};

export function decideFiling(filingId: string, step: ReviewStep, body: DecisionBody): Promise<Organization> {
  return request<Organization>(`/api/filings/${filingId}/${stepPaths[step]}`, { method: 'POST', body });
}

export function resubmitFiling(filingId: string, body: ChangeBody): Promise<Organization> {
  return request<Organization>(`/api/filings/${filingId}/resubmission`, { method: 'POST', body });
}

export function getDisclosure(id: string, signal?: AbortSignal): Promise<OrgDisclosure> {
  return request<OrgDisclosure>(`/api/public/organizations/${id}`, { signal, redirectOnUnauthorized: false });
}

// ─── survey import (摸底表) ───────────────────────────────────────────────────

/** `validRows`: the good rows go in, the others are listed; `allOrNothing`: nothing goes in while any row has an error. */
export type ImportMode = 'validRows' | 'allOrNothing';
export type ImportResult = { rows: number; created: number; skipped: number; errors: number; mode: ImportMode };
/** What `GET /api/jobs/:id` answers for a survey import. */
export type ImportJob = {
  id: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number };
  result: ImportResult | null;
  hasResultFile: boolean;
};

/** The .xlsx survey template with its drop-down lists. */
export const importTemplateUrl = apiUrl('/api/organizations/import-template');

/** Uploads a survey; the import runs as a job. The mode goes first: the server reads the fields before the file. */
export function startImport(file: File, mode: ImportMode): Promise<{ jobId: string }> {
  const body = new FormData();
  body.append('mode', mode);
  body.append('file', file, file.name);
  return request<{ jobId: string }>('/api/organizations/imports', { method: 'POST', body });
}

/** Uploads (or replaces) the organization's charter file; answers the organization as it is now. */
export function uploadCharter(orgId: string, file: File): Promise<Organization> {
  const body = new FormData();
  body.append('file', file, file.name);
  return request<Organization>(`/api/organizations/${orgId}/charter`, { method: 'PUT', body });
}

/** The charter file's download link. */
export function charterUrl(orgId: string): string {
  return apiUrl(`/api/organizations/${orgId}/charter`);
}

export function getImportJob(jobId: string, signal?: AbortSignal): Promise<ImportJob> {
  return request<ImportJob>(`/api/jobs/${jobId}`, { signal });
}

/** The error sheet of an import (rows, columns and what to fix). */
export function importErrorSheetUrl(jobId: string): string {
  return apiUrl(`/api/jobs/${jobId}/result-file`);
}

// ─── work and annual reports ────────────────────────────────────────────────

export type ReportList = { items: WorkReport[] };
export type OverdueOrg = {
  id: string;
  name: string;
  areaCode: string;
  areaFullName: string;
  lastReportAt: string | null;
};

export function listReports(orgId: string, signal?: AbortSignal): Promise<ReportList> {
  return request<ReportList>(`/api/organizations/${orgId}/reports`, { signal });
}

export function submitReport(orgId: string, body: ReportBody): Promise<ReportList> {
  return request<ReportList>(`/api/organizations/${orgId}/reports`, { method: 'POST', body });
}

export function reviewReport(
  reportId: string,
  body: { decision: 'acknowledge' } | { decision: 'comment'; comment: string },
): Promise<ReportList> {
  return request<ReportList>(`/api/reports/${reportId}/review`, { method: 'POST', body });
}

export function listOverdue(
  query: { kind: ReportKind; period: string },
  signal?: AbortSignal,
): Promise<{ items: OverdueOrg[]; total: number }> {
  return request<{ items: OverdueOrg[]; total: number }>('/api/reports/overdue', {
    query: { ...query, limit: 500 },
    signal,
  });
}

// ─── residents' ratings (群众评单) ───────────────────────────────────────────

/** What `GET /api/public/organizations/:id/ratings` answers (contract `OrgRatingSummary`): no personal data. */
export type OrgRatings = {
  orgId: string;
  count: number;
  averageStars: number | null;
  /** counts of 1 to 5 stars */
  distribution: number[];
  recent: { stars: number; comment: string; field: ActivityField; ratedAt: string }[];
};

export function getOrgRatings(id: string, signal?: AbortSignal): Promise<OrgRatings> {
  return request<OrgRatings>(`/api/public/organizations/${id}/ratings`, { signal, redirectOnUnauthorized: false });
}

// ─── recognitions (品牌组织 · 示范型组织 · 示范点; served by the statistics module) ───

export function listRecognitions(orgId: string, signal?: AbortSignal): Promise<RecognitionList> {
  return request<RecognitionList>(`/api/organizations/${orgId}/recognitions`, { signal });
}

export function grantRecognition(orgId: string, body: RecognitionBody): Promise<RecognitionList> {
  return request<RecognitionList>(`/api/organizations/${orgId}/recognitions`, { method: 'POST', body });
}

export function revokeRecognition(orgId: string, recognitionId: string, reason: string): Promise<RecognitionList> {
  return request<RecognitionList>(`/api/organizations/${orgId}/recognitions/${recognitionId}/revocation`, {
    method: 'POST',
    body: { reason },
  });
}
