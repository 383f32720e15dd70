import type { PublicActivity } from '@linli/contract/activities';
import type { AreaLevel, AreaList } from '@linli/contract/areas';
import { request } from '../app/request';

/** A published activity as the public list gives it (no content, summary or photos). */
export type PublicActivityItem = Omit<PublicActivity, 'content' | 'summary' | 'photos'>;
export type Area = AreaList['items'][number];

const publicCall = { redirectOnUnauthorized: false } as const;

export function listPublicActivities(
  query: { communityCode: string; from?: string; cursor?: string | undefined },
  signal?: AbortSignal,
): Promise<{ items: PublicActivityItem[]; nextCursor: string | null }> {
  return request('/api/public/activities', { ...publicCall, query: { ...query, limit: 20 }, signal });
}

export function getPublicActivity(id: string, signal?: AbortSignal): Promise<PublicActivity> {
  return request<PublicActivity>(`/api/public/activities/${id}`, { ...publicCall, signal });
}

/** The division tree is public: residents pick their community without signing in. */
export function listAreaChildren(code: string, level: AreaLevel, signal?: AbortSignal): Promise<AreaList> {
  return request<AreaList>(`/api/areas/${code}/children`, { ...publicCall, query: { level }, signal });
}

export function searchCommunities(q: string, signal?: AbortSignal): Promise<AreaList> {
  return request<AreaList>('/api/areas/search', { ...publicCall, query: { q, level: 'community', limit: 30 }, signal });
}
