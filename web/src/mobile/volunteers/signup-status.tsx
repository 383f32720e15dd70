import type { Signup } from '@linli/contract/volunteers';
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

const colors = { confirmed: 'success', waiting: 'warning', cancelled: 'default' } as const;

/** 已录用 · 候补第 2 位 · 已取消 */
export function SignupStatus({ signup }: { signup: Pick<Signup, 'status' | 'waitingPosition'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[signup.status]} fill="outline">
      {signup.status === 'waiting' && signup.waitingPosition
        ? t('volunteerMobile.waitingNumber', { position: signup.waitingPosition })
        : t(`volunteers.signupStatus.${signup.status}`)}
    </Tag>
  );
}
