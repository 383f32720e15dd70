import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../app/error-text';
import { revealVolunteer } from '../api';

/**
 * 查看完整信息: the full ID number and mobile, asked for on purpose (the server writes an audit
 * entry for every reveal); shown in place until the page is left.
 */
export function RevealButton({ volunteerId, name }: { volunteerId: string; name: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [revealed, setRevealed] = useState<{ idNumber: string; mobile: string } | null>(null);
  const [isLoading, setLoading] = useState(false);
  if (revealed) {
    return (
      <Typography.Text copyable={false} aria-live="polite">
        {revealed.idNumber} · {revealed.mobile}
      </Typography.Text>
    );
  }
  return (
    <Popconfirm
      title={t('volunteerConsole.volunteers.revealConfirm', { name })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onConfirm={async () => {
        setLoading(true);
        try {
          setRevealed(await revealVolunteer(volunteerId));
        } catch (caught) {
          void message.error(errorText(caught));
        } finally {
          setLoading(false);
        }
      }}
    >
      <Button
        size="small"
        icon={<EyeOutlined aria-hidden />}
        loading={isLoading}
        aria-label={t('volunteerConsole.volunteers.revealOf', { name })}
      >
        {t('volunteerConsole.volunteers.reveal')}
      </Button>
    </Popconfirm>
  );
}
