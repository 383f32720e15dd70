import { type AreaKind, type AreaLevel, areaLevels } from '@linli/contract/areas';

/** A row of `areas` (server/migrations/0001_foundation.sql). */
export type AreaRow = {
  code: string;
  level: number;
  parent_code: string | null;
  parent_level: number | null;
  name: string;
  full_name: string;
  kind: AreaKind | null;
  child_count: number;
};

export const AREA_COLUMNS = 'code, level, parent_code, parent_level, name, full_name, kind, child_count';

export const levelName = (level: number): AreaLevel => areaLevels[level]!;
export const levelNumber = (level: AreaLevel): number => areaLevels.indexOf(level);
