import type { Messages } from '@linli/contract/locales/zh-CN';
import type { PermissionKey } from '@linli/contract/permissions';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

export type MenuKey = `menu.${keyof Messages['menu']}`;
export type IconName = 'home' | 'users' | 'audit';

/**
 * - `public`: no session needed; a signed-in user is sent on to the console (sign-in)
 * - `passwordChange`: needs a session, also while `mustChangePassword` holds; no shell
 * - `shell`: needs a session with no pending password change; drawn inside the layout
 */
export type RouteGuard = 'public' | 'passwordChange' | 'shell';

export type AppRoute = {
  path: string;
  /** i18n key of the side-menu entry; null keeps the page out of the menu */
  menuKey: MenuKey | null;
  icon: IconName | null;
  /** the permission a page needs; null: any signed-in user. The server checks again on every call. */
  permission: PermissionKey | null;
  guard: RouteGuard;
  component: LazyExoticComponent<ComponentType>;
};

/** The console's pages. The layout's menu, the guards and the home page's shortcuts all read this list. */
export const appRoutes: readonly AppRoute[] = [
  {
    path: '/sign-in',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'public',
    component: lazy(() => import('../features/auth/pages/sign-in-page').then((m) => ({ default: m.SignInPage }))),
  },
  {
    path: '/change-password',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'passwordChange',
    component: lazy(() =>
      import('../features/auth/pages/change-password-page').then((m) => ({ default: m.ChangePasswordPage })),
    ),
  },
  {
    path: '/',
    menuKey: 'menu.home',
    icon: 'home',
    permission: null,
    guard: 'shell',
    component: lazy(() => import('../features/home/pages/home-page').then((m) => ({ default: m.HomePage }))),
  },
  {
    path: '/users',
    menuKey: 'menu.users',
    icon: 'users',
    permission: 'users.read',
    guard: 'shell',
    component: lazy(() => import('../features/users/pages/user-list-page').then((m) => ({ default: m.UserListPage }))),
  },
  {
    path: '/users/:id',
    menuKey: null,
    icon: null,
    permission: 'users.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/users/pages/user-detail-page').then((m) => ({ default: m.UserDetailPage })),
    ),
  },
  {
    path: '/audit',
    menuKey: 'menu.audit',
    icon: 'audit',
    permission: 'audit.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/audit/pages/audit-list-page').then((m) => ({ default: m.AuditListPage })),
    ),
  },
];

/** The menu entries the user may open, in table order. */
export function menuRoutes(can: (permission: PermissionKey | null) => boolean): AppRoute[] {
  return appRoutes.filter((route) => route.menuKey !== null && can(route.permission));
}
