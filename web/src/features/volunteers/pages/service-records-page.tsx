import { ModalForm, ProFormTextArea } from '@ant-design/pro-components';
import { App, Button, Form, Space, Table, Tabs } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { applyFieldErrors } from '../../../app/form-errors';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { useLoaded } from '../../../components/use-loaded';
import { type CorrectionRequest, decideCorrection, listCorrectionRequests } from '../api';
import { RecordDrawer, RecordsTable } from '../components/records-table';
import { chinaDateTime } from '../components/volunteer-options';

const tabs = ['pending', 'overdue', 'requests', 'all'] as const;
type TabKey = (typeof tabs)[number];

/**
 * 志愿服务记录: records waiting for confirmation (bulk confirm), those past the 10-working-day
 * limit (办法 第十一条, highlighted), volunteers' correction requests to accept or reject, and
 * every record. Officers see their jurisdiction's records read-only.
 */
export function ServiceRecordsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [search, setSearch] = useSearchParams();
  const mayManage = can('serviceRecords.manage');
  const visible = tabs.filter((key) => key !== 'requests' || mayManage);
  // a dashboard figure opens the confirmed records of an area (`?status=confirmed&areaCode=`): the "all" tab, filtered
  const urlFilters = {
    ...(search.get('areaCode') ? { areaCode: search.get('areaCode')! } : {}),
    ...(search.get('status') === 'confirmed' ? { status: 'confirmed' as const } : {}),
  };
  const isDrill = Object.keys(urlFilters).length > 0;
  const tab = visible.find((key) => key === search.get('tab')) ?? (isDrill ? 'all' : 'pending');

  const content: Record<TabKey, ReactNode> = {
    pending: <RecordsTable filters={{ status: 'pending' }} caption={t('volunteerConsole.records.tabs.pending')} />,
    overdue: <RecordsTable filters={{ overdue: 'true' }} caption={t('volunteerConsole.records.tabs.overdue')} />,
    requests: <CorrectionRequests />,
    all: <RecordsTable filters={urlFilters} caption={t('volunteerConsole.records.tabs.all')} />,
  };

  return (
    <Page title={t('volunteerConsole.records.title')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch(key === 'pending' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={visible.map((key) => ({
          key,
          label: t(`volunteerConsole.records.tabs.${key}`),
          children: content[key],
        }))}
      />
    </Page>
  );
}

/** 更正申请: what the volunteer asks to change and why; accept applies it, reject needs a reason. */
function CorrectionRequests() {
  const { t } = useTranslation();
  const requests = useLoaded((signal) => listCorrectionRequests(signal), 'requests');
  const [deciding, setDeciding] = useState<{ request: CorrectionRequest; decision: 'accept' | 'reject' } | null>(null);
  const [openRecord, setOpenRecord] = useState<string | null>(null);
  return (
    <>
      <ErrorAlert error={requests.error} />
      <Table<CorrectionRequest>
        size="small"
        rowKey="id"
        pagination={false}
        loading={!requests.data && !requests.error}
        dataSource={requests.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        caption={<h2 className="linli-card-title">{t('volunteerConsole.records.tabs.requests')}</h2>}
        locale={{ emptyText: t('volunteerConsole.records.noRequests') }}
        columns={[
          {
            title: t('volunteerConsole.records.volunteer'),
            key: 'name',
            render: (_v, row) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpenRecord(row.recordId)}>
                {row.volunteerName}
              </Button>
            ),
          },
          {
            title: t('volunteerConsole.records.requestedAt'),
            key: 'at',
            render: (_v, row) => chinaDateTime(row.requestedAt),
          },
          {
            title: t('volunteerConsole.records.change'),
            key: 'change',
            render: (_v, row) =>
              [
                row.proposed.startedAt
                  ? `${t('volunteerConsole.records.startedAt')} ${chinaDateTime(row.before.startedAt)} → ${chinaDateTime(row.proposed.startedAt)}`
                  : null,
                row.proposed.endedAt
                  ? `${t('volunteerConsole.records.endedAt')} ${chinaDateTime(row.before.endedAt)} → ${chinaDateTime(row.proposed.endedAt)}`
                  : null,
                row.proposed.content
                  ? `${t('volunteerConsole.project.serviceContent')}：${row.proposed.content}`
                  : null,
              ]
                .filter(Boolean)
                .join('；'),
          },
          { title: t('volunteerConsole.records.reason'), dataIndex: 'reason', key: 'reason' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_v, row) => (
              <Space>
                <Button size="small" type="primary" onClick={() => setDeciding({ request: row, decision: 'accept' })}>
                  {t('volunteerConsole.records.accept')}
                </Button>
                <Button size="small" danger onClick={() => setDeciding({ request: row, decision: 'reject' })}>
                  {t('volunteerConsole.records.reject')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {deciding ? (
        <DecisionDialog
          request={deciding.request}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
          onDone={requests.reload}
        />
      ) : null}
      {openRecord ? (
        <RecordDrawer id={openRecord} onClose={() => setOpenRecord(null)} onChanged={requests.reload} />
      ) : null}
    </>
  );
}

function DecisionDialog(props: {
  request: CorrectionRequest;
  decision: 'accept' | 'reject';
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const [error, setError] = useState<unknown>(null);
  const isReject = props.decision === 'reject';
  const label = t(isReject ? 'volunteerConsole.records.reject' : 'volunteerConsole.records.accept');
  return (
    <ModalForm<{ comment?: string }>
      name="correction-decision"
      title={t('volunteerConsole.records.decideTitle', { action: label, name: props.request.volunteerName })}
      form={form}
      open
      layout="vertical"
      onOpenChange={(open) => {
        if (!open) {
          props.onClose();
        }
      }}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{ searchConfig: { submitText: label, resetText: t('common.cancel') } }}
      onFinish={async (values) => {
        setError(null);
        try {
          await decideCorrection(props.request.id, {
            decision: props.decision,
            comment: (values.comment ?? '').trim(),
          });
          void message.success(t('volunteerConsole.records.decided', { action: label }));
          props.onDone();
          return true;
        } catch (caught) {
          setError(applyFieldErrors(form, caught) ? null : caught);
          return false;
        }
      }}
    >
      <ErrorAlert error={error} />
      <ProFormTextArea
        name="comment"
        label={isReject ? t('volunteerConsole.records.rejectReason') : t('volunteerConsole.records.comment')}
        fieldProps={{ maxLength: 500, showCount: true, autoSize: { minRows: 2, maxRows: 6 } }}
        rules={
          isReject
            ? [{ required: true, whitespace: true, min: 2, message: t('volunteerConsole.records.reasonRequired') }]
            : []
        }
      />
    </ModalForm>
  );
}
