import type { ActivitySummary } from '@linli/contract/activities';
import type { Certificate, OrgCertificateBody, OrgCertificateFilterQuery } from '@linli/contract/certificates';
import type {
  CheckInCode,
  CorrectionBody,
  CorrectionRequest,
  Project,
  ProjectBody,
  ProjectListQuery,
  ProjectSummary,
  ProjectUpdateBody,
  RecordListQuery,
  Reflection,
  ReflectionListQuery,
  RosterEntry,
  ServiceRecord,
  ServiceRecordDetail,
  Signup,
  StarSettings,
  StarSettingsBody,
  Station,
  StationBody,
  StationUpdateBody,
  VolunteerListQuery,
  VolunteerOverview,
  VolunteerRegistrationBody,
  VolunteerSummary,
  VolunteerView,
} from '@linli/contract/volunteers';
import { apiUrl, request } from '../../app/request';
import type { KeysetPage } from '../../app/use-keyset-list';

export type ProjectFilters = Partial<Omit<ProjectListQuery, 'cursor' | 'limit'>>;
export type VolunteerFilters = Partial<Omit<VolunteerListQuery, 'cursor' | 'limit'>>;
export type RecordFilters = Partial<Omit<RecordListQuery, 'cursor' | 'limit'>>;
export type OrgChoice = { id: string; name: string };
export type CertificateFilters = OrgCertificateFilterQuery & { orgId?: string };
export type ReflectionFilters = Partial<Omit<ReflectionListQuery, 'cursor' | 'limit'>>;
export type {
  Certificate,
  CheckInCode,
  CorrectionRequest,
  Project,
  ProjectSummary,
  Reflection,
  RosterEntry,
  ServiceRecord,
  ServiceRecordDetail,
  Signup,
  StarSettings,
  Station,
  VolunteerOverview,
  VolunteerSummary,
  VolunteerView,
};

// ─── projects ───────────────────────────────────────────────────────────────

export function listProjects(
  filters: ProjectFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<KeysetPage<ProjectSummary, string>> {
  return request('/api/volunteer-projects', { query: { ...filters, cursor, limit: 50 }, signal });
}

export function getProject(id: string, signal?: AbortSignal): Promise<Project> {
  return request<Project>(`/api/volunteer-projects/${id}`, { signal });
}

export function createProject(body: ProjectBody): Promise<Project> {
  return request<Project>('/api/volunteer-projects', { method: 'POST', body });
}

export function updateProject(id: string, body: ProjectUpdateBody): Promise<Project> {
  return request<Project>(`/api/volunteer-projects/${id}`, { method: 'PATCH', body });
}

export function addShifts(id: string, shifts: ProjectBody['shifts']): Promise<Project> {
  return request<Project>(`/api/volunteer-projects/${id}/shifts`, { method: 'POST', body: { shifts } });
}

export function setPlaces(id: string, body: { shiftId: string; roleId: string; places: number }): Promise<Project> {
  return request<Project>(`/api/volunteer-projects/${id}/places`, { method: 'PUT', body });
}

export function setProjectStatus(id: string, to: 'published' | 'closed'): Promise<Project> {
  return request<Project>(`/api/volunteer-projects/${id}/${to === 'published' ? 'publication' : 'closure'}`, {
    method: 'POST',
  });
}

// ─── roster and check-in ────────────────────────────────────────────────────

export function getRoster(shiftId: string, signal?: AbortSignal): Promise<{ items: RosterEntry[] }> {
  return request(`/api/volunteer-shifts/${shiftId}/roster`, { signal });
}

export function addToRoster(shiftId: string, body: { roleId: string; volunteerId: string }): Promise<Signup> {
  return request<Signup>(`/api/volunteer-shifts/${shiftId}/roster`, { method: 'POST', body });
}

export function removeFromRoster(shiftId: string, signupId: string): Promise<Signup> {
  return request<Signup>(`/api/volunteer-shifts/${shiftId}/roster/${signupId}/removal`, { method: 'POST' });
}

export function getCheckInCode(shiftId: string, signal?: AbortSignal): Promise<CheckInCode> {
  return request<CheckInCode>(`/api/volunteer-shifts/${shiftId}/check-in-code`, { signal });
}

export function recordAttendance(
  shiftId: string,
  body: { volunteerId: string; action: 'checkIn' | 'checkOut'; at?: string },
): Promise<ServiceRecordDetail> {
  return request<ServiceRecordDetail>(`/api/volunteer-shifts/${shiftId}/attendance`, { method: 'POST', body });
}

// ─── service records ────────────────────────────────────────────────────────

export function listRecords(
  filters: RecordFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<KeysetPage<ServiceRecord, string>> {
  return request('/api/service-records', { query: { ...filters, cursor, limit: 100 }, signal });
}

export function getRecord(id: string, signal?: AbortSignal): Promise<ServiceRecordDetail> {
  return request<ServiceRecordDetail>(`/api/service-records/${id}`, { signal });
}

export function confirmRecords(recordIds: string[]): Promise<{ confirmed: number; minutes: number }> {
  return request('/api/service-records/confirmation', { method: 'POST', body: { recordIds } });
}

export function correctRecord(id: string, body: CorrectionBody): Promise<ServiceRecordDetail> {
  return request<ServiceRecordDetail>(`/api/service-records/${id}/correction`, { method: 'POST', body });
}

export function listCorrectionRequests(signal?: AbortSignal): Promise<{ items: CorrectionRequest[] }> {
  return request('/api/service-records/correction-requests', { signal });
}

export function decideCorrection(
  id: string,
  body: { decision: 'accept' | 'reject'; comment: string },
): Promise<ServiceRecordDetail> {
  return request<ServiceRecordDetail>(`/api/correction-requests/${id}/decision`, { method: 'POST', body });
}

// ─── volunteers ─────────────────────────────────────────────────────────────

export function listVolunteers(
  filters: VolunteerFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<KeysetPage<VolunteerSummary, string>> {
  return request('/api/volunteers', { query: { ...filters, cursor, limit: 50 }, signal });
}

export function getVolunteerOverview(signal?: AbortSignal): Promise<VolunteerOverview> {
  return request<VolunteerOverview>('/api/volunteers/overview', { signal });
}

export function assignStation(id: string, stationId: string | null): Promise<VolunteerView> {
  return request<VolunteerView>(`/api/volunteers/${id}/station`, { method: 'PUT', body: { stationId } });
}

export function getVolunteer(id: string, signal?: AbortSignal): Promise<VolunteerView> {
  return request<VolunteerView>(`/api/volunteers/${id}`, { signal });
}

export function registerVolunteer(body: VolunteerRegistrationBody): Promise<VolunteerView> {
  return request<VolunteerView>('/api/volunteers', { method: 'POST', body });
}

export function revealVolunteer(id: string): Promise<{ idNumber: string; mobile: string }> {
  return request(`/api/volunteers/${id}/reveal`, { method: 'POST' });
}

export function listFiveStarRequests(signal?: AbortSignal): Promise<{ items: VolunteerSummary[] }> {
  return request('/api/volunteers/five-star-requests', { signal });
}

export function decideFiveStar(id: string, decision: 'approve' | 'reject'): Promise<VolunteerView> {
  return request<VolunteerView>(`/api/volunteers/${id}/five-star-decision`, { method: 'POST', body: { decision } });
}

// ─── stations and star settings ─────────────────────────────────────────────

export function listStations(areaCode: string | undefined, signal?: AbortSignal): Promise<{ items: Station[] }> {
  return request('/api/service-stations', { query: { areaCode }, signal });
}

export function createStation(body: StationBody): Promise<Station> {
  return request<Station>('/api/service-stations', { method: 'POST', body });
}

export function updateStation(id: string, body: StationUpdateBody): Promise<Station> {
  return request<Station>(`/api/service-stations/${id}`, { method: 'PATCH', body });
}

export function getStarSettings(code: string, signal?: AbortSignal): Promise<StarSettings> {
  return request<StarSettings>(`/api/volunteer-star-settings/${code}`, { signal });
}

export function setStarSettings(code: string, body: StarSettingsBody): Promise<StarSettings> {
  return request<StarSettings>(`/api/volunteer-star-settings/${code}`, { method: 'PUT', body });
}

// ─── choices from other capabilities (read through the API, never through their features) ───

/** One organization's name (its administrators may read it). */
export function getOrganizationName(id: string, signal?: AbortSignal): Promise<OrgChoice> {
  return request<OrgChoice>(`/api/organizations/${id}`, { signal });
}

/** The organization's activities, to link a project to one. */
export function listOrgActivities(orgId: string, signal?: AbortSignal): Promise<KeysetPage<ActivitySummary, string>> {
  return request('/api/activities', { query: { orgId, limit: 100 }, signal });
}

// ─── back-fill of service records from a spreadsheet ─────────────────────────

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

// ─── service certificates (谁记录谁证明) ─────────────────────────────────────

export function listOrgCertificates(
  { orgId, ...filters }: CertificateFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<KeysetPage<Certificate, string>> {
  if (!orgId) {
    return Promise.resolve({ items: [], nextCursor: null });
  }
  return request(`/api/organizations/${orgId}/service-certificates`, {
    query: { ...filters, cursor, limit: 50 },
    signal,
  });
}

export function certificateExportUrl({ orgId, ...filters }: CertificateFilters & { orgId: string }): string {
  return apiUrl(`/api/organizations/${orgId}/service-certificates/export`, filters);
}

export function issueCertificate(orgId: string, body: OrgCertificateBody): Promise<Certificate> {
  return request<Certificate>(`/api/organizations/${orgId}/service-certificates`, { method: 'POST', body });
}

export const certificatePdfUrl = (id: string) => apiUrl(`/api/service-certificates/${id}/pdf`);

/** Organizations of the jurisdiction by two or more characters of the name (officers choosing one to read). */
export async function searchOrganizations(term: string, signal?: AbortSignal): Promise<OrgChoice[]> {
  const page = await request<KeysetPage<OrgChoice, string>>('/api/organizations', {
    query: { status: 'active', sort: 'name', limit: 50, q: term },
    signal,
  });
  return page.items.map((org) => ({ id: org.id, name: org.name }));
}

// ─── reflections (心得体会) to review ─────────────────────────────────────────

export function listReflections(
  filters: ReflectionFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<KeysetPage<Reflection, string>> {
  return request('/api/reflections', { query: { ...filters, cursor, limit: 20 }, signal });
}

export function publishReflection(id: string): Promise<Reflection> {
  return request<Reflection>(`/api/reflections/${id}/publication`, { method: 'POST' });
}

export function rejectReflection(id: string, reason: string): Promise<Reflection> {
  return request<Reflection>(`/api/reflections/${id}/rejection`, { method: 'POST', body: { reason } });
}

/**
 * The volunteers an organization may certify: those of its latest 500 confirmed records, by name
 * (the server refuses, as missing, a volunteer without a record of the organization).
 */
export async function listCertifiableVolunteers(orgId: string, signal?: AbortSignal): Promise<OrgChoice[]> {
  const page = await request<KeysetPage<ServiceRecord, string>>('/api/service-records', {
    query: { orgId, status: 'confirmed', limit: 500 },
    signal,
  });
  const byId = new Map<string, OrgChoice>();
  for (const r of page.items) {
    byId.set(r.volunteerId, { id: r.volunteerId, name: r.volunteerName });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
