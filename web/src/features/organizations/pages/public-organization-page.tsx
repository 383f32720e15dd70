import { Card, Result, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { LanguageSwitch } from '../../../app/language-switch';
import { ApiError } from '../../../app/request';
import { LoadingPage } from '../../../app/status-pages';
import { ErrorAlert } from '../../../components/error-alert';
import { getDisclosure, type OrgDisclosure } from '../api';
import { DisclosureView } from '../components/disclosure-view';
import { RatingSummary } from '../components/rating-summary';

/**
 * The public page of an organization (`/public/organizations/:id`): no sign-in, no console
 * frame, nothing personal; the organization's name is the page's heading.
 */
export function PublicOrganizationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [disclosure, setDisclosure] = useState<OrgDisclosure | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setDisclosure(null);
    setError(null);
    getDisclosure(id, controller.signal).then(setDisclosure, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [id]);

  useEffect(() => {
    document.title = disclosure ? `${disclosure.name} · ${t('app.name')}` : t('app.name');
    return () => {
      document.title = t('app.name');
    };
  }, [disclosure, t]);

  const isMissing = error instanceof ApiError && (error.status === 404 || error.status === 400);

  return (
    <div className="linli-public">
      <header className="linli-public-header">
        <span className="linli-brand">
          <span className="linli-brand-mark" aria-hidden>
            {t('app.mark')}
          </span>
          <span className="linli-brand-name">{t('app.name')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="linli-public-main">
        {isMissing ? (
          <Result
            status="404"
            title={<h1 className="linli-result-title">{t('publicOrg.notFoundTitle')}</h1>}
            subTitle={t('publicOrg.notFound')}
          />
        ) : error ? (
          <ErrorAlert error={error} />
        ) : disclosure ? (
          <>
            <Card>
              <DisclosureView disclosure={disclosure} headingLevel={1} />
            </Card>
            <Card style={{ marginTop: 16 }}>
              <RatingSummary orgId={disclosure.id} headingLevel={2} />
            </Card>
          </>
        ) : (
          <LoadingPage />
        )}
        <Typography.Paragraph type="secondary" className="linli-public-footer">
          {t('publicOrg.footer')}
        </Typography.Paragraph>
      </main>
    </div>
  );
}
