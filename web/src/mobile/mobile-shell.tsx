import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import './mobile.css';

/**
 * The frame of the pages for residents and volunteers: no sign-in, no console menu; large type
 * (17 px body, never below 16 px) and tap targets of at least 44 px, for readers of any age.
 * The same pages serve the public portal on a wide screen, centred in a phone-wide column.
 */
export function MobileShell({
  title,
  brand,
  actions,
  children,
}: {
  title: string;
  /** the header's name beside the mark (default: community activities) */
  brand?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
    return () => {
      document.title = t('app.name');
    };
  }, [title, t]);
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <div className="linli-m">
        <a href="#main" className="linli-skip-link">
          {t('app.skipToContent')}
        </a>
        <header className="linli-m-header">
          <Link to="/m" className="linli-m-brand">
            <span className="linli-brand-mark" aria-hidden>
              {t('app.mark')}
            </span>
            <span>{brand ?? t('activityMobile.brand')}</span>
          </Link>
          {actions}
        </header>
        <main id="main" tabIndex={-1} className="linli-m-main">
          {children}
        </main>
        <footer className="linli-m-footer">{t('activityMobile.footer')}</footer>
      </div>
    </ConfigProvider>
  );
}
