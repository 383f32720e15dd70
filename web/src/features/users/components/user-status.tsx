import type { User } from '@linli/contract/accounts';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function isLocked(user: Pick<User, 'lockedUntil'>, now: number = Date.now()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}

/** Account status, plus “locked” while a lock lasts. */
export function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={user.status === 'active' ? 'green' : 'default'}>{t(`userStatus.${user.status}`)}</Tag>
      {isLocked(user) ? <Tag color="red">{t('userStatus.locked')}</Tag> : null}
    </Space>
  );
}
