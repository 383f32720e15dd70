import { RightOutlined } from '@ant-design/icons';
import type { Session } from '@linli/contract/accounts';
import { App, Cascader } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AreaChoice, areaKey, useAreaTree } from '../components/area-cascader';
import { errorText } from './error-text';
import { useSession, useSessionState } from './session';
import { setCurrentArea } from './session-api';

function grantRoots(session: Session): AreaChoice[] {
  return session.grants.map((grant) => ({
    code: grant.areaCode,
    level: grant.areaLevel,
    name: grant.areaName,
    fullName: grant.areaFullName,
  }));
}

/**
 * The jurisdiction switcher in the header: the user's grant areas are the roots, children load
 * on demand. Choosing an area saves it on the session; the shell then remounts the page so its
 * data is fetched again for the new jurisdiction.
 */
export function AreaSwitcher() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const { setSession } = useSessionState();
  const id = useId();
  const roots = useMemo(() => grantRoots(session), [session]);
  const { options, loadData } = useAreaTree({ roots });
  const [isSwitching, setSwitching] = useState(false);
  const current = session.currentArea;
  // a new array on every render would make the cascader reset the path being browsed
  const value = useMemo(() => (current ? [areaKey(current)] : []), [current]);

  const switchTo = (area: AreaChoice) => {
    if (current && areaKey(current) === areaKey(area)) {
      return;
    }
    setSwitching(true);
    setCurrentArea({ code: area.code, level: area.level })
      .then((next) => {
        setSession(next);
        void message.success(t('header.areaSwitched', { name: next.currentArea?.fullName ?? area.fullName }));
      })
      .catch((error: unknown) => {
        void message.error(errorText(error));
      })
      .finally(() => setSwitching(false));
  };

  return (
    <div className="linli-area-switcher">
      <label htmlFor={id} className="linli-area-switcher-label">
        {t('header.currentArea')}
      </label>
      <Cascader
        id={id}
        options={options}
        loadData={loadData}
        value={value}
        displayRender={() => current?.fullName ?? ''}
        placeholder={t('header.chooseArea')}
        notFoundContent={t('areaPicker.notFound')}
        expandIcon={<RightOutlined aria-hidden />}
        disabled={isSwitching}
        allowClear={false}
        style={{ minWidth: 220 }}
        onChange={(_cells, selected) => {
          const last = selected?.[selected.length - 1];
          if (last) {
            switchTo(last.area);
          }
        }}
      />
    </div>
  );
}
