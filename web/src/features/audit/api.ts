import type { AuditList } from '@linli/contract/audit';
import { apiUrl, request } from '../../app/request';

export type AuditFilters = { action?: string; entity?: string };

export function listAudit(filters: AuditFilters, cursor: number | undefined, signal?: AbortSignal): Promise<AuditList> {
  return request<AuditList>('/api/audit', { query: { ...filters, cursor, limit: 50 }, signal });
}

/** The download link of the audit list with the filters in use. */
export function auditExportUrl(filters: AuditFilters): string {
  return apiUrl('/api/audit/export', filters);
}
