import type { AreaRef, Session } from '@linli/contract/accounts';
import type { Ok } from '@linli/contract/errors';
import { ApiError, request } from './request';

/** The signed-in session, or null when nobody is signed in (401 is an answer here, not an error). */
export async function getSession(): Promise<Session | null> {
  try {
    return await request<Session>('/api/auth/session', { redirectOnUnauthorized: false });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return null;
    }
    throw error;
  }
}

export function signOut(): Promise<Ok> {
  return request<Ok>('/api/auth/sign-out', { method: 'POST', redirectOnUnauthorized: false });
}

export function signOutEverywhere(): Promise<Ok> {
  return request<Ok>('/api/auth/sign-out-everywhere', { method: 'POST', redirectOnUnauthorized: false });
}

export function setCurrentArea(area: AreaRef): Promise<Session> {
  return request<Session>('/api/auth/current-area', { method: 'PUT', body: area });
}
