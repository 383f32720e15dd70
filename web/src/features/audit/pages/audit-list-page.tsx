import { DownloadOutlined } from '@ant-design/icons';
import { type ProColumns, ProTable } from '@ant-design/pro-components';
import type { AuditEntry } from '@linli/contract/audit';
import type { Role } from '@linli/contract/permissions';
import { roles } from '@linli/contract/permissions';
import { Button, Col, Form, Input, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeysetList } from '../../../app/use-keyset-list';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { Page } from '../../../components/page';
import { type AuditFilters, auditExportUrl, listAudit } from '../api';

function isRole(value: string | null): value is Role {
  return value !== null && (roles as readonly string[]).includes(value);
}

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) {
    return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
  }
  return <pre className="linli-json">{JSON.stringify(value, null, 2)}</pre>;
}

/** The audit log of the current jurisdiction: newest first, keyset pages, filter by action and entity. */
export function AuditListPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({});
  const list = useKeysetList(listAudit, filters);
  const [form] = Form.useForm<AuditFilters>();

  const columns = useMemo<ProColumns<AuditEntry>[]>(
    () => [
      { title: t('audit.at'), dataIndex: 'at', render: (_dom, entry) => formatDateTime(entry.at) },
      {
        title: t('audit.actor'),
        dataIndex: 'actorName',
        render: (_dom, entry) => entry.actorName ?? t('audit.system'),
      },
      {
        title: t('audit.actorRole'),
        dataIndex: 'actorRole',
        render: (_dom, entry) =>
          isRole(entry.actorRole) ? t(`roles.${entry.actorRole}`) : (entry.actorRole ?? t('common.empty')),
      },
      { title: t('audit.action'), dataIndex: 'action', render: (_dom, entry) => <code>{entry.action}</code> },
      { title: t('audit.entity'), dataIndex: 'entity', render: (_dom, entry) => <code>{entry.entity}</code> },
      {
        title: t('audit.entityId'),
        dataIndex: 'entityId',
        render: (_dom, entry) => entry.entityId ?? t('common.empty'),
      },
      {
        title: t('audit.area'),
        dataIndex: 'areaFullName',
        render: (_dom, entry) => entry.areaFullName ?? t('common.empty'),
      },
      {
        title: t('audit.sourceIp'),
        dataIndex: 'sourceIp',
        render: (_dom, entry) => entry.sourceIp ?? t('common.empty'),
      },
    ],
    [t],
  );

  const applyFilters = (values: AuditFilters) => {
    const action = values.action?.trim();
    const entity = values.entity?.trim();
    setFilters({ ...(action ? { action } : {}), ...(entity ? { entity } : {}) });
  };

  return (
    <Page
      title={t('audit.title')}
      extra={
        <Button icon={<DownloadOutlined aria-hidden />} href={auditExportUrl(filters)} download>
          {t('common.export')}
        </Button>
      }
    >
      <Form
        name="audit-filter"
        form={form}
        layout="inline"
        role="search"
        onFinish={applyFilters}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="action" label={t('audit.actionFilter')}>
          <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="entity" label={t('audit.entityFilter')}>
          <Input allowClear placeholder={t('audit.entityPlaceholder')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={list.error} />
      <ProTable<AuditEntry>
        rowKey="seq"
        headerTitle={<h2 className="linli-card-title">{t('audit.listCaption')}</h2>}
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading && list.items.length === 0}
        search={false}
        pagination={false}
        options={{ reload: () => list.reload(), density: false, setting: false }}
        locale={{ emptyText: t('audit.empty') }}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (entry) => (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Typography.Title level={3} className="linli-card-title">
                  {t('audit.before')}
                </Typography.Title>
                <Json value={entry.before} />
              </Col>
              <Col xs={24} md={12}>
                <Typography.Title level={3} className="linli-card-title">
                  {t('audit.after')}
                </Typography.Title>
                <Json value={entry.after} />
              </Col>
            </Row>
          ),
        }}
      />
      <LoadMore list={list} />
    </Page>
  );
}
