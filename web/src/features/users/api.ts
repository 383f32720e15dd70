import type { GrantBody, User, UserCreateBody, UserList, UserUpdateBody } from '@linli/contract/accounts';
import type { AreaLevel } from '@linli/contract/areas';
import type { Role } from '@linli/contract/permissions';
import { apiUrl, request } from '../../app/request';

export type UserStatus = User['status'];
export type UserFilters = { q?: string; status?: UserStatus };
/** One item of `GET /api/roles/grantable` (contract `GrantableRoles`). */
export type GrantableRole = { role: Role; label: string; areaLevels: AreaLevel[] };

export function listUsers(filters: UserFilters, cursor: string | undefined, signal?: AbortSignal): Promise<UserList> {
  return request<UserList>('/api/users', { query: { ...filters, cursor, limit: 50 }, signal });
}

/** The download link of the user list with the filters in use. */
export function userExportUrl(filters: UserFilters): string {
  return apiUrl('/api/users/export', filters);
}

export function getUser(id: string, signal?: AbortSignal): Promise<User> {
  return request<User>(`/api/users/${id}`, { signal });
}

export function createUser(body: UserCreateBody): Promise<User> {
  return request<User>('/api/users', { method: 'POST', body });
}

export function updateUser(id: string, body: UserUpdateBody): Promise<User> {
  return request<User>(`/api/users/${id}`, { method: 'PATCH', body });
}

export function lockUser(id: string): Promise<User> {
  return request<User>(`/api/users/${id}/lock`, { method: 'POST' });
}

export function unlockUser(id: string): Promise<User> {
  return request<User>(`/api/users/${id}/unlock`, { method: 'POST' });
}

export function revealMobile(id: string): Promise<{ mobile: string }> {
  return request<{ mobile: string }>(`/api/users/${id}/reveal-mobile`, { method: 'POST' });
}

export function listGrantableRoles(signal?: AbortSignal): Promise<{ items: GrantableRole[] }> {
  return request<{ items: GrantableRole[] }>('/api/roles/grantable', { signal });
}

export function addGrant(userId: string, body: GrantBody): Promise<User> {
  return request<User>(`/api/users/${userId}/grants`, { method: 'POST', body });
}

export function revokeGrant(userId: string, grantId: string): Promise<User> {
  return request<User>(`/api/users/${userId}/grants/${grantId}`, { method: 'DELETE' });
}
