import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/error-text';
import { ApiError } from '../app/request';

/** A failed call, told in the user's language, with the correlation id of 5xx errors. */
export function ErrorAlert({ error, action }: { error: unknown; action?: ReactNode }) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  const correlationId = error instanceof ApiError ? error.correlationId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      className="linli-error-alert"
      message={errorText(error)}
      description={correlationId ? t('common.correlationId', { id: correlationId }) : undefined}
      action={action}
    />
  );
}
