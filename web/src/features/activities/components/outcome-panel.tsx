import { UploadOutlined } from '@ant-design/icons';
import type { Activity } from '@linli/contract/activities';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Image,
  Input,
  InputNumber,
  Space,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldErrorText } from '../../../app/error-text';
import { applyFieldErrors } from '../../../app/form-errors';
import { ApiError } from '../../../app/request';
import { ErrorAlert } from '../../../components/error-alert';
import { getActivity, recordOutcome, uploadPhoto } from '../api';

type OutcomeValues = { actualParticipants?: number | null; beneficiaries?: number | null; summary: string };

/** 活动成效: what the organization recorded after the activity, the form to record it, and the photos. */
export function OutcomePanel({ activity, onChange }: { activity: Activity; onChange: (activity: Activity) => void }) {
  const { t } = useTranslation();
  const isRecorded = activity.actualParticipants !== null;
  const manages = activity.abilities.record || activity.abilities.cancel;
  const mayUpload = manages && (activity.status === 'published' || activity.status === 'completed');
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {isRecorded ? (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t('activities.fields.actualParticipants')}>
            {activity.actualParticipants}
          </Descriptions.Item>
          <Descriptions.Item label={t('activities.fields.beneficiaries')}>{activity.beneficiaries}</Descriptions.Item>
          <Descriptions.Item label={t('activities.fields.summary')} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {activity.summary}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph type="secondary">
          {activity.abilities.record
            ? t('activityPages.outcome.notYet')
            : activity.status === 'published'
              ? t('activityPages.outcome.afterStart')
              : t('activityPages.outcome.none')}
        </Typography.Paragraph>
      )}
      {activity.abilities.record ? <OutcomeForm activity={activity} onChange={onChange} /> : null}
      <Photos activity={activity} mayUpload={mayUpload} onUploaded={onChange} />
    </Space>
  );
}

function OutcomeForm({ activity, onChange }: { activity: Activity; onChange: (activity: Activity) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OutcomeValues>();
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const isRecorded = activity.actualParticipants !== null;

  const finish = (values: OutcomeValues) => {
    setError(null);
    setSaving(true);
    recordOutcome(activity.id, {
      actualParticipants: values.actualParticipants ?? 0,
      beneficiaries: values.beneficiaries ?? 0,
      summary: values.summary.trim(),
    })
      .then((next) => {
        void message.success(t('activityPages.outcome.saved'));
        onChange(next);
      })
      .catch((caught: unknown) => {
        if (!applyFieldErrors(form, caught)) {
          setError(caught);
        }
      })
      .finally(() => setSaving(false));
  };

  return (
    <Card
      size="small"
      title={
        <h3 className="linli-card-title">
          {isRecorded ? t('activityPages.outcome.correct') : t('activityPages.outcome.record')}
        </h3>
      }
    >
      <Form<OutcomeValues>
        name="activity-outcome"
        form={form}
        layout="vertical"
        initialValues={{
          actualParticipants: activity.actualParticipants,
          beneficiaries: activity.beneficiaries,
          summary: activity.summary ?? '',
        }}
        onFinish={finish}
        style={{ maxWidth: 720 }}
      >
        <ErrorAlert error={error} />
        <Space size="large" wrap>
          <Form.Item
            name="actualParticipants"
            label={t('activities.fields.actualParticipants')}
            rules={[{ required: true, message: t('activityPages.outcome.numberRequired') }]}
          >
            <InputNumber<number> min={0} max={1_000_000} precision={0} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item
            name="beneficiaries"
            label={t('activities.fields.beneficiaries')}
            rules={[{ required: true, message: t('activityPages.outcome.numberRequired') }]}
          >
            <InputNumber<number> min={0} max={1_000_000} precision={0} style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="summary"
          label={t('activities.fields.summary')}
          rules={[{ required: true, whitespace: true, min: 10, message: t('activityPages.outcome.summaryRequired') }]}
        >
          <Input.TextArea maxLength={10_000} showCount autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isSaving}>
          {t('activityPages.outcome.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** The server's words for a refused upload: its field errors (type, size) or the error itself. */
function uploadErrorText(error: unknown): string {
  if (error instanceof ApiError && error.fields.length > 0) {
    return error.fields.map(fieldErrorText).join('；');
  }
  return errorText(error);
}

function Photos({
  activity,
  mayUpload,
  onUploaded,
}: {
  activity: Activity;
  mayUpload: boolean;
  onUploaded: (activity: Activity) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [isUploading, setUploading] = useState(false);
  const errorId = `linli-photo-error-${activity.id}`;

  return (
    <Card size="small" title={<h3 className="linli-card-title">{t('activities.fields.photos')}</h3>}>
      {activity.photos.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('activityPages.photos.none')}</Typography.Paragraph>
      ) : (
        <Image.PreviewGroup>
          <ul className="linli-photo-grid" aria-label={t('activities.fields.photos')}>
            {activity.photos.map((photo, index) => (
              <li key={photo.id}>
                <Image
                  src={photo.thumbUrl}
                  preview={{ src: photo.url }}
                  alt={t('activityPages.photos.alt', { title: activity.title, n: index + 1 })}
                  width={160}
                  height={120}
                  style={{ objectFit: 'cover' }}
                />
              </li>
            ))}
          </ul>
        </Image.PreviewGroup>
      )}
      {mayUpload ? (
        <Space direction="vertical" style={{ marginTop: 12, width: '100%' }}>
          <Upload
            accept="image/jpeg,image/png,image/webp"
            showUploadList={false}
            multiple
            customRequest={({ file, onSuccess, onError }) => {
              setError(null);
              setUploading(true);
              uploadPhoto(activity.id, file as File)
                .then(async (result) => {
                  onSuccess?.(result);
                  void message.success(t('activityPages.photos.uploaded'));
                  // read the activity again: several files may be uploading at once
                  onUploaded(await getActivity(activity.id));
                })
                .catch((caught: unknown) => {
                  setError(uploadErrorText(caught));
                  onError?.(caught instanceof Error ? caught : new Error(String(caught)));
                })
                .finally(() => setUploading(false));
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} loading={isUploading} aria-describedby={errorId}>
              {t('activityPages.photos.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">{t('activityPages.photos.rules')}</Typography.Text>
          <div id={errorId} aria-live="assertive">
            {error ? <Alert type="error" showIcon message={error} /> : null}
          </div>
        </Space>
      ) : null}
    </Card>
  );
}
