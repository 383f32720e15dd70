import type { Certificate, CertificateRequestBody } from '@linli/contract/certificates';
import type {
  MyRecords,
  Project,
  ProjectSummary,
  PublicProject,
  Reflection,
  ReflectionBody,
  SelfRegistrationBody,
  ServiceRecordDetail,
  ShowcaseProject,
  Signup,
  VolunteerView,
} from '@linli/contract/volunteers';
import { apiUrl, request } from '../../app/request';

/** The volunteer's own endpoints (`volunteers.self`) and the public project and showcase pages. */
const publicCall = { redirectOnUnauthorized: false } as const;

export function getMe(signal?: AbortSignal): Promise<VolunteerView> {
  return request<VolunteerView>('/api/volunteers/me', { signal, redirectOnUnauthorized: false });
}

export function registerMe(body: Omit<SelfRegistrationBody, 'stationId'>): Promise<VolunteerView> {
  return request<VolunteerView>('/api/volunteers/me', { method: 'POST', body });
}

export function listPublicProjects(
  query: { areaCode: string; from?: string; field?: string; cursor?: string | undefined },
  signal?: AbortSignal,
): Promise<{ items: ProjectSummary[]; nextCursor: string | null }> {
  return request('/api/public/volunteer-projects', { ...publicCall, query: { ...query, limit: 20 }, signal });
}

export function getPublicProject(id: string, signal?: AbortSignal): Promise<PublicProject> {
  return request<PublicProject>(`/api/public/volunteer-projects/${id}`, { ...publicCall, signal });
}

export function getProject(id: string, signal?: AbortSignal): Promise<Project> {
  return request<Project>(`/api/volunteer-projects/${id}`, { signal });
}

export function signUp(shiftId: string, roleId: string): Promise<Signup> {
  return request<Signup>(`/api/volunteer-shifts/${shiftId}/signups`, { method: 'POST', body: { roleId } });
}

export function listMySignups(signal?: AbortSignal): Promise<{ items: Signup[] }> {
  return request('/api/volunteers/me/signups', { signal });
}

export function cancelSignup(id: string): Promise<Signup> {
  return request<Signup>(`/api/signups/${id}/cancellation`, { method: 'POST' });
}

export function checkInOrOut(shiftId: string, action: 'check-in' | 'check-out', code: string) {
  return request<ServiceRecordDetail>(`/api/volunteer-shifts/${shiftId}/${action}`, {
    method: 'POST',
    body: { code },
  });
}

export function listMyRecords(signal?: AbortSignal): Promise<MyRecords> {
  return request<MyRecords>('/api/volunteers/me/records', { signal });
}

export function askToCorrect(
  recordId: string,
  body: { startedAt?: string; endedAt?: string; content?: string; reason: string },
): Promise<ServiceRecordDetail> {
  return request<ServiceRecordDetail>(`/api/service-records/${recordId}/correction-requests`, {
    method: 'POST',
    body,
  });
}

export function writeReflection(body: ReflectionBody): Promise<Reflection> {
  return request<Reflection>('/api/reflections', { method: 'POST', body });
}

export function addReflectionPhoto(id: string, file: File): Promise<{ photoId: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request(`/api/reflections/${id}/photos`, { method: 'POST', body: form });
}

export function listMyReflections(signal?: AbortSignal): Promise<{ items: Reflection[] }> {
  return request('/api/volunteers/me/reflections', { signal });
}

export function listShowcase(
  query: { areaCode: string; cursor?: string | undefined },
  signal?: AbortSignal,
): Promise<{ items: ShowcaseProject[]; nextCursor: string | null }> {
  return request('/api/public/volunteer-showcase', { ...publicCall, query: { ...query, limit: 10 }, signal });
}

export function listMyCertificates(signal?: AbortSignal): Promise<{ items: Certificate[] }> {
  return request('/api/volunteers/me/certificates', { signal });
}

export function requestCertificate(body: CertificateRequestBody): Promise<Certificate> {
  return request<Certificate>('/api/volunteers/me/certificates', { method: 'POST', body });
}

/** The PDF (a download; the session cookie goes with it). */
export const certificatePdfUrl = (id: string) => apiUrl(`/api/service-certificates/${id}/pdf`);
