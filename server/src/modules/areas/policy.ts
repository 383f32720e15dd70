import type { RouteAccess } from '@linli/contract/permissions';

/**
 * The statistical division tree is public information (国家统计局 publishes it every year), so
 * reading it needs no sign-in. Writing it happens only through `linli areas import`.
 */
export const areaReadAccess: RouteAccess = 'public';
