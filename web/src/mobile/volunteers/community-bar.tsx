import { Button } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Community, useRememberedCommunity } from '../community';
import { CommunityPicker } from '../community-picker';

/** The remembered community (shared with the activities pages) and the button to change it. */
export function useCommunityBar(): [Community | null, JSX.Element] {
  const { t } = useTranslation();
  const [community, remember] = useRememberedCommunity();
  const [isPicking, setPicking] = useState(false);
  const bar = (
    <section className="linli-m-community" aria-label={t('activityMobile.myCommunity')}>
      <div>
        <span className="linli-m-muted">{t('activityMobile.myCommunity')}</span>
        <strong>{community ? community.name : t('activityMobile.noCommunity')}</strong>
        {community ? <span className="linli-m-muted">{community.fullName}</span> : null}
      </div>
      <Button
        color="primary"
        fill={community ? 'outline' : 'solid'}
        style={{ flexShrink: 0 }}
        onClick={() => setPicking(true)}
      >
        {community ? t('activityMobile.change') : t('activityMobile.choose')}
      </Button>
      <CommunityPicker visible={isPicking} onClose={() => setPicking(false)} onPick={remember} />
    </section>
  );
  return [community, bar];
}
