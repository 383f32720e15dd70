import type { Certificate } from '@linli/contract/certificates';
import { Button, DatePicker, DotLoading, ErrorBlock, Form, Selector, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import { applyFieldErrors } from '../../app/form-errors';
import { chinaDay } from '../format';
import { certificatePdfUrl, listMyCertificates, listMyRecords, requestCertificate } from './volunteer-api';
import { SignedInVolunteer, VolunteerShell } from './volunteer-shell';

const ALL = 'all';
type Values = { from: Date | null; to: Date | null; orgId: string[] };
type RecordingOrg = { id: string; name: string };

/** A date picked on the phone as the China calendar day it shows. */
const dayOf = (value: Date) =>
  `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;

/**
 * 我的证明 (`/m/volunteer/certificates`): the certificates I have (number, period, which
 * organizations, confirmed hours, issue day), each with its PDF and its public verification
 * page, and a form to ask for a new one for a period — all recording organizations, or one of
 * those that recorded my service (谁记录谁证明). The server's field errors stand under the fields.
 */
export function MyCertificatesPage() {
  const { t } = useTranslation();
  return (
    <VolunteerShell title={t('volunteerMobile.certificatesTitle')}>
      <h1>{t('volunteerMobile.certificatesTitle')}</h1>
      <SignedInVolunteer>{() => <Certificates />}</SignedInVolunteer>
    </VolunteerShell>
  );
}

function Certificates() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Certificate[] | null>(null);
  const [orgs, setOrgs] = useState<RecordingOrg[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback((signal?: AbortSignal) => {
    Promise.all([listMyCertificates(signal), listMyRecords(signal)]).then(
      ([certificates, records]) => {
        setItems(certificates.items);
        const byId = new Map<string, RecordingOrg>();
        for (const r of records.items) {
          if (r.status === 'confirmed' && !byId.has(r.orgId)) {
            byId.set(r.orgId, { id: r.orgId, name: r.orgName });
          }
        }
        setOrgs([...byId.values()]);
      },
      (caught: unknown) => {
        if (!signal?.aborted) {
          setError(caught);
        }
      },
    );
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  if (error) {
    return <ErrorBlock status="default" title={errorText(error)} description="" />;
  }
  if (!items || !orgs) {
    return (
      <p style={{ textAlign: 'center' }} aria-live="polite">
        {t('app.loading')}
        <DotLoading />
      </p>
    );
  }
  return (
    <>
      <p className="linli-m-muted">{t('volunteerMobile.certificatesIntro')}</p>
      {orgs.length > 0 ? (
        <RequestForm orgs={orgs} onIssued={(c) => setItems((current) => [c, ...(current ?? [])])} />
      ) : (
        <p className="linli-m-section">{t('volunteerMobile.noServiceYet')}</p>
      )}
      <section aria-labelledby="linli-m-certificates" style={{ marginTop: 16 }}>
        <h2 id="linli-m-certificates">{t('volunteerMobile.certificatesTitle')}</h2>
        {items.length === 0 ? <p className="linli-m-muted">{t('volunteerMobile.noCertificates')}</p> : null}
        <ul className="linli-m-list">
          {items.map((c) => (
            <CertificateCard key={c.id} certificate={c} />
          ))}
        </ul>
      </section>
    </>
  );
}

function CertificateCard({ certificate: c }: { certificate: Certificate }) {
  const { t } = useTranslation();
  return (
    <li className="linli-m-card" aria-label={`${t('volunteerMobile.certificateNumber')} ${c.number}`}>
      <div className="linli-m-card-title">{t('volunteerMobile.hoursValue', { hours: c.totalHours })}</div>
      <dl className="linli-m-pairs">
        <div>
          <dt>{t('volunteerMobile.certificateNumber')}</dt>
          <dd style={{ fontFamily: 'monospace' }}>{c.number}</dd>
        </div>
        <div>
          <dt>{t('volunteerMobile.certificatePeriod')}</dt>
          <dd>
            {c.period.from} – {c.period.to}
          </dd>
        </div>
        <div>
          <dt>{t('volunteerMobile.certificateOrgs')}</dt>
          <dd>{c.issuerOrgName ?? t('volunteerMobile.allOrganizations')}</dd>
        </div>
        <div>
          <dt>{t('volunteerMobile.certificateIssuedAt')}</dt>
          <dd>{chinaDay(c.issuedAt)}</dd>
        </div>
      </dl>
      <div className="linli-m-actions">
        <a
          className="adm-button adm-button-primary adm-button-large adm-button-shape-default"
          href={certificatePdfUrl(c.id)}
          download
          aria-label={t('volunteerMobile.downloadPdfOf', { number: c.number })}
        >
          {t('volunteerMobile.downloadPdf')}
        </a>
        <Link
          className="adm-button adm-button-default adm-button-large adm-button-shape-default"
          to={c.verifyPath}
          aria-label={t('volunteerMobile.openVerifyOf', { number: c.number })}
        >
          {t('volunteerMobile.openVerify')}
        </Link>
      </div>
    </li>
  );
}

function RequestForm({ orgs, onIssued }: { orgs: RecordingOrg[]; onIssued: (c: Certificate) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [picking, setPicking] = useState<'from' | 'to' | null>(null);
  const [isSending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // the picker's days are the China calendar's (as the server counts them), whatever the phone's zone
  const [year, month, day] = chinaDay(new Date()).split('-').map(Number) as [number, number, number];
  const today = new Date(year, month - 1, day);
  const min = new Date(year - 10, 0, 1);
  const yearStart = new Date(year, 0, 1);

  const submit = async (values: Values) => {
    setSending(true);
    setError(null);
    const orgId = values.orgId[0];
    try {
      const issued = await requestCertificate({
        from: values.from ? dayOf(values.from) : '',
        to: values.to ? dayOf(values.to) : '',
        ...(orgId && orgId !== ALL ? { orgId } : {}),
      });
      Toast.show({ icon: 'success', content: t('volunteerMobile.certificateIssued') });
      onIssued(issued);
    } catch (caught) {
      if (!applyFieldErrors(form, caught)) {
        setError(errorText(caught));
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="linli-m-request-certificate">
      <h2 id="linli-m-request-certificate">{t('volunteerMobile.requestCertificate')}</h2>
      {error ? (
        <p role="alert" className="linli-m-section linli-m-error">
          {error}
        </p>
      ) : null}
      <Form
        name="certificate-request"
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{ from: yearStart, to: today, orgId: [ALL] }}
        onFinish={(values) => void submit(values)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={isSending}>
            {t('volunteerMobile.sendCertificateRequest')}
          </Button>
        }
      >
        {(['from', 'to'] as const).map((name) => (
          <Form.Item
            key={name}
            name={name}
            label={t(name === 'from' ? 'volunteerMobile.certificateFrom' : 'volunteerMobile.certificateTo')}
            trigger="onConfirm"
            onClick={() => setPicking(name)}
            rules={[
              {
                required: true,
                message: t(name === 'from' ? 'volunteerMobile.fromRequired' : 'volunteerMobile.toRequired'),
              },
            ]}
          >
            <DatePicker
              visible={picking === name}
              onClose={() => setPicking(null)}
              precision="day"
              min={min}
              max={today}
              title={t(name === 'from' ? 'volunteerMobile.certificateFrom' : 'volunteerMobile.certificateTo')}
            >
              {(value) => (
                <Button
                  fill="outline"
                  block
                  size="large"
                  aria-haspopup="dialog"
                  aria-label={`${t(name === 'from' ? 'volunteerMobile.certificateFrom' : 'volunteerMobile.certificateTo')} ${value ? dayOf(value) : ''}`}
                >
                  {value ? dayOf(value) : t('volunteerMobile.pickDate')}
                </Button>
              )}
            </DatePicker>
          </Form.Item>
        ))}
        <Form.Item name="orgId" label={t('volunteerMobile.certificateScope')}>
          <Selector
            columns={1}
            options={[
              { value: ALL, label: t('volunteerMobile.allOrganizations') },
              ...orgs.map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
        </Form.Item>
      </Form>
    </section>
  );
}
