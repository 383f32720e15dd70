/**
 * Areas (C1): the national five-level division tree. Other modules call `getArea` to resolve
 * and validate an area reference; `importAreas` loads the tree (CLI `linli areas import`).
 */

export { type AreaImportProgress, importAreas } from './import';
export { countByLevel as countAreasByLevel } from './queries';
export { areaRoutes } from './routes';
export { getArea, presentArea } from './service';
