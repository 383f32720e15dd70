import { activityFields } from '@linli/contract/activities';
import { isWithin } from '@linli/contract/areas';
import type { DispatchLevel, NeedStatus, NeedSummary } from '@linli/contract/needs';
import { dispatchLevels, needStatuses } from '@linli/contract/needs';

export const statusChoices: readonly NeedStatus[] = needStatuses;
export const fieldChoices = activityFields;
/** From the community station up: the order a need climbs. */
export const levelChoices: readonly DispatchLevel[] = [...dispatchLevels].reverse();

/** The level above (station → institute → center), null at the top. */
export function levelAbove(level: DispatchLevel): DispatchLevel | null {
  return level === 'station' ? 'institute' : level === 'institute' ? 'center' : null;
}

const coveredLevel = { station: 'community', institute: 'township', center: 'county' } as const;

/** Whether an organization lies in the area the need's venue covers (its community, township or county). */
export function isInDispatchArea(need: Pick<NeedSummary, 'areaCode' | 'dispatchLevel'>, orgAreaCode: string): boolean {
  return isWithin(orgAreaCode, need.areaCode, coveredLevel[need.dispatchLevel]);
}

/** Whole days since the need was posted. */
export function daysWaiting(postedAt: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(postedAt)) / 86_400_000));
}
