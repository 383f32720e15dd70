import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  DownOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FlagOutlined,
  FormOutlined,
  FundOutlined,
  HeartOutlined,
  HomeOutlined,
  InboxOutlined,
  LogoutOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SmileOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import { App, Badge, Button, Dropdown } from 'antd';
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAccess } from './access';
import { AreaSwitcher } from './area-switcher';
import { LanguageSwitch } from './language-switch';
import { request } from './request';
import { type IconName, type MenuBadge, menuRoutes } from './routes';
import { useSession, useSessionState } from './session';
import { signOut, signOutEverywhere } from './session-api';
import { LoadingPage } from './status-pages';

const icons: Record<IconName, ReactNode> = {
  home: <HomeOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  organizations: <ApartmentOutlined />,
  filingQueue: <FileDoneOutlined />,
  activities: <CalendarOutlined />,
  activityQueue: <FlagOutlined />,
  venues: <BankOutlined />,
  needs: <HeartOutlined />,
  needQueue: <InboxOutlined />,
  needStats: <FundOutlined />,
  volunteerProjects: <SolutionOutlined />,
  serviceRecords: <ScheduleOutlined />,
  volunteers: <SmileOutlined />,
  serviceStations: <EnvironmentOutlined />,
  volunteerStars: <StarOutlined />,
  serviceCertificates: <SafetyCertificateOutlined />,
  reflections: <ReadOutlined />,
  reportTasks: <FormOutlined />,
  reportInbox: <CarryOutOutlined />,
  statistics: <BarChartOutlined />,
};

function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/" className="linli-brand">
      <span className="linli-brand-mark" aria-hidden>
        {t('app.mark')}
      </span>
      <span className="linli-brand-name">{t('app.name')}</span>
    </Link>
  );
}

/** Where each menu badge's count comes from: the reminders still open for the user's areas. */
const badgeSources: Record<MenuBadge, (signal: AbortSignal) => Promise<number>> = {
  reportReminders: (signal) =>
    request<{ items: unknown[] }>('/api/report-submissions/reminders', { signal }).then((r) => r.items.length),
};

/** The counts of the badges in the menu, read again whenever the page changes. */
function useMenuBadges(badges: MenuBadge[], pathname: string): Partial<Record<MenuBadge, number>> {
  const [counts, setCounts] = useState<Partial<Record<MenuBadge, number>>>({});
  const key = badges.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for badges; pathname is the refresh trigger
  useEffect(() => {
    const controller = new AbortController();
    for (const badge of badges) {
      badgeSources[badge](controller.signal).then(
        (count) => setCounts((current) => ({ ...current, [badge]: count })),
        () => undefined,
      );
    }
    return () => controller.abort();
  }, [key, pathname]);
  return counts;
}

/**
 * The console frame: side menu (only the pages the user may open), header with the
 * jurisdiction switcher, language switch and account menu. The page is keyed by the current
 * jurisdiction, so switching it remounts the page and its data is fetched again.
 */
export function ShellLayout() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const session = useSession();
  const { setSession } = useSessionState();
  const { can } = useAccess();
  const location = useLocation();
  const navigate = useNavigate();

  const allowed = menuRoutes(can);
  const badgeCounts = useMenuBadges(
    allowed.flatMap((route) => (route.badge ? [route.badge] : [])),
    location.pathname,
  );
  const menu = allowed.map((route) => {
    const name = route.menuKey ? t(route.menuKey) : route.path;
    const count = route.badge ? (badgeCounts[route.badge] ?? 0) : 0;
    return {
      path: route.path,
      name:
        count > 0 ? (
          <span>
            {name} <Badge count={count} size="small" aria-hidden />
            <span className="linli-visually-hidden">{t('reportTasks.inbox.badge', { count })}</span>
          </span>
        ) : (
          name
        ),
      icon: route.icon ? icons[route.icon] : undefined,
    };
  });
  // the menu entry to highlight: the page's own, or its list's for a detail page (/users/:id)
  const menuPath =
    menu.find((item) => item.path === location.pathname)?.path ??
    menu.find((item) => item.path !== '/' && location.pathname.startsWith(`${item.path}/`))?.path ??
    location.pathname;

  const leave = (call: () => Promise<unknown>) => {
    call()
      .catch(() => undefined)
      .finally(() => {
        setSession(null);
        navigate('/sign-in', { replace: true });
      });
  };

  const areaKey = session.currentArea ? `${session.currentArea.level}:${session.currentArea.code}` : 'none';

  return (
    <>
      <a href="#main" className="linli-skip-link">
        {t('app.skipToContent')}
      </a>
      <ProLayout
        layout="mix"
        fixSiderbar
        title={t('app.name')}
        logo={false}
        headerTitleRender={() => <Brand />}
        menuHeaderRender={false}
        route={{ path: '/', routes: menu }}
        location={{ pathname: menuPath }}
        menu={{ locale: false }}
        menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
        actionsRender={() => [
          <AreaSwitcher key="area" />,
          <LanguageSwitch key="language" />,
          <Dropdown
            key="account"
            trigger={['click']}
            menu={{
              items: [
                { key: 'password', label: t('header.changePassword') },
                { key: 'everywhere', label: t('header.signOutEverywhere'), danger: true },
              ],
              onClick: ({ key }) => {
                if (key === 'password') {
                  navigate('/change-password');
                } else if (key === 'everywhere') {
                  modal.confirm({
                    title: t('header.signOutEverywhere'),
                    content: t('header.signOutEverywhereConfirm'),
                    okText: t('common.confirm'),
                    cancelText: t('common.cancel'),
                    onOk: () => leave(signOutEverywhere),
                  });
                }
              },
            }}
          >
            <Button
              type="text"
              icon={<UserOutlined aria-hidden />}
              aria-label={t('header.accountMenu', { name: session.user.name })}
            >
              {session.user.name}
              <DownOutlined aria-hidden />
            </Button>
          </Dropdown>,
          <Button key="sign-out" type="text" icon={<LogoutOutlined aria-hidden />} onClick={() => leave(signOut)}>
            {t('header.signOut')}
          </Button>,
        ]}
        token={{ header: { heightLayoutHeader: 56 } }}
      >
        <main id="main" tabIndex={-1} className="linli-main">
          <Suspense fallback={<LoadingPage />}>
            <Outlet key={areaKey} />
          </Suspense>
        </main>
      </ProLayout>
    </>
  );
}
