import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from './error-text';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={<h1 className="linli-result-title">{t('statusPages.forbiddenTitle')}</h1>}
      subTitle={t('statusPages.forbidden')}
      extra={<Link to="/">{t('statusPages.backHome')}</Link>}
    />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={<h1 className="linli-result-title">{t('statusPages.notFoundTitle')}</h1>}
      subTitle={t('statusPages.notFound')}
      extra={<Link to="/">{t('statusPages.backHome')}</Link>}
    />
  );
}

export function FailedPage({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={<h1 className="linli-result-title">{t('statusPages.errorTitle')}</h1>}
      subTitle={errorText(error)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

export function LoadingPage() {
  const { t } = useTranslation();
  return (
    <div className="linli-loading" role="status" aria-live="polite">
      <Spin size="large" />
      <span className="linli-visually-hidden">{t('app.loading')}</span>
    </div>
  );
}
