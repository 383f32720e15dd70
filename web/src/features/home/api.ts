import type { AreaLevel, AreaWithAncestors } from '@linli/contract/areas';
import { request } from '../../app/request';

/** An area with its ancestors from the root down, for the jurisdiction path on the home page. */
export function getArea(code: string, level: AreaLevel, signal?: AbortSignal): Promise<AreaWithAncestors> {
  return request<AreaWithAncestors>(`/api/areas/${code}`, { query: { level }, signal });
}
