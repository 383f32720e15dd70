import {
  ArrowLeftOutlined,
  DeleteOutlined,
  DownloadOutlined,
  InboxOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Form, Progress, Result, Space, Steps, Typography, Upload, type UploadFile } from 'antd';
import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { applyFieldErrors } from '../../../app/form-errors';
import { ApiError } from '../../../app/request';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import {
  getImportJob,
  type ImportJob,
  type ImportMode,
  importErrorSheetUrl,
  importTemplateUrl,
  startImport,
} from '../api';
import { ChoiceGroup } from '../components/choice-group';

const MAX_FILE_BYTES = 50 * 1024 * 1024;
const POLL_MS = 1000;
const RETRY_MS = 3000;
const modes: readonly ImportMode[] = ['validRows', 'allOrNothing'];
const stepKeys = ['template', 'upload', 'progress', 'result'] as const;

type UploadValues = { file?: UploadFile[]; mode: ImportMode };

function isFinished(job: ImportJob | null): job is ImportJob {
  return job?.state === 'succeeded' || job?.state === 'failed';
}

/**
 * 导入摸底表: a supervising officer brings an existing survey into the registry in four steps —
 * the template, the upload with its mode, the job's progress and its result with the error
 * report. The job id sits in the address (`?job=`), so a reload comes back to the progress.
 */
export function OrganizationImportPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const jobId = searchParams.get('job');
  const [draftStep, setDraftStep] = useState<0 | 1>(0);
  // the mode chosen last is kept for the next upload; the file is chosen anew
  const [mode, setMode] = useState<ImportMode>('validRows');
  const job = useImportJob(jobId);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const step = jobId ? (isFinished(job.job) ? 3 : 2) : draftStep;
  const rejected =
    job.job?.state === 'failed' || (job.job?.result?.mode === 'allOrNothing' && job.job.result.errors > 0);

  // each new step's heading takes the focus, so keyboard and screen-reader users start there
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current !== step) {
      shownStep.current = step;
      headingRef.current?.focus();
    }
  }, [step]);

  const uploadAgain = () => {
    setDraftStep(1);
    setSearchParams({});
  };

  return (
    <Page
      title={t('surveyImport.title')}
      back={
        <Link to="/organizations">
          <ArrowLeftOutlined aria-hidden /> {t('organizations.detail.backToList')}
        </Link>
      }
    >
      <div style={{ marginBottom: 24 }}>
        <Steps
          current={step}
          status={step === 3 && rejected ? 'error' : step === 3 ? 'finish' : 'process'}
          items={stepKeys.map((key) => ({ title: t(`surveyImport.steps.${key}`) }))}
        />
      </div>
      <Card>
        {step === 0 ? (
          <TemplateStep headingRef={headingRef} onNext={() => setDraftStep(1)} />
        ) : step === 1 ? (
          <UploadStep
            mode={mode}
            onMode={setMode}
            headingRef={headingRef}
            onBack={() => setDraftStep(0)}
            onStarted={(started) => setSearchParams({ job: started })}
          />
        ) : jobId ? (
          <JobStep jobId={jobId} state={job} headingRef={headingRef} onAgain={uploadAgain} />
        ) : null}
      </Card>
    </Page>
  );
}

/** The step's `<h2>`, focusable by script, with “step n of 4” for screen readers. */
function StepHeading({
  n,
  headingRef,
  isResult = false,
  children,
}: {
  n: number;
  headingRef: RefObject<HTMLHeadingElement>;
  /** the result's title: larger, inside antd's Result */
  isResult?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <h2
      ref={headingRef}
      tabIndex={-1}
      className={isResult ? 'linli-result-title' : 'linli-card-title'}
      style={{ marginBottom: isResult ? 0 : 16 }}
    >
      <span className="linli-visually-hidden">{t('surveyImport.stepOf', { n, total: stepKeys.length })}</span>
      {children}
    </h2>
  );
}

function TemplateStep({ headingRef, onNext }: { headingRef: RefObject<HTMLHeadingElement>; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <section>
      <StepHeading n={1} headingRef={headingRef}>
        {t('surveyImport.steps.template')}
      </StepHeading>
      <Typography.Paragraph className="linli-form-intro">{t('surveyImport.template.intro')}</Typography.Paragraph>
      <Button type="primary" size="large" icon={<DownloadOutlined aria-hidden />} href={importTemplateUrl} download>
        {t('surveyImport.template.download')}
      </Button>
      <h3 className="linli-subtitle" style={{ marginTop: 24 }}>
        {t('surveyImport.template.requiredTitle')}
      </h3>
      <Typography.Paragraph className="linli-form-intro">{t('surveyImport.template.required')}</Typography.Paragraph>
      <h3 className="linli-subtitle">{t('surveyImport.template.formatsTitle')}</h3>
      <Typography.Paragraph className="linli-form-intro">{t('surveyImport.template.formats')}</Typography.Paragraph>
      <Typography.Paragraph className="linli-form-intro" type="secondary">
        {t('surveyImport.template.duplicates')}
      </Typography.Paragraph>
      <Button size="large" onClick={onNext}>
        {t('surveyImport.template.next')}
      </Button>
    </section>
  );
}

type UploadStepProps = {
  mode: ImportMode;
  onMode: (mode: ImportMode) => void;
  headingRef: RefObject<HTMLHeadingElement>;
  onBack: () => void;
  onStarted: (jobId: string) => void;
};

function UploadStep({ mode, onMode, headingRef, onBack, onStarted }: UploadStepProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UploadValues>();
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const modeLabel = t('surveyImport.upload.mode');

  const start = async (values: UploadValues) => {
    const file = values.file?.[0]?.originFileObj;
    if (!file) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { jobId } = await startImport(file, values.mode);
      onStarted(jobId);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'PAYLOAD_TOO_LARGE') {
        form.setFields([{ name: 'file', errors: [t('surveyImport.upload.fileTooLarge')] }]);
      } else if (!applyFieldErrors(form, caught)) {
        setError(caught);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <StepHeading n={2} headingRef={headingRef}>
        {t('surveyImport.steps.upload')}
      </StepHeading>
      <ErrorAlert error={error} />
      <Form<UploadValues>
        name="survey-import"
        form={form}
        layout="vertical"
        className="linli-large-form"
        initialValues={{ mode, file: [] }}
        onFinish={(values) => void start(values)}
        onValuesChange={(changed: Partial<UploadValues>) => {
          setError(null);
          if (changed.mode) {
            onMode(changed.mode);
          }
        }}
        style={{ maxWidth: 760 }}
      >
        <Form.Item
          name="file"
          label={t('surveyImport.upload.file')}
          valuePropName="fileList"
          getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList.slice(-1)}
          rules={[
            {
              required: true,
              validator: (_rule, list: UploadFile[] | undefined) => {
                const file = list?.[0]?.originFileObj;
                if (!file) {
                  return Promise.reject(new Error(t('surveyImport.upload.fileRequired')));
                }
                if (!/\.(xlsx|csv)$/i.test(file.name)) {
                  return Promise.reject(new Error(t('surveyImport.upload.fileType')));
                }
                if (file.size > MAX_FILE_BYTES) {
                  return Promise.reject(new Error(t('surveyImport.upload.fileTooLarge')));
                }
                return Promise.resolve();
              },
            },
          ]}
        >
          {/* the one focusable control is the 选择文件 button inside; the whole area still takes a click or a drop */}
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            multiple={false}
            hasControlInside
            beforeUpload={() => false}
            // antd's own icons would name the remove button “delete” in every language; without them its title (删除文件) does
            iconRender={() => <PaperClipOutlined aria-hidden />}
            showUploadList={{ removeIcon: <DeleteOutlined aria-hidden /> }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">
              {t('surveyImport.upload.drop')}{' '}
              <Button icon={<UploadOutlined aria-hidden />}>{t('surveyImport.upload.choose')}</Button>
            </p>
            <p className="ant-upload-hint">{t('surveyImport.upload.hint')}</p>
          </Upload.Dragger>
        </Form.Item>
        <Form.Item name="mode" label={modeLabel} rules={[{ required: true }]}>
          <ChoiceGroup<ImportMode>
            label={modeLabel}
            name="survey-import-mode"
            className="linli-choice-list"
            options={modes.map((mode) => ({
              value: mode,
              ariaLabel: t(`surveyImport.upload.modes.${mode}`),
              describedBy: `linli-import-mode-help-${mode}`,
              label: (
                <span className="linli-choice">
                  <strong>{t(`surveyImport.upload.modes.${mode}`)}</strong>
                  <Typography.Text type="secondary" id={`linli-import-mode-help-${mode}`}>
                    {t(`surveyImport.upload.modeHelp.${mode}`)}
                  </Typography.Text>
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Space wrap>
          <Button size="large" onClick={onBack} disabled={isBusy}>
            {t('surveyImport.upload.previous')}
          </Button>
          <Button type="primary" size="large" htmlType="submit" loading={isBusy}>
            {t('surveyImport.upload.submit')}
          </Button>
        </Space>
      </Form>
    </section>
  );
}

type JobState = {
  job: ImportJob | null;
  /** the job cannot be read (not found, not one's own): polling stopped */
  error: unknown;
  /** a passing failure (network, server busy): polling goes on */
  retryError: unknown;
};

/** Reads the job every second until it has finished; passing failures are retried. */
function useImportJob(jobId: string | null): JobState {
  const [state, setState] = useState<JobState>({ job: null, error: null, retryError: null });

  useEffect(() => {
    setState({ job: null, error: null, retryError: null });
    if (!jobId) {
      return;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      getImportJob(jobId, controller.signal).then(
        (job) => {
          setState({ job, error: null, retryError: null });
          if (!isFinished(job)) {
            timer = setTimeout(poll, POLL_MS);
          }
        },
        (caught: unknown) => {
          if (controller.signal.aborted) {
            return;
          }
          const isPassing = !(caught instanceof ApiError) || caught.status === 0 || caught.status >= 500;
          if (isPassing || (caught instanceof ApiError && caught.status === 429)) {
            setState((previous) => ({ ...previous, retryError: caught }));
            timer = setTimeout(poll, RETRY_MS);
          } else {
            setState((previous) => ({ ...previous, error: caught, retryError: null }));
          }
        },
      );
    };
    poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [jobId]);

  return state;
}

type JobStepProps = {
  jobId: string;
  state: JobState;
  headingRef: RefObject<HTMLHeadingElement>;
  onAgain: () => void;
};

/**
 * Steps 3 and 4 in one place: the progress, then the result. The status line below keeps its
 * place from one to the other, so screen readers hear the progress and then the counts.
 */
function JobStep({ jobId, state, headingRef, onAgain }: JobStepProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { job } = state;

  if (state.error) {
    return (
      <section>
        <StepHeading n={3} headingRef={headingRef}>
          {t('surveyImport.progress.heading')}
        </StepHeading>
        <ErrorAlert
          error={state.error}
          action={
            <Button size="small" onClick={onAgain}>
              {t('surveyImport.result.again')}
            </Button>
          }
        />
      </section>
    );
  }

  const finished = isFinished(job) ? job : null;
  const result = finished?.state === 'succeeded' ? finished.result : null;
  const isFailed = finished !== null && result === null;
  const isRejected = result !== null && result.mode === 'allOrNothing' && result.errors > 0;
  const isPartial = result !== null && result.mode === 'validRows' && result.errors > 0;

  const title = isFailed
    ? t('surveyImport.result.failed')
    : isRejected
      ? t('surveyImport.result.rejected')
      : isPartial
        ? t('surveyImport.result.partial')
        : t('surveyImport.result.succeeded');

  const done = job?.progress.done ?? 0;
  const total = job?.progress.total ?? 0;
  const statusText = finished
    ? result
      ? t('surveyImport.result.counts', {
          rows: result.rows,
          created: result.created,
          skipped: result.skipped,
          errors: result.errors,
        })
      : t('surveyImport.result.failedHelp')
    : job?.state === 'running' && total > 0
      ? t('surveyImport.progress.running', { done, total })
      : job?.state === 'running'
        ? t('surveyImport.progress.reading')
        : t('surveyImport.progress.queued');

  return (
    <section>
      {finished ? (
        <Result
          status={isFailed || isRejected ? 'error' : isPartial ? 'warning' : 'success'}
          style={{ paddingBottom: 0 }}
          title={
            <StepHeading n={4} headingRef={headingRef} isResult>
              {title}
            </StepHeading>
          }
        />
      ) : (
        <StepHeading n={3} headingRef={headingRef}>
          {t('surveyImport.progress.heading')}
        </StepHeading>
      )}
      {finished ? null : (
        <Progress
          percent={total > 0 ? Math.floor((done * 100) / total) : 0}
          status="active"
          aria-label={t('surveyImport.progress.label')}
          aria-valuetext={statusText}
        />
      )}
      <Typography.Paragraph
        role="status"
        aria-live="polite"
        aria-atomic="true"
        strong={finished !== null}
        style={{ fontSize: 16, marginTop: 12, textAlign: finished ? 'center' : undefined }}
      >
        {statusText}
      </Typography.Paragraph>
      {state.retryError && !finished ? (
        <Alert type="warning" showIcon message={t('surveyImport.progress.pollError')} />
      ) : null}
      {isRejected ? (
        <Alert
          type="error"
          showIcon
          className="linli-error-alert"
          style={{ maxWidth: 760, margin: '0 auto 16px' }}
          message={t('surveyImport.result.nothingImported')}
        />
      ) : null}
      {isPartial ? (
        <Typography.Paragraph style={{ textAlign: 'center' }}>
          {t('surveyImport.result.partialHelp')}
        </Typography.Paragraph>
      ) : null}
      {finished ? (
        <Space wrap style={{ width: '100%', justifyContent: 'center' }}>
          {finished.hasResultFile ? (
            <Button
              type="primary"
              size="large"
              icon={<DownloadOutlined aria-hidden />}
              href={importErrorSheetUrl(jobId)}
              download
            >
              {t('surveyImport.result.downloadErrors')}
            </Button>
          ) : null}
          <Button size="large" type={finished.hasResultFile ? 'default' : 'primary'} onClick={onAgain}>
            {t('surveyImport.result.again')}
          </Button>
          <Button size="large" onClick={() => navigate('/organizations')}>
            {t('surveyImport.result.viewRegistry')}
          </Button>
        </Space>
      ) : null}
    </section>
  );
}
