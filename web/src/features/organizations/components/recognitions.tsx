import type { Recognition, RecognitionBody, RecognitionList } from '@linli/contract/statistics';
import { App, Button, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../app/error-text';
import { applyFieldErrors } from '../../../app/form-errors';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { grantRecognition, listRecognitions, revokeRecognition } from '../api';

const kinds = ['brandOrg', 'modelOrg', 'demonstrationSite'] as const;

/** 品牌组织 · 示范型组织 · 示范点: the organization's recognitions; officers of its area grant and revoke them. */
export function Recognitions({ orgId, isEstablished }: { orgId: string; isEstablished: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const titleId = useId();
  const [list, setList] = useState<RecognitionList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<Recognition | null>(null);
  const [saving, setSaving] = useState(false);
  const [grantForm] = Form.useForm<RecognitionBody>();
  const [revokeForm] = Form.useForm<{ reason: string }>();

  useEffect(() => {
    const controller = new AbortController();
    listRecognitions(orgId, controller.signal).then(setList, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [orgId]);

  const grant = async (body: RecognitionBody) => {
    setSaving(true);
    try {
      setList(await grantRecognition(orgId, body));
      setGranting(false);
      void message.success(t('organizations.recognitions.granted'));
    } catch (caught) {
      if (!applyFieldErrors(grantForm, caught)) {
        void message.error(errorText(caught));
      }
    } finally {
      setSaving(false);
    }
  };
  const revoke = async ({ reason }: { reason: string }) => {
    if (!revoking) {
      return;
    }
    setSaving(true);
    try {
      setList(await revokeRecognition(orgId, revoking.id, reason));
      setRevoking(null);
      void message.success(t('organizations.recognitions.revoked'));
    } catch (caught) {
      if (!applyFieldErrors(revokeForm, caught)) {
        void message.error(errorText(caught));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby={titleId} style={{ marginTop: 16 }}>
      <Typography.Title level={3} id={titleId} style={{ fontSize: 16 }}>
        {t('organizations.recognitions.title')}
      </Typography.Title>
      <ErrorAlert error={error} />
      {list?.canManage && isEstablished ? (
        <Button onClick={() => setGranting(true)} style={{ marginBottom: 8 }}>
          {t('organizations.recognitions.grant')}
        </Button>
      ) : null}
      <Table<Recognition>
        aria-labelledby={titleId}
        size="small"
        rowKey="id"
        pagination={false}
        loading={!list && !error}
        dataSource={list?.items ?? []}
        locale={{ emptyText: t('organizations.recognitions.empty') }}
        columns={[
          {
            title: t('organizations.recognitions.kind'),
            key: 'kind',
            render: (_v, r) => (
              <>
                {t(`statistics.metrics.orgs.${r.kind}`)}
                {r.revokedAt ? <Tag style={{ marginLeft: 8 }}>{t('organizations.recognitions.revokedTag')}</Tag> : null}
              </>
            ),
          },
          { title: t('organizations.recognitions.year'), dataIndex: 'year', key: 'year' },
          { title: t('organizations.recognitions.reason'), dataIndex: 'reason', key: 'reason' },
          {
            title: t('organizations.recognitions.grantedBy'),
            key: 'by',
            render: (_v, r) => `${r.grantedAreaName} · ${r.grantedByName} · ${formatDateTime(r.grantedAt)}`,
          },
          {
            title: t('organizations.recognitions.revocation'),
            key: 'revocation',
            render: (_v, r) =>
              r.revokedAt ? (
                `${formatDateTime(r.revokedAt)} · ${r.revokeReason ?? ''}`
              ) : list?.canManage ? (
                <Button size="small" onClick={() => setRevoking(r)}>
                  {t('organizations.recognitions.revoke')}
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <Modal
        open={granting}
        title={t('organizations.recognitions.grant')}
        okText={t('organizations.recognitions.grantSubmit')}
        confirmLoading={saving}
        onOk={() => grantForm.submit()}
        onCancel={() => setGranting(false)}
        destroyOnHidden
      >
        <Form<RecognitionBody>
          form={grantForm}
          layout="vertical"
          initialValues={{ kind: 'brandOrg', year: new Date().getFullYear() }}
          onFinish={grant}
        >
          <Form.Item name="kind" label={t('organizations.recognitions.kind')} rules={[{ required: true }]}>
            <Select options={kinds.map((k) => ({ value: k, label: t(`statistics.metrics.orgs.${k}`) }))} />
          </Form.Item>
          <Form.Item name="year" label={t('organizations.recognitions.year')} rules={[{ required: true }]}>
            <InputNumber<number> min={1949} max={2100} precision={0} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('organizations.recognitions.reason')}
            rules={[{ required: true, min: 2, message: t('organizations.recognitions.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={revoking !== null}
        title={t('organizations.recognitions.revoke')}
        okText={t('organizations.recognitions.revokeSubmit')}
        okButtonProps={{ danger: true }}
        confirmLoading={saving}
        onOk={() => revokeForm.submit()}
        onCancel={() => setRevoking(null)}
        destroyOnHidden
      >
        <Form form={revokeForm} layout="vertical" onFinish={revoke}>
          <Form.Item
            name="reason"
            label={t('organizations.recognitions.revokeReason')}
            rules={[{ required: true, min: 2, message: t('organizations.recognitions.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
