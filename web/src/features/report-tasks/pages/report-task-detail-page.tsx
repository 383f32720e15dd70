import { ArrowLeftOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { AddresseeStatus, ReportTask, Submission } from '@linli/contract/report-tasks';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Space,
  Statistic,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorText } from '../../../app/error-text';
import { applyFieldErrors } from '../../../app/form-errors';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import {
  discardReportTask,
  exportUrl,
  extendReportTask,
  getReportTask,
  getSubmissionForSender,
  removeTemplate,
  returnSubmission,
  sendReportTask,
  uploadTemplate,
  withdrawReportTask,
} from '../api';
import { AddresseeTable } from '../components/addressee-table';
import { AnswerList } from '../components/answer-view';
import { SubmissionStatusTag, TaskStatusTag } from '../components/status-tag';
import { useLoaded } from '../components/use-loaded';

type Dialog = 'extend' | 'withdraw' | null;

/**
 * The sender's page of a task: what was asked, each addressee area's status (submitted at, by
 * whom — masked — and late or not), the counts, an area's answers with "return for changes", the
 * export, and the draft's template, send and discard, or the sent task's extend and withdraw.
 */
export function ReportTaskDetailPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const task = useLoaded((signal) => getReportTask(id, signal), id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [viewing, setViewing] = useState<AddresseeStatus | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  // bumped after a return for changes: the status table reads its page again
  const [tableKey, setTableKey] = useState(0);

  if (task.error instanceof ApiError && (task.error.status === 404 || task.error.status === 400)) {
    return <NotFoundPage />;
  }
  const back = (
    <Link to="/report-tasks">
      <ArrowLeftOutlined aria-hidden /> {t('reportTasks.list.title')}
    </Link>
  );
  if (task.error) {
    return (
      <Page title={t('reportTasks.detail.title')} back={back}>
        <ErrorAlert error={task.error} />
      </Page>
    );
  }
  if (!task.data) {
    return <LoadingPage />;
  }
  const data = task.data;
  const act = async (work: () => Promise<ReportTask>, done: string) => {
    setActionError(null);
    try {
      task.set(await work());
      setTableKey((key) => key + 1);
      void message.success(done);
    } catch (caught) {
      setActionError(caught);
    }
  };

  const extra = (
    <>
      {data.abilities.edit ? (
        <Button onClick={() => navigate(`/report-tasks/${data.id}/edit`)}>{t('common.edit')}</Button>
      ) : null}
      {data.abilities.send ? (
        <Button
          type="primary"
          onClick={() =>
            modal.confirm({
              title: t('reportTasks.detail.send'),
              content: t('reportTasks.detail.sendConfirm', { count: data.counts.addressees }),
              okText: t('reportTasks.detail.send'),
              cancelText: t('common.cancel'),
              onOk: () => act(() => sendReportTask(data.id), t('reportTasks.detail.sent')),
            })
          }
        >
          {t('reportTasks.detail.send')}
        </Button>
      ) : null}
      {data.abilities.discard ? (
        <Button
          danger
          onClick={() =>
            modal.confirm({
              title: t('reportTasks.detail.discard'),
              content: t('reportTasks.detail.discardConfirm'),
              okText: t('reportTasks.detail.discard'),
              okButtonProps: { danger: true },
              cancelText: t('common.cancel'),
              onOk: async () => {
                try {
                  await discardReportTask(data.id);
                  navigate('/report-tasks');
                } catch (caught) {
                  setActionError(caught);
                }
              },
            })
          }
        >
          {t('reportTasks.detail.discard')}
        </Button>
      ) : null}
      {data.abilities.extend ? (
        <Button onClick={() => setDialog('extend')}>{t('reportTasks.detail.extend')}</Button>
      ) : null}
      {data.abilities.withdraw ? (
        <Button danger onClick={() => setDialog('withdraw')}>
          {t('reportTasks.detail.withdraw')}
        </Button>
      ) : null}
      {data.status !== 'draft' ? (
        <Button icon={<DownloadOutlined aria-hidden />} href={exportUrl(data.id)}>
          {t('reportTasks.detail.export')}
        </Button>
      ) : null}
    </>
  );

  return (
    <Page title={data.title} back={back} extra={extra}>
      <ErrorAlert error={actionError} />
      {data.isPartialView ? (
        <Alert type="info" showIcon message={t('reportTasks.detail.partialView')} style={{ marginBottom: 16 }} />
      ) : null}
      {data.status === 'withdrawn' ? (
        <Alert
          type="warning"
          showIcon
          message={t('reportTasks.detail.withdrawnAt', { at: formatDateTime(data.withdrawnAt) })}
          description={data.withdrawReason}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'status', label: t('reportTasks.list.status'), children: <TaskStatusTag status={data.status} /> },
          { key: 'sender', label: t('reportTasks.list.sender'), children: data.areaName },
          {
            key: 'level',
            label: t('reportTasks.detail.addresseeLevel'),
            children: t(`reportTasks.addresseeLevels.${data.addresseeLevel}`),
          },
          { key: 'deadline', label: t('reportTasks.form.deadline'), children: data.deadline },
          {
            key: 'remind',
            label: t('reportTasks.form.remindDaysBefore'),
            children: t('reportTasks.detail.remindDays', { count: data.remindDaysBefore }),
          },
          { key: 'sentAt', label: t('reportTasks.list.sentAt'), children: formatDateTime(data.sentAt) },
          {
            key: 'template',
            label: t('reportTasks.detail.template'),
            children: data.template ? (
              <a href={data.template.url} download>
                {data.template.fileName}
              </a>
            ) : (
              t('common.empty')
            ),
          },
          {
            key: 'instructions',
            label: t('reportTasks.form.instructions'),
            span: 'filled',
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{data.instructions || t('common.empty')}</span>,
          },
          {
            key: 'fields',
            label: t('reportTasks.form.fields'),
            span: 'filled',
            children: data.fields.length
              ? data.fields
                  .map(
                    (f) =>
                      `${f.label}（${t(`reportTasks.fieldKind.${f.kind}`)}${f.isRequired ? `，${t('reportTasks.form.isRequired')}` : ''}）`,
                  )
                  .join('；')
              : t('common.empty'),
          },
        ]}
      />
      {data.abilities.edit ? <TemplateCard task={data} onChange={task.set} /> : null}
      <Space size="large" wrap style={{ margin: '16px 0' }}>
        <Card size="small">
          <Statistic title={t('reportTasks.counts.addressees')} value={data.counts.addressees} />
        </Card>
        <Card size="small">
          <Statistic title={t('reportTasks.counts.submitted')} value={data.counts.submitted} />
        </Card>
        <Card size="small">
          <Statistic title={t('reportTasks.counts.late')} value={data.counts.late} />
        </Card>
        <Card size="small">
          <Statistic title={t('reportTasks.counts.outstanding')} value={data.counts.outstanding} />
        </Card>
        <Card size="small">
          <Statistic title={t('reportTasks.counts.returned')} value={data.counts.returned} />
        </Card>
      </Space>
      <AddresseeTable task={data} reloadKey={tableKey} onView={setViewing} />
      {dialog === 'extend' ? <ExtendDialog task={data} onClose={() => setDialog(null)} onDone={task.set} /> : null}
      {dialog === 'withdraw' ? <WithdrawDialog task={data} onClose={() => setDialog(null)} onDone={task.set} /> : null}
      {viewing ? (
        <SubmissionDrawer
          task={data}
          area={viewing}
          onClose={() => setViewing(null)}
          onReturned={() => {
            setViewing(null);
            task.reload();
            setTableKey((key) => key + 1);
          }}
        />
      ) : null}
    </Page>
  );
}

function TemplateCard({ task, onChange }: { task: ReportTask; onChange: (task: ReportTask) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  return (
    <Card size="small" title={t('reportTasks.detail.template')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('reportTasks.detail.templateHint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Space wrap>
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            setBusy(true);
            setError(null);
            uploadTemplate(task.id, file)
              .then(onChange, setError)
              .finally(() => setBusy(false));
            return false;
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />} loading={isBusy}>
            {task.template ? t('reportTasks.detail.replaceTemplate') : t('reportTasks.detail.uploadTemplate')}
          </Button>
        </Upload>
        {task.template ? (
          <Button danger onClick={() => removeTemplate(task.id).then(onChange, setError)}>
            {t('reportTasks.detail.removeTemplate')}
          </Button>
        ) : null}
      </Space>
    </Card>
  );
}

function ExtendDialog({
  task,
  onClose,
  onDone,
}: {
  task: ReportTask;
  onClose: () => void;
  onDone: (t: ReportTask) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ deadline?: Dayjs; reason?: string }>();
  const [error, setError] = useState<unknown>(null);
  const finish = async (values: { deadline?: Dayjs; reason?: string }) => {
    try {
      onDone(
        await extendReportTask(task.id, {
          deadline: values.deadline!.format('YYYY-MM-DD'),
          ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
        }),
      );
      onClose();
    } catch (caught) {
      setError(applyFieldErrors(form, caught) ? null : caught);
    }
  };
  return (
    <Modal
      open
      title={t('reportTasks.detail.extend')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void finish(v)}>
        <Form.Item
          name="deadline"
          label={t('reportTasks.detail.newDeadline')}
          extra={t('reportTasks.detail.currentDeadline', { deadline: task.deadline })}
          rules={[{ required: true, message: t('common.required', { label: t('reportTasks.detail.newDeadline') }) }]}
        >
          <DatePicker disabledDate={(d) => !d.isAfter(dayjs(task.deadline), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('reportTasks.detail.extendReason')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WithdrawDialog({
  task,
  onClose,
  onDone,
}: {
  task: ReportTask;
  onClose: () => void;
  onDone: (t: ReportTask) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const finish = async (values: { reason: string }) => {
    try {
      onDone(await withdrawReportTask(task.id, values.reason.trim()));
      onClose();
    } catch (caught) {
      setError(applyFieldErrors(form, caught) ? null : caught);
    }
  };
  return (
    <Modal
      open
      title={t('reportTasks.detail.withdraw')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('reportTasks.detail.withdraw')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph>{t('reportTasks.detail.withdrawHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void finish(v)}>
        <Form.Item
          name="reason"
          label={t('reportTasks.detail.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('reportTasks.detail.reasonRequired') }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SubmissionDrawer({
  task,
  area,
  onClose,
  onReturned,
}: {
  task: ReportTask;
  area: AddresseeStatus;
  onClose: () => void;
  onReturned: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const submission = useLoaded<Submission>(
    (signal) => getSubmissionForSender(task.id, area.areaCode, signal),
    `${task.id}:${area.areaCode}`,
  );
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const s = submission.data;
  const finish = async (values: { reason: string }) => {
    try {
      await returnSubmission(task.id, area.areaCode, values.reason.trim());
      void message.success(t('reportTasks.detail.returned', { name: area.areaName }));
      onReturned();
    } catch (caught) {
      setError(applyFieldErrors(form, caught) ? null : caught);
    }
  };
  return (
    <Drawer open width={640} title={t('reportTasks.detail.answersOf', { name: area.areaName })} onClose={onClose}>
      {submission.error ? <Alert type="error" message={errorText(submission.error)} /> : null}
      {s ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <SubmissionStatusTag status={s.status} />
            <span>
              {t('reportTasks.detail.submittedByAt', {
                name: s.submittedByName ?? '',
                at: formatDateTime(s.submittedAt),
              })}
            </span>
          </Space>
          {s.returnReason && s.state === 'returned' ? (
            <Alert type="warning" showIcon message={t('reportTasks.fill.returnReason')} description={s.returnReason} />
          ) : null}
          <AnswerList fields={s.task.fields} answers={s.answers} files={s.files} />
          {s.abilities.returnSubmission ? (
            <Card size="small" title={t('reportTasks.detail.returnTitle')}>
              <ErrorAlert error={error} />
              <Form form={form} layout="vertical" onFinish={(v) => void finish(v)}>
                <Form.Item
                  name="reason"
                  label={t('reportTasks.detail.reason')}
                  rules={[
                    { required: true, whitespace: true, min: 2, message: t('reportTasks.detail.reasonRequired') },
                  ]}
                >
                  <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
                </Form.Item>
                <Button htmlType="submit" danger>
                  {t('reportTasks.detail.returnSubmission')}
                </Button>
              </Form>
            </Card>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}
