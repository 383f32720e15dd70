import type { Need, NeedBody, NeedSummary, RatingBody } from '@linli/contract/needs';
import { request } from '../../app/request';

/** A resident's own needs and steps (群众点单, 撤销, 群众评单): the `needs.post` endpoints. */
export function postNeed(body: NeedBody): Promise<Need> {
  return request<Need>('/api/needs', { method: 'POST', body });
}

export function listMyNeeds(
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<{ items: NeedSummary[]; nextCursor: string | null }> {
  return request('/api/needs/mine', { query: { cursor, limit: 20 }, signal });
}

export function getMyNeed(id: string, signal?: AbortSignal): Promise<Need> {
  return request<Need>(`/api/needs/${id}`, { signal });
}

export function cancelMyNeed(id: string, reason: string): Promise<Need> {
  return request<Need>(`/api/needs/${id}/cancellation`, { method: 'POST', body: { reason } });
}

export function rateMyNeed(id: string, body: RatingBody): Promise<Need> {
  return request<Need>(`/api/needs/${id}/rating`, { method: 'POST', body });
}
