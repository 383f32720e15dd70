import type { MyRecords, ServiceRecord } from '@linli/contract/volunteers';
import { Button, DatePicker, DotLoading, ErrorBlock, Form, Popup, Tag, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import { applyFieldErrors } from '../../app/form-errors';
import { whenText } from '../format';
import { StarLevel } from './star-level';
import { askToCorrect, listMyRecords } from './volunteer-api';
import { SignedInVolunteer, VolunteerShell } from './volunteer-shell';

const statusColors = { open: 'primary', pending: 'warning', confirmed: 'success' } as const;
const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/**
 * 我的时长 (`/m/volunteer/hours`): the one total of confirmed hours across every organization,
 * the stars it gives and how far the next is, the way to a certificate of them (我的证明), the
 * hours per organization, and every record — each with “ask to correct” (the organization
 * decides; the trail is kept).
 */
export function MyHoursPage() {
  const { t } = useTranslation();
  return (
    <VolunteerShell title={t('volunteerMobile.hoursTitle')}>
      <h1>{t('volunteerMobile.hoursTitle')}</h1>
      <SignedInVolunteer>{() => <Hours />}</SignedInVolunteer>
    </VolunteerShell>
  );
}

function Hours() {
  const { t } = useTranslation();
  const [data, setData] = useState<MyRecords | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [correcting, setCorrecting] = useState<ServiceRecord | null>(null);

  const load = useCallback((signal?: AbortSignal) => {
    listMyRecords(signal).then(setData, (caught: unknown) => {
      if (!signal?.aborted) {
        setError(caught);
      }
    });
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  if (error) {
    return <ErrorBlock status="default" title={errorText(error)} description="" />;
  }
  if (!data) {
    return (
      <p style={{ textAlign: 'center' }} aria-live="polite">
        {t('app.loading')}
        <DotLoading />
      </p>
    );
  }
  const byOrg = new Map<string, number>();
  for (const r of data.items) {
    if (r.status === 'confirmed' && r.minutes !== null) {
      byOrg.set(r.orgName, (byOrg.get(r.orgName) ?? 0) + r.minutes);
    }
  }
  return (
    <>
      <section className="linli-m-total" aria-label={t('volunteerMobile.total')}>
        <div className="linli-m-muted">{t('volunteerMobile.total')}</div>
        <div className="linli-m-total-figure">
          {t('volunteerMobile.hoursValue', { hours: data.totalConfirmedHours })}
        </div>
        <StarLevel level={data.star.level} />
        <div>
          {data.star.level > 0
            ? t('volunteerMobile.starName', { count: data.star.level })
            : t('volunteerMobile.noStarYet')}
          {data.star.nextAtHours !== null
            ? ` · ${t('volunteerMobile.nextStar', { hours: Math.max(0, Math.round((data.star.nextAtHours - data.totalConfirmedHours) * 10) / 10) })}`
            : ''}
        </div>
        {data.star.fiveStarPending ? <div>{t('volunteerMobile.fiveStarPending')}</div> : null}
      </section>
      {data.totalConfirmedMinutes > 0 ? (
        <Link
          to="/m/volunteer/certificates"
          className="adm-button adm-button-primary adm-button-block adm-button-large adm-button-shape-default"
          style={{ marginBottom: 12 }}
        >
          {t('volunteerMobile.certificatesLink')}
        </Link>
      ) : null}
      {byOrg.size > 0 ? (
        <section className="linli-m-section" aria-labelledby="linli-m-by-org">
          <h2 id="linli-m-by-org" style={{ marginTop: 0 }}>
            {t('volunteerMobile.byOrganization')}
          </h2>
          <dl className="linli-m-pairs">
            {[...byOrg].map(([org, minutes]) => (
              <div key={org}>
                <dt>{org}</dt>
                <dd>{t('volunteerMobile.hoursValue', { hours: hours(minutes) })}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <h2>{t('volunteerMobile.records')}</h2>
      {data.items.length === 0 ? <p className="linli-m-muted">{t('volunteerMobile.noRecords')}</p> : null}
      <ul className="linli-m-list">
        {data.items.map((r) => (
          <li key={r.id} className="linli-m-card">
            <div className="linli-m-card-when">{whenText(r.startedAt, r.endedAt ?? r.startedAt)}</div>
            <div className="linli-m-card-title">{r.projectTitle}</div>
            <div className="linli-m-muted">{r.orgName}</div>
            <div>
              {r.minutes !== null ? `${t('volunteerMobile.minutesValue', { minutes: r.minutes })} ` : null}
              <Tag color={statusColors[r.status]} fill="outline">
                {t(`volunteers.recordStatus.${r.status}`)}
              </Tag>{' '}
              {r.hasOpenRequest ? (
                <Tag color="warning" fill="outline">
                  {t('volunteerMobile.correctionPending')}
                </Tag>
              ) : null}
            </div>
            {r.status !== 'open' && !r.hasOpenRequest ? (
              <Button
                fill="outline"
                size="large"
                aria-label={`${t('volunteerMobile.askToCorrect')} ${r.projectTitle}`}
                onClick={() => setCorrecting(r)}
              >
                {t('volunteerMobile.askToCorrect')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <Popup visible={correcting !== null} onMaskClick={() => setCorrecting(null)} bodyClassName="linli-m-popup">
        {correcting ? (
          <CorrectionForm
            record={correcting}
            onDone={() => {
              setCorrecting(null);
              load();
            }}
            onCancel={() => setCorrecting(null)}
          />
        ) : null}
      </Popup>
    </>
  );
}

type CorrectionValues = { startedAt: Date; endedAt: Date; reason: string };

function CorrectionForm({
  record,
  onDone,
  onCancel,
}: {
  record: ServiceRecord;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CorrectionValues>();
  const [picking, setPicking] = useState<'startedAt' | 'endedAt' | null>(null);
  const [isSending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const started = new Date(record.startedAt);
  const ended = new Date(record.endedAt ?? record.startedAt);
  const min = new Date(started.getTime() - 24 * 3_600_000);
  const max = new Date();

  const submit = async (values: CorrectionValues) => {
    setSending(true);
    setError(null);
    const changed = {
      ...(values.startedAt.getTime() !== started.getTime() ? { startedAt: values.startedAt.toISOString() } : {}),
      ...(values.endedAt.getTime() !== ended.getTime() ? { endedAt: values.endedAt.toISOString() } : {}),
    };
    try {
      await askToCorrect(record.id, { ...changed, reason: values.reason.trim() });
      Toast.show({ icon: 'success', content: t('volunteerMobile.correctionSent') });
      onDone();
    } catch (caught) {
      if (!applyFieldErrors(form, caught)) {
        setError(errorText(caught));
      }
    } finally {
      setSending(false);
    }
  };

  const stamp = (value: Date | undefined) =>
    value
      ? `${value.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })} ${value.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' })}`
      : '';

  return (
    <section aria-labelledby="linli-m-correction" style={{ padding: 16 }}>
      <h2 id="linli-m-correction" style={{ marginTop: 0 }}>
        {t('volunteerMobile.askToCorrect')}
      </h2>
      <p className="linli-m-muted">
        {record.projectTitle} · {whenText(record.startedAt, record.endedAt ?? record.startedAt)}
      </p>
      {error ? (
        <p role="alert" className="linli-m-error">
          {error}
        </p>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ startedAt: started, endedAt: ended, reason: '' }}
        onFinish={(values) => void submit(values)}
        footer={
          <div className="linli-m-actions">
            <Button block type="submit" color="primary" size="large" loading={isSending}>
              {t('volunteerMobile.sendCorrection')}
            </Button>
            <Button block size="large" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          </div>
        }
      >
        {(['startedAt', 'endedAt'] as const).map((name) => (
          <Form.Item
            key={name}
            name={name}
            label={t(`volunteerMobile.${name}`)}
            trigger="onConfirm"
            onClick={() => setPicking(name)}
          >
            <DatePicker
              visible={picking === name}
              onClose={() => setPicking(null)}
              precision="minute"
              min={min}
              max={max}
            >
              {(value) => (
                <Button fill="outline" block aria-haspopup="dialog">
                  {stamp(value ?? undefined)}
                </Button>
              )}
            </DatePicker>
          </Form.Item>
        ))}
        <Form.Item
          name="reason"
          label={t('volunteerMobile.correctionReason')}
          rules={[{ required: true, min: 2, whitespace: true, message: t('fieldErrors.reason.required') }]}
        >
          <TextArea rows={3} maxLength={500} placeholder={t('volunteerMobile.correctionReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </section>
  );
}
