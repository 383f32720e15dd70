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
} from '@linli/contract/organizations';
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
> & { status: OrgRecordStatus };
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
