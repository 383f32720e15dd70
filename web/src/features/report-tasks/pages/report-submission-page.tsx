import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import type { Answers, AnswerValue, FileInfo, ReportField, Submission } from '@linli/contract/report-tasks';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { applyFieldErrors } from '../../../app/form-errors';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { getMySubmission, saveDraft, submitAnswers, uploadAnswerFile } from '../api';
import { AnswerList } from '../components/answer-view';
import { SubmissionStatusTag } from '../components/status-tag';
import { useLoaded } from '../components/use-loaded';

type FormValue = AnswerValue | Dayjs | undefined;
type Values = { answers: Record<string, FormValue> };

const toForm = (fields: ReportField[], answers: Answers): Values => ({
  answers: Object.fromEntries(
    fields.map((f) => {
      const v = answers[f.id];
      return [f.id, f.kind === 'date' && typeof v === 'string' ? dayjs(v) : v];
    }),
  ),
});

const fromForm = (fields: ReportField[], values: Values): Answers =>
  Object.fromEntries(
    fields.map((f) => {
      const v = values.answers?.[f.id];
      if (v === undefined || v === null || v === '') {
        return [f.id, null];
      }
      return [f.id, dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : (v as AnswerValue)];
    }),
  );

/** The attachment of a file field: the current file's link and an upload that replaces it. */
function FileAnswer({
  value,
  onChange,
  files,
  onUpload,
  label,
}: {
  value?: string | null;
  onChange?: (value: string) => void;
  files: FileInfo[];
  onUpload: (file: File) => Promise<FileInfo>;
  label: string;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const current = files.find((f) => f.id === value);
  return (
    <Space direction="vertical">
      {current ? (
        <a href={current.url} download>
          {current.fileName}
        </a>
      ) : null}
      <Upload
        showUploadList={false}
        beforeUpload={(file) => {
          setBusy(true);
          setError(null);
          onUpload(file)
            .then((uploaded) => onChange?.(uploaded.id), setError)
            .finally(() => setBusy(false));
          return false;
        }}
      >
        <Button
          icon={<UploadOutlined aria-hidden />}
          loading={isBusy}
          aria-label={t('reportTasks.fill.uploadFor', { label })}
        >
          {current ? t('reportTasks.fill.replaceFile') : t('reportTasks.fill.uploadFile')}
        </Button>
      </Upload>
      <ErrorAlert error={error} />
    </Space>
  );
}

/** The props antd's Form.Item hands its child: the value, its change handler and the id its label points at. */
type ControlProps = { value?: unknown; onChange?: (value: unknown) => void; id?: string };

/** The input for one field's kind; forwards the Form.Item's value, onChange and id to the control. */
function AnswerInput({
  field,
  files,
  onUpload,
  ...control
}: {
  field: ReportField;
  files: FileInfo[];
  onUpload: (field: ReportField, file: File) => Promise<FileInfo>;
} & ControlProps) {
  const { t } = useTranslation();
  // each control takes its own value type; the form keeps whatever it gives back
  const props = control as Record<string, never>;
  switch (field.kind) {
    case 'text':
      return <Input maxLength={200} {...props} />;
    case 'longText':
      return <Input.TextArea maxLength={10_000} showCount autoSize={{ minRows: 4, maxRows: 16 }} {...props} />;
    case 'number':
      return <InputNumber style={{ width: 240 }} addonAfter={field.unit ?? undefined} {...props} />;
    case 'date':
      return <DatePicker {...props} />;
    case 'singleChoice':
      return (
        <Radio.Group aria-label={field.label} options={field.options.map((o) => ({ value: o, label: o }))} {...props} />
      );
    case 'multipleChoice':
      return (
        <Checkbox.Group
          aria-label={field.label}
          options={field.options.map((o) => ({ value: o, label: o }))}
          {...props}
        />
      );
    case 'file':
      return (
        <FileAnswer
          files={files}
          onUpload={(file) => onUpload(field, file)}
          label={field.label}
          value={(control.value as string | null | undefined) ?? null}
          onChange={(id) => control.onChange?.(id)}
        />
      );
    default:
      return <span>{t('common.empty')}</span>;
  }
}

/**
 * The addressee's form, drawn from the task's field definitions: save a draft, submit (the server
 * checks every answer and names the field that is wrong), see why a submission was returned.
 */
export function ReportSubmissionPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '', areaCode = '' } = useParams();
  const submission = useLoaded((signal) => getMySubmission(id, areaCode, signal), `${id}:${areaCode}`);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [files, setFiles] = useState<FileInfo[] | null>(null);
  const [isBusy, setBusy] = useState<'save' | 'submit' | null>(null);

  if (submission.error instanceof ApiError && (submission.error.status === 404 || submission.error.status === 400)) {
    return <NotFoundPage />;
  }
  const back = (
    <Link to="/report-inbox">
      <ArrowLeftOutlined aria-hidden /> {t('reportTasks.inbox.title')}
    </Link>
  );
  if (submission.error) {
    return (
      <Page title={t('reportTasks.fill.title')} back={back}>
        <ErrorAlert error={submission.error} />
      </Page>
    );
  }
  const s = submission.data;
  if (!s) {
    return <LoadingPage />;
  }
  const knownFiles = files ?? s.files;
  const upload = async (field: ReportField, file: File) => {
    const uploaded = await uploadAnswerFile(s.task.id, s.areaCode, field.id, file);
    setFiles([...knownFiles, uploaded]);
    return uploaded;
  };
  const run = async (kind: 'save' | 'submit') => {
    setError(null);
    setBusy(kind);
    const answers = fromForm(s.task.fields, form.getFieldsValue());
    try {
      const saved: Submission =
        kind === 'save'
          ? await saveDraft(s.task.id, s.areaCode, answers)
          : await submitAnswers(s.task.id, s.areaCode, answers);
      submission.set(saved);
      setFiles(saved.files);
      void message.success(kind === 'save' ? t('reportTasks.fill.saved') : t('reportTasks.fill.submitted'));
    } catch (caught) {
      setError(applyFieldErrors(form, caught) ? null : caught);
    } finally {
      setBusy(null);
    }
  };
  const isEditable = s.abilities.save || s.abilities.submit;

  return (
    <Page title={s.task.title} back={back}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'sender', label: t('reportTasks.list.sender'), children: s.task.senderAreaName },
          { key: 'area', label: t('reportTasks.inbox.myArea'), children: s.areaName },
          {
            key: 'deadline',
            label: t('reportTasks.form.deadline'),
            children: t('reportTasks.fill.deadlineAt', { deadline: s.task.deadline }),
          },
          { key: 'status', label: t('reportTasks.list.status'), children: <SubmissionStatusTag status={s.status} /> },
          { key: 'submittedAt', label: t('reportTasks.detail.submittedAt'), children: formatDateTime(s.submittedAt) },
          { key: 'savedAt', label: t('reportTasks.fill.savedAt'), children: formatDateTime(s.savedAt) },
          {
            key: 'template',
            label: t('reportTasks.detail.template'),
            children: s.task.template ? (
              <a href={s.task.template.url} download>
                {s.task.template.fileName}
              </a>
            ) : (
              t('common.empty')
            ),
          },
          {
            key: 'instructions',
            label: t('reportTasks.form.instructions'),
            span: 'filled',
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{s.task.instructions || t('common.empty')}</span>,
          },
        ]}
      />
      {s.task.status === 'withdrawn' ? (
        <Alert type="warning" showIcon style={{ marginTop: 16 }} message={t('reportTasks.fill.withdrawn')} />
      ) : null}
      {s.state === 'returned' && s.returnReason ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 16 }}
          message={t('reportTasks.fill.returnReason')}
          description={s.returnReason}
        />
      ) : null}
      <Typography.Title level={2} className="linli-section-title" style={{ marginTop: 24 }}>
        {t('reportTasks.fill.answers')}
      </Typography.Title>
      {isEditable ? (
        <Form<Values>
          name="report-submission"
          form={form}
          layout="vertical"
          initialValues={toForm(s.task.fields, s.answers)}
          style={{ maxWidth: 820 }}
          onFinish={() => void run('submit')}
          scrollToFirstError
        >
          <ErrorAlert error={error} />
          {s.task.fields.map((field) => (
            <Form.Item
              key={field.id}
              name={['answers', field.id]}
              label={field.label}
              required={field.isRequired}
              extra={field.help ?? undefined}
            >
              <AnswerInput field={field} files={knownFiles} onUpload={upload} />
            </Form.Item>
          ))}
          <Space>
            {s.abilities.save ? (
              <Button onClick={() => void run('save')} loading={isBusy === 'save'}>
                {t('reportTasks.fill.saveDraft')}
              </Button>
            ) : null}
            {s.abilities.submit ? (
              <Button type="primary" htmlType="submit" loading={isBusy === 'submit'}>
                {s.state === 'returned' ? t('reportTasks.fill.resubmit') : t('reportTasks.fill.submit')}
              </Button>
            ) : null}
          </Space>
        </Form>
      ) : (
        <AnswerList fields={s.task.fields} answers={s.answers} files={knownFiles} />
      )}
    </Page>
  );
}
