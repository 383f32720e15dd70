import { Button, ErrorBlock, List, Popup, SearchBar, SpinLoading } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Community } from './community';
import { type Area, listAreaChildren, searchCommunities } from './mobile-api';

type Node = { code: string; level: Area['level']; name: string };
// the country node (contract ROOT_AREA_CODE, restated so the zod schemas stay out of the bundle)
const root: Node = { code: '000000000000', level: 'country', name: '' };

/**
 * Picks the resident's community: by name (search) or level by level down the public division
 * tree, province → city → county → township → community. A full-screen sheet with big rows.
 */
export function CommunityPicker({
  visible,
  onClose,
  onPick,
}: {
  visible: boolean;
  onClose: () => void;
  onPick: (community: Community) => void;
}) {
  const { t } = useTranslation();
  const [path, setPath] = useState<Node[]>([root]);
  const [items, setItems] = useState<Area[]>([]);
  const [query, setQuery] = useState('');
  const [isLoading, setLoading] = useState(false);
  const [error, setError] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const here = path[path.length - 1]!;
  const term = query.trim();

  useEffect(() => {
    if (!visible) {
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(false);
    const call =
      term.length > 0
        ? searchCommunities(term, controller.signal)
        : listAreaChildren(here.code, here.level, controller.signal);
    call.then(
      (list) => {
        setItems(list.items);
        setLoading(false);
      },
      () => {
        if (!controller.signal.aborted) {
          setError(true);
          setLoading(false);
        }
      },
    );
    return () => controller.abort();
  }, [visible, here.code, here.level, term]);

  useEffect(() => {
    if (visible) {
      headingRef.current?.focus();
    }
  }, [visible]);

  const choose = (area: Area) => {
    if (area.level === 'community') {
      onPick({ code: area.code, name: area.name, fullName: area.fullName });
      setQuery('');
      setPath([root]);
      onClose();
      return;
    }
    setPath([...path, { code: area.code, level: area.level, name: area.name }]);
  };

  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      onClose={onClose}
      position="bottom"
      bodyStyle={{ height: '92vh', overflowY: 'auto', fontSize: 17 }}
      destroyOnClose
    >
      <div role="dialog" aria-modal="true" aria-labelledby="linli-m-picker-title" style={{ padding: 12 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <h2 id="linli-m-picker-title" ref={headingRef} tabIndex={-1} style={{ margin: 0, fontSize: 20 }}>
            {t('activityMobile.picker.title')}
          </h2>
          <Button fill="none" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
        <div style={{ margin: '12px 0' }}>
          <SearchBar
            placeholder={t('activityMobile.picker.search')}
            value={query}
            onChange={setQuery}
            aria-label={t('activityMobile.picker.search')}
            style={{ '--height': '44px' }}
          />
        </div>
        {term.length === 0 && path.length > 1 ? (
          <nav aria-label={t('activityMobile.picker.path')} style={{ marginBottom: 8 }}>
            <Button size="small" onClick={() => setPath(path.slice(0, -1))}>
              {t('activityMobile.picker.up')}
            </Button>{' '}
            <span className="linli-m-muted">
              {path
                .slice(1)
                .map((node) => node.name)
                .join(' / ')}
            </span>
          </nav>
        ) : null}
        {isLoading ? (
          <div style={{ textAlign: 'center', padding: 24 }}>
            <SpinLoading aria-label={t('app.loading')} />
          </div>
        ) : error ? (
          <ErrorBlock status="default" title={t('errors.NETWORK_ERROR')} description="" />
        ) : items.length === 0 ? (
          <p className="linli-m-muted">{t('activityMobile.picker.none')}</p>
        ) : (
          <List>
            {items.map((area) => (
              <List.Item
                key={`${area.level}:${area.code}`}
                onClick={() => choose(area)}
                arrowIcon={area.level !== 'community'}
                description={term.length > 0 ? area.fullName : undefined}
              >
                {area.name}
              </List.Item>
            ))}
          </List>
        )}
      </div>
    </Popup>
  );
}
