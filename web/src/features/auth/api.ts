import type { PasswordChangeBody, Session, SignInBody } from '@linli/contract/accounts';
import { request } from '../../app/request';

export function signIn(body: SignInBody): Promise<Session> {
  return request<Session>('/api/auth/sign-in', { method: 'POST', body, redirectOnUnauthorized: false });
}

export function changePassword(body: PasswordChangeBody): Promise<Session> {
  return request<Session>('/api/auth/password', { method: 'POST', body, redirectOnUnauthorized: false });
}
