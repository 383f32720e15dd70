import type { AreaWithAncestors } from '@linli/contract/areas';
import type { Dashboard, Plan, PlanBody, PlanList } from '@linli/contract/statistics';
import { apiUrl, request } from '../../app/request';

export function getDashboard(areaCode: string, signal?: AbortSignal): Promise<Dashboard> {
  return request<Dashboard>('/api/statistics/dashboard', { query: { areaCode }, signal });
}

export function dashboardExportUrl(areaCode: string): string {
  return apiUrl('/api/statistics/dashboard/export', { areaCode });
}

/** The area with its ancestors (the breadcrumb). */
export function getAreaPath(areaCode: string, signal?: AbortSignal): Promise<AreaWithAncestors> {
  return request<AreaWithAncestors>(`/api/areas/${areaCode}`, { signal });
}

export function listPlans(areaCode: string, signal?: AbortSignal): Promise<PlanList> {
  return request<PlanList>('/api/statistics/plans', { query: { areaCode }, signal });
}

export function updatePlan(id: string, body: PlanBody): Promise<Plan> {
  return request<Plan>(`/api/statistics/plans/${id}`, { method: 'PUT', body });
}

/** A drill-down as a console link: the list page with its filters in the URL. */
export function drillDownHref(drill: { path: string; query: Record<string, string> }): string {
  return `${drill.path}?${new URLSearchParams(drill.query).toString()}`;
}
