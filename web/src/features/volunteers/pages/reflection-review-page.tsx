import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { ModalForm, ProFormTextArea } from '@ant-design/pro-components';
import type { ReflectionStatus } from '@linli/contract/volunteers';
import { App, Button, Card, Descriptions, Empty, Flex, Form, Image, Popconfirm, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { applyFieldErrors } from '../../../app/form-errors';
import { useKeysetList } from '../../../app/use-keyset-list';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { Page } from '../../../components/page';
import { listReflections, publishReflection, type Reflection, rejectReflection } from '../api';
import { chinaDateTime } from '../components/volunteer-options';

const tabs: ReflectionStatus[] = ['submitted', 'published', 'rejected'];
const statusColors = { submitted: 'processing', published: 'success', rejected: 'error' } as const;

/**
 * 心得体会审核: the reflections on the organization's projects waiting for its review, and those
 * published or sent back, each with its photos. The project's organization publishes one onto the
 * showcase or sends it back with a reason (required); officers of the area read them.
 */
export function ReflectionReviewPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab = tabs.find((key) => key === search.get('status')) ?? 'submitted';
  return (
    <Page title={t('volunteerConsole.reflections.title')}>
      <Typography.Paragraph type="secondary">{t('volunteerConsole.reflections.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch(key === 'submitted' ? {} : { status: key }, { replace: true })}
        destroyOnHidden
        items={tabs.map((key) => ({
          key,
          label: t(`volunteerConsole.reflections.tabs.${key}`),
          children: <ReflectionQueue status={key} />,
        }))}
      />
    </Page>
  );
}

function ReflectionQueue({ status }: { status: ReflectionStatus }) {
  const { t } = useTranslation();
  const list = useKeysetList(listReflections, { status });
  const [rejecting, setRejecting] = useState<Reflection | null>(null);
  return (
    <section aria-label={t(`volunteerConsole.reflections.tabs.${status}`)}>
      <ErrorAlert error={list.error} />
      {list.items.length === 0 && !list.isLoading ? (
        <Empty description={t('volunteerConsole.reflections.empty')} />
      ) : null}
      <Flex vertical gap="middle">
        {list.items.map((x) => (
          <ReflectionCard key={x.id} reflection={x} onReject={() => setRejecting(x)} onChanged={list.reload} />
        ))}
      </Flex>
      <LoadMore list={list} />
      {rejecting ? (
        <RejectDialog reflection={rejecting} onClose={() => setRejecting(null)} onDone={list.reload} />
      ) : null}
    </section>
  );
}

function ReflectionCard(props: { reflection: Reflection; onReject: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [isPublishing, setPublishing] = useState(false);
  const x = props.reflection;
  const publish = async () => {
    setPublishing(true);
    setError(null);
    try {
      await publishReflection(x.id);
      void message.success(t('volunteerConsole.reflections.published', { title: x.title }));
      props.onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setPublishing(false);
    }
  };
  const headingId = `reflection-${x.id}`;
  return (
    <Card
      role="article"
      aria-labelledby={headingId}
      title={
        <Typography.Title level={2} id={headingId} className="linli-card-title" style={{ margin: 0 }}>
          {x.title}
        </Typography.Title>
      }
      extra={<Tag color={statusColors[x.status]}>{t(`volunteerConsole.reflections.tabs.${x.status}`)}</Tag>}
      actions={
        x.abilities.publish || x.abilities.reject
          ? [
              <Popconfirm
                key="publish"
                title={t('volunteerConsole.reflections.publishConfirm', { title: x.title })}
                okText={t('volunteerConsole.reflections.publish')}
                cancelText={t('common.cancel')}
                onConfirm={() => void publish()}
              >
                <Button
                  type="primary"
                  icon={<CheckOutlined aria-hidden />}
                  loading={isPublishing}
                  aria-label={t('volunteerConsole.reflections.publishOf', { title: x.title })}
                >
                  {t('volunteerConsole.reflections.publish')}
                </Button>
              </Popconfirm>,
              <Button
                key="reject"
                danger
                icon={<RollbackOutlined aria-hidden />}
                onClick={props.onReject}
                aria-label={t('volunteerConsole.reflections.rejectOf', { title: x.title })}
              >
                {t('volunteerConsole.reflections.reject')}
              </Button>,
            ]
          : undefined
      }
    >
      <ErrorAlert error={error} />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'author', label: t('volunteerConsole.reflections.author'), children: x.authorName },
          { key: 'project', label: t('volunteerConsole.reflections.project'), children: x.projectTitle },
          { key: 'org', label: t('volunteerConsole.reflections.org'), children: x.orgName },
          { key: 'at', label: t('volunteerConsole.reflections.writtenAt'), children: chinaDateTime(x.createdAt) },
          ...(x.reviewedAt
            ? [
                {
                  key: 'reviewed',
                  label: t('volunteerConsole.reflections.reviewedAt'),
                  children: chinaDateTime(x.reviewedAt),
                },
              ]
            : []),
        ]}
      />
      {x.status === 'rejected' && x.reviewReason ? (
        <Typography.Paragraph type="danger">
          {t('volunteerConsole.reflections.rejectedBecause', { reason: x.reviewReason })}
        </Typography.Paragraph>
      ) : null}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15 }}>{x.text}</Typography.Paragraph>
      {x.photos.length > 0 ? (
        <Image.PreviewGroup>
          <Flex gap="small" wrap>
            {x.photos.map((p, i) => (
              <Image
                key={p.id}
                src={p.thumbUrl}
                preview={{ src: p.url }}
                width={120}
                height={90}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                alt={t('volunteerConsole.reflections.photoOf', { title: x.title, n: i + 1 })}
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      ) : (
        <Typography.Text type="secondary">{t('volunteerConsole.reflections.noPhotos')}</Typography.Text>
      )}
      {x.status === 'submitted' && !x.abilities.publish ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('volunteerConsole.reflections.readOnly')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** 退回: the reason is required; the volunteer reads it on the phone. */
function RejectDialog(props: { reflection: Reflection; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const title = props.reflection.title;
  return (
    <ModalForm<{ reason: string }>
      name="reflection-rejection"
      title={t('volunteerConsole.reflections.rejectTitle', { title })}
      form={form}
      open
      layout="vertical"
      onOpenChange={(open) => {
        if (!open) {
          props.onClose();
        }
      }}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{
        searchConfig: { submitText: t('volunteerConsole.reflections.reject'), resetText: t('common.cancel') },
      }}
      onFinish={async (values) => {
        setError(null);
        try {
          await rejectReflection(props.reflection.id, values.reason.trim());
          void message.success(t('volunteerConsole.reflections.rejected', { title }));
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
        name="reason"
        label={t('volunteerConsole.reflections.reason')}
        extra={t('volunteerConsole.reflections.reasonHint')}
        fieldProps={{ maxLength: 500, showCount: true, autoSize: { minRows: 3, maxRows: 8 } }}
        rules={[
          { required: true, whitespace: true, min: 2, message: t('volunteerConsole.reflections.reasonRequired') },
        ]}
      />
    </ModalForm>
  );
}
