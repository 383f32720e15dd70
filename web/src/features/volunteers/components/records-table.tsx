import { CheckOutlined } from '@ant-design/icons';
import { ModalForm, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { applyFieldErrors } from '../../../app/form-errors';
import { useKeysetList } from '../../../app/use-keyset-list';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { useLoaded } from '../../../components/use-loaded';
import {
  confirmRecords,
  correctRecord,
  getRecord,
  listRecords,
  type RecordFilters,
  type ServiceRecord,
  type ServiceRecordDetail,
} from '../api';
import { RecordStatusTag } from './status-tags';
import { chinaDateTime, chinaDay, chinaIso, chinaTime, hoursOf } from './volunteer-options';

/**
 * 志愿服务记录: records page by page; pending ones past the 10-working-day limit (办法 第十一条)
 * are highlighted. Record keepers select finished records and confirm them at once (all or
 * nothing), and open a record to correct it with a reason (the trail is kept).
 */
export function RecordsTable({ filters, caption }: { filters: RecordFilters; caption?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAccess();
  const mayManage = can('serviceRecords.manage');
  const list = useKeysetList(listRecords, filters);
  const [selected, setSelected] = useState<string[]>([]);
  const [isConfirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<unknown>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  const confirmSelected = async () => {
    setConfirming(true);
    setConfirmError(null);
    try {
      const result = await confirmRecords(selected);
      void message.success(
        t('volunteerConsole.records.confirmedDone', { count: result.confirmed, hours: hoursOf(result.minutes) }),
      );
      setSelected([]);
      list.reload();
    } catch (caught) {
      setConfirmError(caught);
    } finally {
      setConfirming(false);
    }
  };

  const columns = useMemo<ProColumns<ServiceRecord>[]>(
    () => [
      {
        title: t('volunteerConsole.records.volunteer'),
        dataIndex: 'volunteerName',
        render: (_dom, item) => (
          <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(item.id)}>
            {item.volunteerName}
          </Button>
        ),
      },
      { title: t('volunteerConsole.records.project'), dataIndex: 'projectTitle' },
      { title: t('volunteerConsole.records.org'), dataIndex: 'orgName' },
      {
        title: t('volunteerConsole.records.time'),
        dataIndex: 'startedAt',
        render: (_dom, item) =>
          `${chinaDateTime(item.startedAt)}–${item.endedAt ? (chinaDay(item.endedAt) === chinaDay(item.startedAt) ? chinaTime(item.endedAt) : chinaDateTime(item.endedAt)) : '…'}`,
      },
      {
        title: t('volunteerConsole.records.hours'),
        dataIndex: 'minutes',
        align: 'right',
        render: (_dom, item) => hoursOf(item.minutes),
      },
      {
        title: t('volunteerConsole.records.source'),
        dataIndex: 'source',
        render: (_dom, item) => t(`volunteers.recordSource.${item.source}`),
      },
      {
        title: t('volunteerConsole.records.status'),
        dataIndex: 'status',
        render: (_dom, item) => (
          <Space size={4} wrap>
            <RecordStatusTag status={item.status} />
            {item.isOverdue ? <Tag color="red">{t('volunteerConsole.records.overdue')}</Tag> : null}
            {item.hasOpenRequest ? <Tag color="purple">{t('volunteerConsole.records.hasRequest')}</Tag> : null}
          </Space>
        ),
      },
      {
        title: t('volunteerConsole.records.confirmBy'),
        dataIndex: 'confirmBy',
        render: (_dom, item) =>
          item.status === 'confirmed'
            ? t('volunteerConsole.records.confirmedBy', {
                name: item.confirmedByName ?? '',
                at: chinaDateTime(item.confirmedAt),
              })
            : item.confirmBy
              ? chinaDay(item.confirmBy)
              : t('common.empty'),
      },
    ],
    [t],
  );

  return (
    <>
      <ErrorAlert error={list.error} />
      <ErrorAlert error={confirmError} />
      <ProTable<ServiceRecord>
        rowKey="id"
        headerTitle={<h2 className="linli-card-title">{caption ?? t('volunteerConsole.records.caption')}</h2>}
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading && list.items.length === 0}
        search={false}
        pagination={false}
        rowClassName={(item) => (item.isOverdue ? 'linli-row-overdue' : '')}
        rowSelection={
          mayManage
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (item) => ({
                  disabled: item.status !== 'pending',
                  'aria-label': t('volunteerConsole.records.select', { name: item.volunteerName }),
                }),
              }
            : undefined
        }
        toolBarRender={() =>
          mayManage
            ? [
                <Button
                  key="confirm"
                  type="primary"
                  icon={<CheckOutlined aria-hidden />}
                  disabled={selected.length === 0}
                  loading={isConfirming}
                  onClick={() => void confirmSelected()}
                >
                  {t('volunteerConsole.records.confirmSelected', { count: selected.length })}
                </Button>,
              ]
            : []
        }
        options={{ reload: () => list.reload(), density: false, setting: false }}
        locale={{ emptyText: t('volunteerConsole.records.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <LoadMore list={list} />
      {openId ? <RecordDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => list.reload()} /> : null}
    </>
  );
}

/** One record with its correction trail; a record keeper corrects it here with a reason. */
export function RecordDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const record = useLoaded((signal) => getRecord(id, signal), id);
  const [isCorrecting, setCorrecting] = useState(false);
  const detail = record.data;
  return (
    <Drawer open width={560} title={t('volunteerConsole.records.detailTitle')} onClose={onClose} destroyOnHidden>
      <ErrorAlert error={record.error} />
      {detail ? (
        <>
          {detail.isOverdue ? (
            <Alert
              type="error"
              showIcon
              message={t('volunteerConsole.records.overdueHint')}
              style={{ marginBottom: 12 }}
            />
          ) : null}
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'who', label: t('volunteerConsole.records.volunteer'), children: detail.volunteerName },
              { key: 'project', label: t('volunteerConsole.records.project'), children: detail.projectTitle },
              { key: 'org', label: t('volunteerConsole.records.org'), children: detail.orgName },
              {
                key: 'where',
                label: t('volunteerConsole.project.address'),
                children: `${detail.areaFullName} ${detail.address}`,
              },
              {
                key: 'start',
                label: t('volunteerConsole.records.startedAt'),
                children: chinaDateTime(detail.startedAt),
              },
              { key: 'end', label: t('volunteerConsole.records.endedAt'), children: chinaDateTime(detail.endedAt) },
              { key: 'hours', label: t('volunteerConsole.records.hours'), children: hoursOf(detail.minutes) },
              { key: 'content', label: t('volunteerConsole.project.serviceContent'), children: detail.content },
              {
                key: 'status',
                label: t('volunteerConsole.records.status'),
                children: <RecordStatusTag status={detail.status} />,
              },
              {
                key: 'confirmed',
                label: t('volunteerConsole.records.confirmedByLabel'),
                children: detail.confirmedByName
                  ? `${detail.confirmedByName} · ${chinaDateTime(detail.confirmedAt)}`
                  : t('common.empty'),
              },
            ]}
          />
          {detail.abilities.correct ? (
            <Button onClick={() => setCorrecting(true)} style={{ margin: '12px 0' }}>
              {t('volunteerConsole.records.correct')}
            </Button>
          ) : null}
          <Typography.Title level={2} className="linli-card-title">
            {t('volunteerConsole.records.trail')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={detail.corrections}
            locale={{ emptyText: t('volunteerConsole.records.noCorrections') }}
            columns={[
              {
                title: t('volunteerConsole.records.requestedAt'),
                key: 'at',
                render: (_v, c) => chinaDateTime(c.requestedAt),
              },
              {
                title: t('volunteerConsole.records.change'),
                key: 'change',
                render: (_v, c) =>
                  [
                    c.proposed.startedAt
                      ? `${t('volunteerConsole.records.startedAt')} ${chinaDateTime(c.before.startedAt)} → ${chinaDateTime(c.proposed.startedAt)}`
                      : null,
                    c.proposed.endedAt
                      ? `${t('volunteerConsole.records.endedAt')} ${chinaDateTime(c.before.endedAt)} → ${chinaDateTime(c.proposed.endedAt)}`
                      : null,
                    c.proposed.content
                      ? `${t('volunteerConsole.project.serviceContent')}：${c.proposed.content}`
                      : null,
                  ]
                    .filter(Boolean)
                    .join('；'),
              },
              { title: t('volunteerConsole.records.reason'), dataIndex: 'reason', key: 'reason' },
              {
                title: t('volunteerConsole.records.status'),
                key: 'status',
                render: (_v, c) => t(`volunteers.correctionStatus.${c.status}`),
              },
            ]}
          />
          {isCorrecting ? (
            <CorrectionDialog
              record={detail}
              onClose={() => setCorrecting(false)}
              onDone={(next) => {
                record.set(next);
                onChanged();
              }}
            />
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}

type CorrectionValues = { startedAt?: Dayjs | null; endedAt?: Dayjs | null; content?: string; reason: string };

function toWall(iso: string | null): Dayjs | null {
  return iso ? dayjs(`${chinaDay(iso)}T${chinaTime(iso)}`) : null;
}

/** 更正: new times or content with the reason; only what changed is sent. */
function CorrectionDialog({
  record,
  onClose,
  onDone,
}: {
  record: ServiceRecordDetail;
  onClose: () => void;
  onDone: (record: ServiceRecordDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CorrectionValues>();
  const [error, setError] = useState<unknown>(null);
  return (
    <ModalForm<CorrectionValues>
      name="record-correction"
      title={t('volunteerConsole.records.correctTitle', { name: record.volunteerName })}
      form={form}
      open
      layout="vertical"
      initialValues={{ startedAt: toWall(record.startedAt), endedAt: toWall(record.endedAt), content: record.content }}
      onOpenChange={(open) => {
        if (!open) {
          onClose();
        }
      }}
      submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      onFinish={async (values) => {
        setError(null);
        const startedAt = values.startedAt ? chinaIso(values.startedAt.format('YYYY-MM-DDTHH:mm')) : undefined;
        const endedAt = values.endedAt ? chinaIso(values.endedAt.format('YYYY-MM-DDTHH:mm')) : undefined;
        const content = values.content?.trim();
        const body = {
          reason: values.reason.trim(),
          ...(startedAt && Date.parse(startedAt) !== Date.parse(record.startedAt) ? { startedAt } : {}),
          ...(endedAt && (!record.endedAt || Date.parse(endedAt) !== Date.parse(record.endedAt)) ? { endedAt } : {}),
          ...(content && content !== record.content ? { content } : {}),
        };
        try {
          onDone(await correctRecord(record.id, body));
          void message.success(t('volunteerConsole.records.correctedDone'));
          return true;
        } catch (caught) {
          setError(applyFieldErrors(form, caught) ? null : caught);
          return false;
        }
      }}
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">{t('volunteerConsole.form.chinaTime')}</Typography.Paragraph>
      <Space wrap align="start">
        <Form.Item name="startedAt" label={t('volunteerConsole.records.startedAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="endedAt" label={t('volunteerConsole.records.endedAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Space>
      <Form.Item name="content" label={t('volunteerConsole.project.serviceContent')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('volunteerConsole.records.reason')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('volunteerConsole.records.reasonRequired') }]}
      >
        <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </ModalForm>
  );
}
