import { ProForm, ProFormDatePicker, ProFormDependency, ProFormSelect, ProTable } from '@ant-design/pro-components';
import type { ReportKind } from '@linli/contract/organizations';
import { Button, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { listOverdue, type OverdueOrg } from '../api';
import {
  currentPeriod,
  periodLabel,
  periodStart,
  pickedPeriod,
  previousPeriod,
  reportKindChoices,
} from '../components/report-period';

type Query = { kind: ReportKind; period: string };
type PickedPeriod = Parameters<typeof pickedPeriod>[0];
type FilterValues = { kind: ReportKind; period?: PickedPeriod };

const initialKind: ReportKind = 'workReport';

/**
 * 逾期未报告: the organizations of the jurisdiction that have not reported for a period — by
 * default last quarter's work report — with how many there are and when each last reported.
 */
export function OverdueReportsPage() {
  const { t } = useTranslation();
  const [form] = ProForm.useForm<FilterValues>();
  const [query, setQuery] = useState<Query>({ kind: initialKind, period: previousPeriod(initialKind) });
  const [data, setData] = useState<{ items: OverdueOrg[]; total: number } | null>(null);
  const [isLoading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    listOverdue(query, controller.signal).then(
      (answer) => {
        setData(answer);
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
  }, [query, generation]);

  const columns = useMemo(
    () => [
      {
        title: t('reports.fields.name'),
        dataIndex: 'name',
        render: (_dom: unknown, org: OverdueOrg) => <Link to={`/organizations/${org.id}`}>{org.name}</Link>,
      },
      { title: t('reports.fields.areaFullName'), dataIndex: 'areaFullName' },
      {
        title: t('reports.fields.lastReportAt'),
        dataIndex: 'lastReportAt',
        render: (_dom: unknown, org: OverdueOrg) =>
          org.lastReportAt ? formatDateTime(org.lastReportAt) : t('reports.overdue.never'),
      },
    ],
    [t],
  );

  const periodProps = (kind: ReportKind) => ({
    name: 'period',
    label: t('reports.overdue.period'),
    rules: [{ required: true, message: t('reports.periodRequired') }],
    fieldProps: {
      allowClear: false,
      disabledDate: (current: PickedPeriod) => {
        const period = pickedPeriod(current, kind);
        return period !== undefined && period > currentPeriod(kind);
      },
    },
  });

  return (
    <Page title={t('reports.overdue.title')}>
      <ProForm<FilterValues>
        name="overdue-reports"
        form={form}
        layout="inline"
        role="search"
        dateFormatter={false}
        initialValues={{ kind: initialKind, period: periodStart(previousPeriod(initialKind)) }}
        onValuesChange={(changed: Partial<FilterValues>) => {
          if (changed.kind) {
            form.setFieldValue('period', periodStart(previousPeriod(changed.kind)));
          }
        }}
        onFinish={async (values) => {
          const period = pickedPeriod(values.period, values.kind);
          if (period) {
            setQuery({ kind: values.kind, period });
          }
          return true;
        }}
        submitter={{
          render: () => (
            <Button type="primary" htmlType="submit">
              {t('reports.overdue.query')}
            </Button>
          ),
        }}
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <ProFormSelect<ReportKind>
          name="kind"
          label={t('reports.overdue.kind')}
          allowClear={false}
          width="sm"
          options={reportKindChoices.map((kind) => ({ value: kind, label: t(`reports.kind.${kind}`) }))}
        />
        <ProFormDependency name={['kind']}>
          {({ kind }: { kind?: ReportKind }) =>
            kind === 'annualReport' ? (
              <ProFormDatePicker.Year key="year" {...periodProps('annualReport')} />
            ) : (
              <ProFormDatePicker.Quarter key="quarter" {...periodProps('workReport')} />
            )
          }
        </ProFormDependency>
      </ProForm>
      <ErrorAlert error={error} />
      <Typography.Paragraph role="status" aria-live="polite" style={{ fontSize: 15 }}>
        {data && !isLoading
          ? `${t('reports.overdue.total', {
              total: data.total,
              period: periodLabel(t, query.period),
              kind: t(`reports.kind.${query.kind}`),
            })}${data.total > data.items.length ? ` ${t('reports.overdue.showing', { count: data.items.length })}` : ''}`
          : ''}
      </Typography.Paragraph>
      <ProTable<OverdueOrg>
        rowKey="id"
        headerTitle={<h2 className="linli-card-title">{t('reports.overdue.caption')}</h2>}
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isLoading}
        search={false}
        pagination={false}
        options={{ reload: () => setGeneration((value) => value + 1), density: false, setting: false }}
        locale={{ emptyText: t('reports.overdue.empty') }}
        scroll={{ x: 'max-content' }}
      />
    </Page>
  );
}
