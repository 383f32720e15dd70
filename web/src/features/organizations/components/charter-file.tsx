import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { Organization } from '@linli/contract/organizations';
import { App, Button, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldErrorText } from '../../../app/error-text';
import { ApiError } from '../../../app/request';
import { formatDateTime } from '../../../components/date-time';
import { charterUrl, uploadCharter } from '../api';

const ACCEPT = '.pdf,.doc,.docx,.jpg,.jpeg,.png';

function fileSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The charter (章程) row of the record: its file to download, and an upload for those who may file for it. */
export function CharterFile({ org, onChange }: { org: Organization; onChange: (org: Organization) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const charter = org.charter;

  const send = async (file: File) => {
    setUploading(true);
    setError(null);
    try {
      onChange(await uploadCharter(org.id, file));
      void message.success(t('organizations.charter.uploaded'));
    } catch (caught) {
      const fieldError = caught instanceof ApiError ? caught.fields.find((f) => f.path === 'file') : undefined;
      setError(fieldError ? fieldErrorText(fieldError) : errorText(caught));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Space direction="vertical" size={4}>
      {charter ? (
        <Space wrap>
          <Typography.Link href={charterUrl(org.id)} download={charter.fileName}>
            <DownloadOutlined aria-hidden /> {charter.fileName}
          </Typography.Link>
          <Typography.Text type="secondary">
            {charter.uploadedByName
              ? t('organizations.charter.meta', {
                  size: fileSize(charter.size),
                  at: formatDateTime(charter.uploadedAt),
                  name: charter.uploadedByName,
                })
              : t('organizations.charter.metaNoName', {
                  size: fileSize(charter.size),
                  at: formatDateTime(charter.uploadedAt),
                })}
          </Typography.Text>
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('organizations.charter.none')}</Typography.Text>
      )}
      {org.abilities.uploadCharter ? (
        <Space wrap>
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} loading={uploading}>
              {uploading
                ? t('organizations.charter.uploading')
                : charter
                  ? t('organizations.charter.replace')
                  : t('organizations.charter.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">{t('organizations.charter.hint')}</Typography.Text>
        </Space>
      ) : null}
      {error ? (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
