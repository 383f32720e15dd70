import type { PublicCertificate } from '@linli/contract/certificates';
import { ErrorBlock, List, Result, SpinLoading } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { errorText } from '../app/error-text';
import { ApiError, request } from '../app/request';
import { MobileShell } from './mobile-shell';

const chinaDateTime = (iso: string) => {
  const t = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
};

/**
 * The page the certificate's QR code opens (`/verify/certificates/:number?sig=…`), no sign-in:
 * the certified totals, organizations, period and the masked name when the signature holds, a
 * clear "not valid" otherwise. Phone-first (the mobile shell).
 */
export function CertificateVerifyPage() {
  const { t } = useTranslation();
  const { number = '' } = useParams();
  const [params] = useSearchParams();
  const sig = params.get('sig') ?? '';
  const [certificate, setCertificate] = useState<PublicCertificate | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setCertificate(null);
    setError(null);
    request<PublicCertificate>(`/api/public/service-certificates/${encodeURIComponent(number)}`, {
      redirectOnUnauthorized: false,
      query: { sig },
      signal: controller.signal,
    }).then(setCertificate, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [number, sig]);

  const isNotValid = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return (
    <MobileShell title={t('certificateVerify.title')} brand={t('certificateVerify.brand')}>
      {isNotValid ? (
        <Result
          status="error"
          title={<h1>{t('certificateVerify.notValidTitle')}</h1>}
          description={t('certificateVerify.notValid')}
        />
      ) : error ? (
        <ErrorBlock status="default" title={errorText(error)} description="" />
      ) : certificate ? (
        <>
          <Result
            status="success"
            title={<h1>{t('certificateVerify.valid')}</h1>}
            description={t('certificateVerify.validDetail')}
          />
          <List>
            <List.Item extra={certificate.number}>{t('certificateVerify.number')}</List.Item>
            <List.Item extra={certificate.volunteerNameMasked}>{t('certificateVerify.volunteer')}</List.Item>
            <List.Item extra={`${certificate.period.from} – ${certificate.period.to}`}>
              {t('certificateVerify.period')}
            </List.Item>
            <List.Item extra={<strong>{t('certificateVerify.hours', { hours: certificate.totalHours })}</strong>}>
              {t('certificateVerify.total')}
            </List.Item>
          </List>
          <List header={t('certificateVerify.organizations')}>
            {certificate.organizations.map((o) => (
              <List.Item key={o.name} extra={t('certificateVerify.hours', { hours: o.hours })}>
                {o.name}
              </List.Item>
            ))}
          </List>
          <List>
            <List.Item description={certificate.issuerOrgName ?? t('certificateVerify.platform')}>
              {t('certificateVerify.issuer')}
            </List.Item>
            <List.Item extra={chinaDateTime(certificate.issuedAt)}>{t('certificateVerify.issuedAt')}</List.Item>
          </List>
        </>
      ) : (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <SpinLoading aria-label={t('app.loading')} />
        </div>
      )}
    </MobileShell>
  );
}
