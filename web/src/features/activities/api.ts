import type {
  Activity,
  ActivityBody,
  ActivityCounts,
  ActivityListQuery,
  ActivitySummary,
  ActivityUpdateBody,
  Booking,
  BookingBody,
  BookingDecisionBody,
  BookingStatus,
  OutcomeBody,
  ReviewBody,
  Venue,
  VenueBody,
  VenueUpdateBody,
} from '@linli/contract/activities';
import type { OrgSummary } from '@linli/contract/organizations';
import { apiUrl, request } from '../../app/request';
import type { KeysetPage } from '../../app/use-keyset-list';

/** The list filters the page sets (the cursor and page size are added per call). */
export type ActivityFilters = Partial<Omit<ActivityListQuery, 'cursor' | 'limit'>>;
export type Campaign = { key: string; name: string; areaCode: string | null; isPreset: boolean };
/** What `GET /api/activities/queue` answers per item (contract `QueueItem`). */
export type QueueItem = ActivitySummary & {
  awaiting: 'approval' | 'report';
  submittedAt: string | null;
  submitBy: string;
  decideBy: string;
  isOverdue: boolean;
};
/** The organizations a user may pick in a filter or as a partner: id and name. */
export type OrgChoice = Pick<OrgSummary, 'id' | 'name'>;
export type ReviewStep = 'approval' | 'report';

export function listActivities(
  filters: ActivityFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
  limit = 50,
): Promise<KeysetPage<ActivitySummary, string>> {
  return request<KeysetPage<ActivitySummary, string>>('/api/activities', {
    query: { ...filters, cursor, limit },
    signal,
  });
}

/** Every activity of a date range (a calendar month or week), page after page, at most `max`. */
export async function listAllActivities(
  filters: ActivityFilters,
  signal: AbortSignal,
  max = 1000,
): Promise<{ items: ActivitySummary[]; isTruncated: boolean }> {
  const items: ActivitySummary[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listActivities(filters, cursor, signal, 200);
    items.push(...page.items);
    if (!page.nextCursor) {
      return { items, isTruncated: false };
    }
    if (items.length >= max) {
      return { items, isTruncated: true };
    }
    cursor = page.nextCursor;
  }
}

/** The .xlsx download link of the list with the filters in use. */
export function activityExportUrl(filters: ActivityFilters): string {
  return apiUrl('/api/activities/export', filters);
}

export function countActivities(filters: ActivityFilters, signal?: AbortSignal): Promise<ActivityCounts> {
  return request<ActivityCounts>('/api/activities/counts', { query: filters, signal });
}

export function listQueue(signal?: AbortSignal): Promise<{ items: QueueItem[] }> {
  return request<{ items: QueueItem[] }>('/api/activities/queue', { signal });
}

export function getActivity(id: string, signal?: AbortSignal): Promise<Activity> {
  return request<Activity>(`/api/activities/${id}`, { signal });
}

export function createActivity(body: ActivityBody): Promise<Activity> {
  return request<Activity>('/api/activities', { method: 'POST', body });
}

export function updateActivity(id: string, body: ActivityUpdateBody): Promise<Activity> {
  return request<Activity>(`/api/activities/${id}`, { method: 'PATCH', body });
}

export function submitActivity(id: string): Promise<Activity> {
  return request<Activity>(`/api/activities/${id}/submission`, { method: 'POST' });
}

export function publishActivity(id: string): Promise<Activity> {
  return request<Activity>(`/api/activities/${id}/publication`, { method: 'POST' });
}

export function cancelActivity(id: string, reason: string): Promise<Activity> {
  return request<Activity>(`/api/activities/${id}/cancellation`, { method: 'POST', body: { reason } });
}

const reviewPaths: Record<ReviewStep, string> = { approval: 'approval', report: 'report-acknowledgement' };

export function reviewActivity(id: string, step: ReviewStep, body: ReviewBody): Promise<Activity> {
  return request<Activity>(`/api/activities/${id}/${reviewPaths[step]}`, { method: 'POST', body });
}

export function recordOutcome(id: string, body: OutcomeBody): Promise<Activity> {
  return request<Activity>(`/api/activities/${id}/outcome`, { method: 'POST', body });
}

export function uploadPhoto(id: string, file: File): Promise<{ photoId: string }> {
  const body = new FormData();
  body.append('file', file, file.name);
  return request<{ photoId: string }>(`/api/activities/${id}/photos`, { method: 'POST', body });
}

export function listCampaigns(signal?: AbortSignal): Promise<{ items: Campaign[] }> {
  return request<{ items: Campaign[] }>('/api/activity-campaigns', { signal });
}

// ─── organizations to choose (the organizations API, read here without importing its feature) ───

/** Organizations of the jurisdiction whose name holds `q` (readers of the registry only). */
export function searchOrganizations(q: string, signal?: AbortSignal): Promise<{ items: OrgChoice[] }> {
  return request<{ items: OrgChoice[] }>('/api/organizations', { query: { q, limit: 20 }, signal });
}

/** One organization's name (its administrators may read it). */
export function getOrganizationName(id: string, signal?: AbortSignal): Promise<OrgChoice> {
  return request<OrgChoice>(`/api/organizations/${id}`, { signal });
}

// ─── venues and bookings ────────────────────────────────────────────────────

export function listVenues(signal?: AbortSignal): Promise<{ items: Venue[] }> {
  return request<{ items: Venue[] }>('/api/venues', { signal });
}

export function createVenue(body: VenueBody): Promise<Venue> {
  return request<Venue>('/api/venues', { method: 'POST', body });
}

export type VenuePatch = VenueUpdateBody & { addRooms?: { name: string; capacity: number }[] };

export function updateVenue(id: string, body: VenuePatch): Promise<Venue> {
  return request<Venue>(`/api/venues/${id}`, { method: 'PATCH', body });
}

export function listBookings(
  query: { status?: BookingStatus | undefined; venueId?: string | undefined },
  signal?: AbortSignal,
): Promise<{ items: Booking[] }> {
  return request<{ items: Booking[] }>('/api/bookings', { query: { ...query, limit: 200 }, signal });
}

export function requestBooking(roomId: string, body: BookingBody): Promise<Booking> {
  return request<Booking>(`/api/venue-rooms/${roomId}/bookings`, { method: 'POST', body });
}

export function decideBooking(id: string, body: BookingDecisionBody): Promise<Booking> {
  return request<Booking>(`/api/bookings/${id}/decision`, { method: 'POST', body });
}

export function cancelBooking(id: string): Promise<Booking> {
  return request<Booking>(`/api/bookings/${id}/cancellation`, { method: 'POST' });
}
