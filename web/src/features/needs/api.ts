import type {
  AcceptBody,
  DispatchBody,
  Need,
  NeedListQuery,
  NeedStats,
  NeedStatsQuery,
  NeedStatus,
  NeedSummary,
} from '@linli/contract/needs';
import type { OrgSummary } from '@linli/contract/organizations';
import { apiUrl, request } from '../../app/request';
import type { KeysetPage } from '../../app/use-keyset-list';

/** The list filters the page sets (the cursor and page size are added per call). */
export type NeedFilters = Partial<Omit<NeedListQuery, 'cursor' | 'limit'>>;
/** An organization a dispatcher may choose: what the registry list gives. */
export type OrgChoice = Pick<OrgSummary, 'id' | 'name' | 'areaCode' | 'areaFullName'>;

export function listNeeds(
  filters: NeedFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<KeysetPage<NeedSummary, string>> {
  return request<KeysetPage<NeedSummary, string>>('/api/needs', { query: { ...filters, cursor, limit: 50 }, signal });
}

/** The .xlsx download link of the list with the filters in use (no personal data). */
export function needExportUrl(filters: NeedFilters): string {
  return apiUrl('/api/needs/export', filters);
}

export function listDispatchQueue(signal?: AbortSignal): Promise<{ items: NeedSummary[] }> {
  return request<{ items: NeedSummary[] }>('/api/needs/queue', { signal });
}

export function listAssigned(
  filters: { status?: NeedStatus },
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<KeysetPage<NeedSummary, string>> {
  return request<KeysetPage<NeedSummary, string>>('/api/needs/assigned', {
    query: { ...filters, cursor, limit: 50 },
    signal,
  });
}

export function getNeed(id: string, signal?: AbortSignal): Promise<Need> {
  return request<Need>(`/api/needs/${id}`, { signal });
}

/** The full contact; the server records each reveal in the audit log. */
export function revealContact(id: string): Promise<{ name: string; mobile: string }> {
  return request<{ name: string; mobile: string }>(`/api/needs/${id}/contact`, { method: 'POST' });
}

export function dispatchNeed(id: string, body: DispatchBody): Promise<Need> {
  return request<Need>(`/api/needs/${id}/dispatch`, { method: 'POST', body });
}

export function redispatchNeed(id: string, reason: string): Promise<Need> {
  return request<Need>(`/api/needs/${id}/redispatch`, { method: 'POST', body: { reason } });
}

export function declineNeed(id: string, reason: string): Promise<Need> {
  return request<Need>(`/api/needs/${id}/decline`, { method: 'POST', body: { reason } });
}

export function acceptNeed(id: string, body: AcceptBody): Promise<Need> {
  return request<Need>(`/api/needs/${id}/acceptance`, { method: 'POST', body });
}

/** The organization refuses: the need goes back to the dispatcher and out of the organization's sight. */
export function refuseNeed(id: string, reason: string): Promise<{ ok: true }> {
  return request<{ ok: true }>(`/api/needs/${id}/refusal`, { method: 'POST', body: { reason } });
}

export function completeNeed(id: string, note: string): Promise<Need> {
  return request<Need>(`/api/needs/${id}/completion`, { method: 'POST', body: { note } });
}

export function getNeedStats(query: Partial<NeedStatsQuery>, signal?: AbortSignal): Promise<NeedStats> {
  return request<NeedStats>('/api/needs/stats', { query, signal });
}

/**
 * Active organizations of the dispatcher's jurisdiction, by two or more characters of the name
 * (or the first ones without a term); the dialog keeps those of the area the level covers.
 */
export async function searchActiveOrganizations(term: string, signal?: AbortSignal): Promise<OrgChoice[]> {
  const page = await request<KeysetPage<OrgSummary, string>>('/api/organizations', {
    query: { status: 'active', sort: 'name', limit: 100, ...(term ? { q: term } : {}) },
    signal,
  });
  return page.items.map((org) => ({
    id: org.id,
    name: org.name,
    areaCode: org.areaCode,
    areaFullName: org.areaFullName,
  }));
}
