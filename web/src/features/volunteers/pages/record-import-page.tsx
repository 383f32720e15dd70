import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Radio, Result, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorText } from '../../../app/error-text';
import { useSession } from '../../../app/session';
import { Page } from '../../../components/page';
import {
  type BackfillJob,
  type BackfillMode,
  getJob,
  jobResultUrl,
  recordTemplateUrl,
  startRecordImport,
} from '../api';

const POLL_MS = 1000;

/**
 * 批量补录 (谁组织谁记录): an organization's administrator downloads the template, uploads the
 * filled sheet, watches the job and gets the result with the error list. The job id sits in the
 * address (`?job=`), so a reload comes back to the progress.
 */
export function RecordImportPage() {
  const { t } = useTranslation();
  const session = useSession();
  const orgIds = [...new Set(session.grants.filter((g) => g.role === 'orgAdmin' && g.orgId).map((g) => g.orgId!))];
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [orgId, setOrgId] = useState<string | undefined>(params.get('org') ?? orgIds[0]);
  const [mode, setMode] = useState<BackfillMode>('validRows');
  const [error, setError] = useState<unknown>(null);
  const [job, setJob] = useState<BackfillJob | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!jobId) {
      setJob(null);
      return;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      getJob(jobId, controller.signal).then(
        (next) => {
          setJob(next);
          if (next.state === 'queued' || next.state === 'running') {
            timer = setTimeout(poll, POLL_MS);
          }
        },
        (caught: unknown) => {
          if (!controller.signal.aborted) {
            setError(caught);
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

  const upload = async () => {
    const file = fileInput.current?.files?.[0];
    if (!file || !orgId) {
      return;
    }
    setError(null);
    try {
      const started = await startRecordImport(orgId, file, mode);
      setParams({ job: started.jobId });
    } catch (caught) {
      setError(caught);
    }
  };

  if (orgIds.length === 0) {
    return (
      <Page title={t('recordImport.title')}>
        <Alert type="info" showIcon message={t('recordImport.noOrganization')} />
      </Page>
    );
  }
  const finished = job?.state === 'succeeded' || job?.state === 'failed';
  const rejected = job?.state === 'failed' || (job?.result?.mode === 'allOrNothing' && job.result.errors > 0);

  return (
    <Page title={t('recordImport.title')}>
      <Card>
        {error ? <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} /> : null}
        {!jobId ? (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Typography.Paragraph className="linli-form-intro">{t('recordImport.intro')}</Typography.Paragraph>
            <Button icon={<DownloadOutlined aria-hidden />} href={recordTemplateUrl} download>
              {t('recordImport.template')}
            </Button>
            {orgIds.length > 1 ? (
              <Space>
                {t('recordImport.organization')}
                <Select
                  aria-label={t('recordImport.organization')}
                  value={orgId}
                  onChange={setOrgId}
                  style={{ minWidth: 320 }}
                  options={orgIds.map((id) => ({ value: id, label: id }))}
                />
              </Space>
            ) : null}
            <label>
              {t('recordImport.file')} <input ref={fileInput} type="file" accept=".xlsx" />
            </label>
            <Radio.Group
              value={mode}
              onChange={(e) => setMode(e.target.value as BackfillMode)}
              aria-label={t('recordImport.mode')}
            >
              <Radio value="validRows">{t('recordImport.modes.validRows')}</Radio>
              <Radio value="allOrNothing">{t('recordImport.modes.allOrNothing')}</Radio>
            </Radio.Group>
            <Button type="primary" icon={<UploadOutlined aria-hidden />} onClick={() => void upload()}>
              {t('recordImport.start')}
            </Button>
          </Space>
        ) : !finished ? (
          <div aria-live="polite">
            <Typography.Paragraph>
              {t('recordImport.running', { done: job?.progress.done ?? 0, total: job?.progress.total ?? 0 })}
            </Typography.Paragraph>
            <Progress
              percent={job && job.progress.total > 0 ? Math.round((job.progress.done / job.progress.total) * 100) : 0}
            />
          </div>
        ) : (
          <Result
            status={rejected ? 'error' : 'success'}
            title={job?.state === 'failed' ? t('recordImport.failed') : t('recordImport.result', { ...job?.result })}
            subTitle={job?.state !== 'failed' && rejected ? t('recordImport.rejected') : undefined}
            extra={[
              job?.hasResultFile ? (
                <Button key="sheet" icon={<DownloadOutlined aria-hidden />} href={jobResultUrl(job.id)} download>
                  {t('recordImport.errorSheet')}
                </Button>
              ) : null,
              <Button key="again" onClick={() => setParams({})}>
                {t('recordImport.again')}
              </Button>,
            ]}
          />
        )}
      </Card>
    </Page>
  );
}
