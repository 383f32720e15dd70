import { CheckOutlined, CommentOutlined, FileAddOutlined } from '@ant-design/icons';
import {
  ModalForm,
  ProFormDatePicker,
  ProFormDependency,
  ProFormDigit,
  ProFormTextArea,
} from '@ant-design/pro-components';
import type { Organization, ReportKind, WorkReport } from '@linli/contract/organizations';
import { App, Button, Card, Empty, Flex, Form, Space, Spin, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { type ReactElement, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../app/error-text';
import { applyFieldErrors } from '../../../app/form-errors';
import { ApiError } from '../../../app/request';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { type AnnualReportDisclosure, listReports, type ReportList, reviewReport, submitReport } from '../api';
import { ChoiceGroup } from './choice-group';
import { ReasonField } from './org-fields';
import {
  currentPeriod,
  periodLabel,
  periodStart,
  pickedPeriod,
  previousPeriod,
  reportKindChoices,
} from './report-period';

export type ReportsState = {
  items: WorkReport[];
  isLoading: boolean;
  error: unknown;
  reload: () => void;
  /** every report call answers with the whole list */
  setList: (list: ReportList) => void;
};

/** The reports of an organization, fetched once and replaced by each answer; nothing is fetched while disabled. */
export function useReports(orgId: string, isEnabled: boolean): ReportsState {
  const [items, setItems] = useState<WorkReport[]>([]);
  const [isLoading, setLoading] = useState(isEnabled);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger
  useEffect(() => {
    if (!isEnabled) {
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    listReports(orgId, controller.signal).then(
      (list) => {
        setItems(list.items);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) {
          setError(caught);
          setLoading(false);
        }
      },
    );
    return () => controller.abort();
  }, [orgId, isEnabled, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setList = useCallback((list: ReportList) => setItems(list.items), []);
  return { items, isLoading, error, reload, setList };
}

/** The acknowledged annual reports, newest first: what the public page shows of them. */
export function publishedAnnualReports(items: WorkReport[]): AnnualReportDisclosure[] {
  return items
    .filter((report) => report.kind === 'annualReport' && report.state === 'acknowledged')
    .sort((a, b) => b.period.localeCompare(a.period))
    .map(({ period, activityCount, content }) => ({ period, activityCount, content }));
}

const stateColors: Record<WorkReport['state'], string> = {
  submitted: 'processing',
  acknowledged: 'success',
  commented: 'warning',
};

/** 工作报告 tab: the organization's quarterly and annual reports; filers submit, the committee acknowledges or comments. */
export function WorkReports({ org, reports }: { org: Organization; reports: ReportsState }) {
  const { t } = useTranslation();
  const headingId = `linli-reports-${org.id}`;
  return (
    <section aria-labelledby={headingId}>
      <Flex justify="space-between" align="center" wrap gap="middle" style={{ marginBottom: 16 }}>
        <h2 id={headingId} className="linli-card-title">
          {t('reports.listCaption')}
        </h2>
        {org.abilities.fileChange ? (
          <ReportForm
            org={org}
            onSaved={reports.setList}
            trigger={
              <Button type="primary" icon={<FileAddOutlined aria-hidden />}>
                {t('reports.submit')}
              </Button>
            }
          />
        ) : null}
      </Flex>
      <ErrorAlert
        error={reports.error}
        action={
          <Button size="small" onClick={reports.reload}>
            {t('common.retry')}
          </Button>
        }
      />
      {reports.isLoading && reports.items.length === 0 ? (
        <Spin />
      ) : reports.items.length === 0 && !reports.error ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.empty')} />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {reports.items.map((report) => (
            <li key={report.id} style={{ marginBottom: 12 }}>
              <ReportItem report={report} reports={reports} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The kind and the period, joined as each language does (`季度工作报告（2026年第3季度）`). */
function reportTitle(t: TFunction, report: Pick<WorkReport, 'kind' | 'period'>): string {
  return t('reports.title', { period: periodLabel(t, report.period), kind: t(`reports.kind.${report.kind}`) });
}

function ReportItem({ report, reports }: { report: WorkReport; reports: ReportsState }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [isBusy, setBusy] = useState(false);
  const [isCommenting, setCommenting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const titleId = `linli-report-${report.id}`;
  const title = reportTitle(t, report);

  const acknowledge = () => {
    setBusy(true);
    setError(null);
    reviewReport(report.id, { decision: 'acknowledge' })
      .then((list) => {
        reports.setList(list);
        void message.success(t('reports.acknowledged'));
      })
      .catch((caught: unknown) => {
        setError(caught);
        void message.error(errorText(caught));
        if (caught instanceof ApiError && (caught.status === 409 || caught.status === 404)) {
          reports.reload();
        }
      })
      .finally(() => setBusy(false));
  };

  return (
    <Card size="small">
      <article aria-labelledby={titleId}>
        <Space wrap size={[8, 4]}>
          <h3 id={titleId} className="linli-card-title">
            {title}
          </h3>
          <Tag color={stateColors[report.state]}>{t(`reports.state.${report.state}`)}</Tag>
          <Typography.Text type="secondary">
            {t('reports.fields.submittedAt')} {formatDateTime(report.submittedAt)}
          </Typography.Text>
        </Space>
        <Typography.Paragraph style={{ margin: '8px 0 4px' }}>
          {t('reports.activities', { count: report.activityCount })}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>
          {report.content}
        </Typography.Paragraph>
        {report.reviewComment ? (
          <blockquote className="linli-comment">
            {t('reports.fields.reviewComment')}：{report.reviewComment}
          </blockquote>
        ) : null}
        {report.reviewedAt ? (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('reports.fields.reviewedAt')} {formatDateTime(report.reviewedAt)}
          </Typography.Paragraph>
        ) : null}
        <ErrorAlert error={error} />
        {report.abilities.review ? (
          <Space wrap style={{ marginTop: 8 }}>
            <Button
              type="primary"
              icon={<CheckOutlined aria-hidden />}
              aria-describedby={titleId}
              loading={isBusy}
              onClick={acknowledge}
            >
              {t('reports.acknowledge')}
            </Button>
            <Button
              icon={<CommentOutlined aria-hidden />}
              aria-describedby={titleId}
              disabled={isBusy}
              onClick={() => setCommenting(true)}
            >
              {t('reports.comment')}
            </Button>
          </Space>
        ) : null}
      </article>
      {isCommenting ? (
        <CommentDialog report={report} title={title} reports={reports} onClose={() => setCommenting(false)} />
      ) : null}
    </Card>
  );
}

function CommentDialog({
  report,
  title,
  reports,
  onClose,
}: {
  report: WorkReport;
  title: string;
  reports: ReportsState;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const [error, setError] = useState<unknown>(null);

  return (
    <ModalForm<{ comment: string }>
      name={`report-comment-${report.id}`}
      title={t('reports.commentTitle', { title })}
      form={form}
      open
      layout="vertical"
      onOpenChange={(open) => {
        if (!open) {
          onClose();
        }
      }}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{ searchConfig: { submitText: t('reports.submitButton'), resetText: t('common.cancel') } }}
      onFinish={async (values) => {
        setError(null);
        try {
          reports.setList(await reviewReport(report.id, { decision: 'comment', comment: values.comment.trim() }));
          void message.success(t('reports.commented'));
          onClose();
          return true;
        } catch (caught) {
          if (!applyFieldErrors(form, caught)) {
            setError(caught);
          }
          if (caught instanceof ApiError && (caught.status === 409 || caught.status === 404)) {
            reports.reload();
          }
          return false;
        }
      }}
    >
      <ErrorAlert error={error} />
      <ReasonField
        name="comment"
        label={t('reports.commentLabel')}
        isRequired
        requiredMessage={t('reports.commentRequired')}
        extra={t('reports.commentHint')}
        maxLength={2000}
      />
    </ModalForm>
  );
}

type PickedPeriod = Parameters<typeof pickedPeriod>[0];
type ReportValues = { kind: ReportKind; period?: PickedPeriod; activityCount?: number; content: string };

/** 提交报告: the kind, the period (a quarter or a year that has begun), the activities held and the report itself. */
function ReportForm({
  org,
  trigger,
  onSaved,
}: {
  org: Organization;
  trigger: ReactElement;
  onSaved: (list: ReportList) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportValues>();
  const [error, setError] = useState<unknown>(null);
  const kindLabel = t('reports.fields.kind');

  const periodRules = (kind: ReportKind) => [
    { required: true, message: t('reports.periodRequired') },
    {
      validator: (_rule: unknown, value: PickedPeriod) => {
        const period = pickedPeriod(value, kind);
        return period && period > currentPeriod(kind)
          ? Promise.reject(new Error(t('reports.periodInFuture')))
          : Promise.resolve();
      },
    },
  ];
  const periodFieldProps = (kind: ReportKind) => ({
    size: 'large' as const,
    disabledDate: (current: PickedPeriod) => {
      const period = pickedPeriod(current, kind);
      return period !== undefined && period > currentPeriod(kind);
    },
  });

  return (
    <ModalForm<ReportValues>
      name="org-report"
      title={t('reports.submitTitle', { name: org.name })}
      form={form}
      layout="vertical"
      trigger={trigger}
      dateFormatter={false}
      initialValues={{ kind: 'workReport', period: periodStart(previousPeriod('workReport')) }}
      onOpenChange={(open) => (open ? undefined : setError(null))}
      onValuesChange={(changed: Partial<ReportValues>) => {
        // a quarter is no year: the period starts again at the last one of the new kind
        if (changed.kind) {
          form.setFieldValue('period', periodStart(previousPeriod(changed.kind)));
        }
      }}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{ searchConfig: { submitText: t('reports.submitButton'), resetText: t('common.cancel') } }}
      onFinish={async (values) => {
        const period = pickedPeriod(values.period, values.kind);
        if (!period) {
          return false;
        }
        setError(null);
        try {
          onSaved(
            await submitReport(org.id, {
              kind: values.kind,
              period,
              content: values.content.trim(),
              activityCount: values.activityCount ?? 0,
            }),
          );
          void message.success(t('reports.submitted'));
          return true;
        } catch (caught) {
          if (!applyFieldErrors(form, caught)) {
            setError(caught);
          }
          return false;
        }
      }}
    >
      <ErrorAlert error={error} />
      <Form.Item name="kind" label={kindLabel} rules={[{ required: true }]}>
        <ChoiceGroup<ReportKind>
          label={kindLabel}
          name="org-report-kind"
          options={reportKindChoices.map((kind) => ({ value: kind, label: t(`reports.kind.${kind}`) }))}
        />
      </Form.Item>
      <ProFormDependency name={['kind']}>
        {({ kind }: { kind?: ReportKind }) =>
          kind === 'annualReport' ? (
            <ProFormDatePicker.Year
              key="year"
              name="period"
              label={t('reports.fields.period')}
              extra={t('reports.periodHint')}
              placeholder={t('reports.yearPlaceholder')}
              rules={periodRules('annualReport')}
              fieldProps={periodFieldProps('annualReport')}
            />
          ) : (
            <ProFormDatePicker.Quarter
              key="quarter"
              name="period"
              label={t('reports.fields.period')}
              extra={t('reports.periodHint')}
              placeholder={t('reports.quarterPlaceholder')}
              rules={periodRules('workReport')}
              fieldProps={periodFieldProps('workReport')}
            />
          )
        }
      </ProFormDependency>
      <ProFormDigit
        name="activityCount"
        label={t('reports.fields.activityCount')}
        min={0}
        max={10_000}
        width="sm"
        fieldProps={{ precision: 0, size: 'large' }}
        rules={[{ required: true, message: t('reports.activityCountRequired') }]}
      />
      <ProFormTextArea
        name="content"
        label={t('reports.fields.content')}
        extra={t('reports.contentHint')}
        fieldProps={{ maxLength: 20_000, showCount: true, autoSize: { minRows: 5, maxRows: 14 } }}
        rules={[
          { required: true, whitespace: true, message: t('reports.contentRequired') },
          {
            validator: (_rule: unknown, value: string | undefined) =>
              value && value.trim().length > 0 && value.trim().length < 10
                ? Promise.reject(new Error(t('reports.contentTooShort')))
                : Promise.resolve(),
          },
        ]}
      />
    </ModalForm>
  );
}
