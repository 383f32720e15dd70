import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, type RouteObject, RouterProvider } from 'react-router-dom';
import { Guard, RequirePermission } from './guards';
import { configureRequest } from './request';
import { appRoutes } from './routes';
import { SessionProvider, useSessionState } from './session';
import { ShellLayout } from './shell-layout';
import { LoadingPage, NotFoundPage } from './status-pages';

function toRouteObjects(): RouteObject[] {
  const page = (route: (typeof appRoutes)[number]) => {
    const Component = route.component;
    return (
      <RequirePermission permission={route.permission}>
        <Component />
      </RequirePermission>
    );
  };
  const bare = appRoutes
    .filter((route) => route.guard !== 'shell')
    .map<RouteObject>((route) => ({
      path: route.path,
      element: (
        <Guard guard={route.guard}>
          <Suspense fallback={<LoadingPage />}>{page(route)}</Suspense>
        </Guard>
      ),
    }));
  const inShell = appRoutes
    .filter((route) => route.guard === 'shell')
    .map<RouteObject>((route) =>
      route.path === '/' ? { index: true, element: page(route) } : { path: route.path, element: page(route) },
    );
  return [
    ...bare,
    {
      path: '/',
      element: (
        <Guard guard="shell">
          <ShellLayout />
        </Guard>
      ),
      children: [...inShell, { path: '*', element: <NotFoundPage /> }],
    },
  ];
}

// v7 behaviour now, so the upgrade changes nothing and the console stays free of warnings
const router = createBrowserRouter(toRouteObjects(), {
  future: {
    v7_fetcherPersist: true,
    v7_normalizeFormMethod: true,
    v7_partialHydration: true,
    v7_relativeSplatPath: true,
    v7_skipActionErrorRevalidation: true,
  },
});

/** Lets request.ts send the user to sign-in or the password change through the router, without a reload. */
function RequestWiring() {
  const { setSession, reload } = useSessionState();
  useEffect(() => {
    configureRequest({
      onUnauthorized: () => setSession(null),
      onPasswordChangeRequired: () => {
        void reload().then(() => router.navigate('/change-password'));
      },
    });
  }, [setSession, reload]);
  return null;
}

export function LinliApp() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#b7410e', borderRadius: 6 } }}
      // no space between two Chinese characters (“登 录”): it would change the button's accessible name
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <SessionProvider>
          <RequestWiring />
          <RouterProvider router={router} future={{ v7_startTransition: true }} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
