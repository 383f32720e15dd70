import type { Messages } from '@linli/contract/locales/zh-CN';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { PermissionNeed } from './access';

export type MenuKey = `menu.${keyof Messages['menu']}`;
export type IconName =
  | 'home'
  | 'users'
  | 'audit'
  | 'organizations'
  | 'filingQueue'
  | 'activities'
  | 'activityQueue'
  | 'venues'
  | 'needs'
  | 'needQueue'
  | 'needStats'
  | 'volunteerProjects'
  | 'serviceRecords'
  | 'volunteers'
  | 'serviceStations'
  | 'volunteerStars'
  | 'serviceCertificates'
  | 'reflections'
  | 'reportTasks'
  | 'reportInbox'
  | 'statistics';

/** A count shown beside a menu entry (fetched by the layout). */
export type MenuBadge = 'reportReminders';

/**
 * - `public`: no session needed; a signed-in user is sent on to the console (sign-in)
 * - `passwordChange`: needs a session, also while `mustChangePassword` holds; no shell
 * - `shell`: needs a session with no pending password change; drawn inside the layout
 * - `open`: no session needed and none looked at: shown alike to visitors and signed-in users; no shell
 */
export type RouteGuard = 'public' | 'passwordChange' | 'shell' | 'open';

export type AppRoute = {
  path: string;
  /** i18n key of the side-menu entry; null keeps the page out of the menu */
  menuKey: MenuKey | null;
  icon: IconName | null;
  /** the permission a page needs (a list: any of them); null: any signed-in user. The server checks again on every call. */
  permission: PermissionNeed;
  guard: RouteGuard;
  component: LazyExoticComponent<ComponentType>;
  /** a count beside the menu entry */
  badge?: MenuBadge;
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
  {
    path: '/statistics',
    menuKey: 'menu.statistics',
    icon: 'statistics',
    permission: 'statistics.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/statistics/pages/dashboard-page').then((m) => ({ default: m.DashboardPage })),
    ),
  },
  {
    path: '/organizations',
    menuKey: 'menu.organizations',
    icon: 'organizations',
    // those who may only file (residents, volunteers) see their own filings and the “file a new organization” button
    permission: ['organizations.read', 'filings.submit'],
    guard: 'shell',
    component: lazy(() =>
      import('../features/organizations/pages/organization-list-page').then((m) => ({
        default: m.OrganizationListPage,
      })),
    ),
  },
  {
    // an organizations-area page: placed next to the registry so the menu groups them
    path: '/reports/overdue',
    menuKey: 'menu.overdueReports',
    icon: 'organizations',
    permission: 'organizations.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/organizations/pages/overdue-reports-page').then((m) => ({
        default: m.OverdueReportsPage,
      })),
    ),
  },
  {
    path: '/organizations/import',
    menuKey: null,
    icon: null,
    permission: 'organizations.supervise',
    guard: 'shell',
    component: lazy(() =>
      import('../features/organizations/pages/organization-import-page').then((m) => ({
        default: m.OrganizationImportPage,
      })),
    ),
  },
  {
    path: '/organizations/new',
    menuKey: null,
    icon: null,
    permission: 'filings.submit',
    guard: 'shell',
    component: lazy(() =>
      import('../features/organizations/pages/organization-new-page').then((m) => ({
        default: m.OrganizationNewPage,
      })),
    ),
  },
  {
    path: '/organizations/:id',
    menuKey: null,
    icon: null,
    // the server decides: readers in the jurisdiction, the organization's filers, and whoever filed it while pending
    permission: null,
    guard: 'shell',
    component: lazy(() =>
      import('../features/organizations/pages/organization-detail-page').then((m) => ({
        default: m.OrganizationDetailPage,
      })),
    ),
  },
  {
    path: '/filings/queue',
    menuKey: 'menu.filingQueue',
    icon: 'filingQueue',
    permission: ['filings.committeeReview', 'filings.townshipDecide', 'filings.civilAffairsRecord', 'filings.submit'],
    guard: 'shell',
    component: lazy(() =>
      import('../features/organizations/pages/filing-queue-page').then((m) => ({ default: m.FilingQueuePage })),
    ),
  },
  {
    path: '/activities',
    menuKey: 'menu.activities',
    icon: 'activities',
    permission: 'activities.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/activities/pages/activity-list-page').then((m) => ({ default: m.ActivityListPage })),
    ),
  },
  {
    path: '/activities/new',
    menuKey: null,
    icon: null,
    permission: 'activities.manage',
    guard: 'shell',
    component: lazy(() =>
      import('../features/activities/pages/activity-new-page').then((m) => ({ default: m.ActivityNewPage })),
    ),
  },
  {
    path: '/activities/queue',
    menuKey: 'menu.activityQueue',
    icon: 'activityQueue',
    // the committee acknowledges major-event reports; the supervising authority decides approvals
    permission: ['activities.acknowledgeReport', 'activities.approve'],
    guard: 'shell',
    component: lazy(() =>
      import('../features/activities/pages/activity-queue-page').then((m) => ({ default: m.ActivityQueuePage })),
    ),
  },
  {
    path: '/activities/:id',
    menuKey: null,
    icon: null,
    // the server decides which activities the user may see (jurisdiction, or one's own organization's)
    permission: 'activities.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/activities/pages/activity-detail-page').then((m) => ({ default: m.ActivityDetailPage })),
    ),
  },
  {
    path: '/activities/:id/edit',
    menuKey: null,
    icon: null,
    permission: 'activities.manage',
    guard: 'shell',
    component: lazy(() =>
      import('../features/activities/pages/activity-edit-page').then((m) => ({ default: m.ActivityEditPage })),
    ),
  },
  {
    path: '/venues',
    menuKey: 'menu.venues',
    icon: 'venues',
    permission: 'venues.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/activities/pages/venue-list-page').then((m) => ({ default: m.VenueListPage })),
    ),
  },
  {
    path: '/needs/queue',
    menuKey: 'menu.needQueue',
    icon: 'needQueue',
    // which level the user dispatches at (station, institute, center) the server decides from the grant
    permission: 'needs.dispatch',
    guard: 'shell',
    component: lazy(() =>
      import('../features/needs/pages/need-queue-page').then((m) => ({ default: m.NeedQueuePage })),
    ),
  },
  {
    path: '/needs',
    menuKey: 'menu.needs',
    icon: 'needs',
    permission: 'needs.read',
    guard: 'shell',
    component: lazy(() => import('../features/needs/pages/need-list-page').then((m) => ({ default: m.NeedListPage }))),
  },
  {
    path: '/needs/assigned',
    menuKey: 'menu.needsAssigned',
    icon: 'needQueue',
    permission: 'needs.accept',
    guard: 'shell',
    component: lazy(() =>
      import('../features/needs/pages/need-assigned-page').then((m) => ({ default: m.NeedAssignedPage })),
    ),
  },
  {
    path: '/needs/stats',
    menuKey: 'menu.needStats',
    icon: 'needStats',
    permission: 'needs.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/needs/pages/need-stats-page').then((m) => ({ default: m.NeedStatsPage })),
    ),
  },
  {
    path: '/needs/:id',
    menuKey: null,
    icon: null,
    // the server decides: officers of the jurisdiction, the dispatching level, the serving organization, the poster
    permission: ['needs.read', 'needs.dispatch', 'needs.accept', 'needs.post'],
    guard: 'shell',
    component: lazy(() =>
      import('../features/needs/pages/need-detail-page').then((m) => ({ default: m.NeedDetailPage })),
    ),
  },
  {
    path: '/report-tasks',
    menuKey: 'menu.reportTasks',
    icon: 'reportTasks',
    permission: 'reportTasks.send',
    guard: 'shell',
    component: lazy(() =>
      import('../features/report-tasks/pages/report-task-list-page').then((m) => ({ default: m.ReportTaskListPage })),
    ),
  },
  {
    path: '/report-tasks/new',
    menuKey: null,
    icon: null,
    permission: 'reportTasks.send',
    guard: 'shell',
    component: lazy(() =>
      import('../features/report-tasks/pages/report-task-edit-page').then((m) => ({ default: m.ReportTaskNewPage })),
    ),
  },
  {
    path: '/report-tasks/:id',
    menuKey: null,
    icon: null,
    permission: 'reportTasks.send',
    guard: 'shell',
    component: lazy(() =>
      import('../features/report-tasks/pages/report-task-detail-page').then((m) => ({
        default: m.ReportTaskDetailPage,
      })),
    ),
  },
  {
    path: '/report-tasks/:id/edit',
    menuKey: null,
    icon: null,
    permission: 'reportTasks.send',
    guard: 'shell',
    component: lazy(() =>
      import('../features/report-tasks/pages/report-task-edit-page').then((m) => ({ default: m.ReportTaskEditPage })),
    ),
  },
  {
    path: '/report-inbox',
    menuKey: 'menu.reportInbox',
    icon: 'reportInbox',
    permission: 'reportTasks.submit',
    guard: 'shell',
    badge: 'reportReminders',
    component: lazy(() =>
      import('../features/report-tasks/pages/report-inbox-page').then((m) => ({ default: m.ReportInboxPage })),
    ),
  },
  {
    path: '/report-inbox/:id/:areaCode',
    menuKey: null,
    icon: null,
    permission: 'reportTasks.submit',
    guard: 'shell',
    component: lazy(() =>
      import('../features/report-tasks/pages/report-submission-page').then((m) => ({
        default: m.ReportSubmissionPage,
      })),
    ),
  },
  {
    path: '/service-records/import',
    menuKey: null,
    icon: null,
    permission: 'serviceRecords.manage',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/record-import-page').then((m) => ({ default: m.RecordImportPage })),
    ),
  },
  {
    // the page a certificate's QR code opens: no sign-in, phone-first
    path: '/verify/certificates/:number',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() =>
      import('../mobile/certificate-verify-page').then((m) => ({ default: m.CertificateVerifyPage })),
    ),
  },
  {
    path: '/volunteer-projects',
    menuKey: 'menu.volunteerProjects',
    icon: 'volunteerProjects',
    permission: 'volunteerProjects.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/project-list-page').then((m) => ({ default: m.ProjectListPage })),
    ),
  },
  {
    path: '/volunteer-projects/new',
    menuKey: null,
    icon: null,
    permission: 'volunteerProjects.manage',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/project-new-page').then((m) => ({ default: m.ProjectNewPage })),
    ),
  },
  {
    path: '/volunteer-projects/:id',
    menuKey: null,
    icon: null,
    // the server decides: the organization's administrators, officers of the area
    permission: 'volunteerProjects.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/project-detail-page').then((m) => ({ default: m.ProjectDetailPage })),
    ),
  },
  {
    path: '/volunteer-projects/:id/edit',
    menuKey: null,
    icon: null,
    permission: 'volunteerProjects.manage',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/project-edit-page').then((m) => ({ default: m.ProjectEditPage })),
    ),
  },
  {
    path: '/volunteer-projects/:id/shifts/:shiftId',
    menuKey: null,
    icon: null,
    permission: 'volunteerProjects.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/shift-roster-page').then((m) => ({ default: m.ShiftRosterPage })),
    ),
  },
  {
    // the organizer's screen with the rotating code (the server shows it to the project's managers only)
    path: '/volunteer-projects/:id/shifts/:shiftId/check-in',
    menuKey: null,
    icon: null,
    permission: 'volunteerProjects.manage',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/check-in-page').then((m) => ({ default: m.CheckInPage })),
    ),
  },
  {
    path: '/service-records',
    menuKey: 'menu.serviceRecords',
    icon: 'serviceRecords',
    permission: 'serviceRecords.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/service-records-page').then((m) => ({ default: m.ServiceRecordsPage })),
    ),
  },
  {
    path: '/volunteers',
    menuKey: 'menu.volunteers',
    icon: 'volunteers',
    permission: 'volunteers.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/volunteer-list-page').then((m) => ({ default: m.VolunteerListPage })),
    ),
  },
  {
    // county officers: star thresholds and the five-star approvals
    path: '/volunteers/stars',
    menuKey: 'menu.volunteerStars',
    icon: 'volunteerStars',
    permission: ['volunteers.configure', 'volunteers.approveStar'],
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/star-levels-page').then((m) => ({ default: m.StarLevelsPage })),
    ),
  },
  {
    path: '/volunteers/:id',
    menuKey: null,
    icon: null,
    // the server decides: officers of the home area, the organizations the volunteer serves
    permission: 'volunteers.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/volunteer-detail-page').then((m) => ({ default: m.VolunteerDetailPage })),
    ),
  },
  {
    // 谁记录谁证明: the organization's certificates (officers above it read them)
    path: '/service-certificates',
    menuKey: 'menu.serviceCertificates',
    icon: 'serviceCertificates',
    permission: 'serviceRecords.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/certificate-list-page').then((m) => ({ default: m.CertificateListPage })),
    ),
  },
  {
    // the organization reviews its projects' reflections; officers of the area read them
    path: '/reflections',
    menuKey: 'menu.reflectionReview',
    icon: 'reflections',
    permission: 'volunteerProjects.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/reflection-review-page').then((m) => ({
        default: m.ReflectionReviewPage,
      })),
    ),
  },
  {
    path: '/service-stations',
    menuKey: 'menu.serviceStations',
    icon: 'serviceStations',
    permission: 'serviceStations.read',
    guard: 'shell',
    component: lazy(() =>
      import('../features/volunteers/pages/station-list-page').then((m) => ({ default: m.StationListPage })),
    ),
  },
  {
    // mobile/: residents' pages, no sign-in; the activity page is the shareable link
    path: '/m',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() => import('../mobile/upcoming-page').then((m) => ({ default: m.UpcomingPage }))),
  },
  {
    path: '/m/activities/:id',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() => import('../mobile/activity-page').then((m) => ({ default: m.MobileActivityPage }))),
  },
  {
    // a resident's needs (群众点单): signed in, checked inside the page so the phone never sees the console frame
    path: '/m/needs',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() => import('../mobile/needs/my-needs-page').then((m) => ({ default: m.MyNeedsPage }))),
  },
  {
    path: '/m/needs/new',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() => import('../mobile/needs/post-need-page').then((m) => ({ default: m.PostNeedPage }))),
  },
  {
    path: '/m/needs/:id',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() => import('../mobile/needs/my-need-page').then((m) => ({ default: m.MyNeedPage }))),
  },
  {
    // mobile/volunteers: the volunteer's pages; signed in where the page needs it, checked inside the page (like /m/needs)
    path: '/m/volunteer',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() =>
      import('../mobile/volunteers/volunteer-home-page').then((m) => ({ default: m.VolunteerHomePage })),
    ),
  },
  {
    path: '/m/volunteer/register',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() => import('../mobile/volunteers/register-page').then((m) => ({ default: m.RegisterPage }))),
  },
  {
    path: '/m/volunteer/projects',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() =>
      import('../mobile/volunteers/project-list-page').then((m) => ({ default: m.ProjectListPage })),
    ),
  },
  {
    path: '/m/volunteer/projects/:id',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() => import('../mobile/volunteers/project-page').then((m) => ({ default: m.ProjectPage }))),
  },
  {
    path: '/m/volunteer/signups',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() => import('../mobile/volunteers/my-signups-page').then((m) => ({ default: m.MySignupsPage }))),
  },
  {
    path: '/m/volunteer/scan',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() => import('../mobile/volunteers/scan-page').then((m) => ({ default: m.ScanPage }))),
  },
  {
    path: '/m/volunteer/hours',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() => import('../mobile/volunteers/my-hours-page').then((m) => ({ default: m.MyHoursPage }))),
  },
  {
    path: '/m/volunteer/certificates',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() =>
      import('../mobile/volunteers/my-certificates-page').then((m) => ({ default: m.MyCertificatesPage })),
    ),
  },
  {
    path: '/m/volunteer/reflections',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() =>
      import('../mobile/volunteers/my-reflections-page').then((m) => ({ default: m.MyReflectionsPage })),
    ),
  },
  {
    path: '/m/volunteer/reflections/new',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() =>
      import('../mobile/volunteers/write-reflection-page').then((m) => ({ default: m.WriteReflectionPage })),
    ),
  },
  {
    path: '/m/volunteer/showcase',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() => import('../mobile/volunteers/showcase-page').then((m) => ({ default: m.ShowcasePage }))),
  },
  {
    path: '/public/activities/:id',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() => import('../mobile/activity-page').then((m) => ({ default: m.MobileActivityPage }))),
  },
  {
    path: '/public/organizations/:id',
    menuKey: null,
    icon: null,
    permission: null,
    guard: 'open',
    component: lazy(() =>
      import('../features/organizations/pages/public-organization-page').then((m) => ({
        default: m.PublicOrganizationPage,
      })),
    ),
  },
];

/** The menu entries the user may open, in table order. */
export function menuRoutes(can: (permission: PermissionNeed) => boolean): AppRoute[] {
  return appRoutes.filter((route) => route.menuKey !== null && can(route.permission));
}
