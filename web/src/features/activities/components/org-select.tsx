import { Select } from 'antd';
import { type CSSProperties, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { type OrgChoice, searchOrganizations } from '../api';
import { useOwnOrganizations } from './use-choices';

type OrgSelectProps = {
  id?: string;
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  /** `own`: the organizations the user administers; `any`: also a search of the registry (its readers) */
  scope: 'own' | 'any';
  isMultiple?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  exclude?: readonly string[];
  style?: CSSProperties;
  'aria-label'?: string;
};

/**
 * Picks organizations: the user's own (orgAdmin grants) and, for readers of the registry, any of
 * the jurisdiction found by two or more characters of the name.
 */
export function OrgSelect(props: OrgSelectProps) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const own = useOwnOrganizations();
  const maySearch = props.scope === 'any' && can('organizations.read');
  const [found, setFound] = useState<OrgChoice[]>([]);
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(() => () => controllerRef.current?.abort(), []);

  const search = (term: string) => {
    controllerRef.current?.abort();
    if (!maySearch || Array.from(term.trim()).length < 2) {
      setFound([]);
      return;
    }
    const controller = new AbortController();
    controllerRef.current = controller;
    searchOrganizations(term.trim(), controller.signal).then(
      (list) => setFound(list.items.map((org) => ({ id: org.id, name: org.name }))),
      () => undefined,
    );
  };

  const options = useMemo(() => {
    const byId = new Map<string, string>(known);
    for (const org of [...own, ...found]) {
      byId.set(org.id, org.name);
    }
    return [...byId.entries()]
      .filter(([id]) => !props.exclude?.includes(id))
      .map(([value, label]) => ({ value, label }));
  }, [own, found, known, props.exclude]);

  return (
    <Select<string | string[]>
      id={props.id}
      aria-label={props['aria-label']}
      mode={props.isMultiple ? 'multiple' : undefined}
      value={props.value ?? undefined}
      onChange={(value, option) => {
        const picked = Array.isArray(option) ? option : option ? [option] : [];
        setKnown((current) => {
          const next = new Map(current);
          for (const item of picked) {
            if (item && typeof item.value === 'string' && typeof item.label === 'string') {
              next.set(item.value, item.label);
            }
          }
          return next;
        });
        props.onChange?.(value);
      }}
      options={options}
      showSearch
      filterOption={maySearch ? false : (input, option) => String(option?.label ?? '').includes(input.trim())}
      onSearch={search}
      optionFilterProp="label"
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? (maySearch ? t('activityPages.orgSearchPlaceholder') : undefined)}
      notFoundContent={maySearch ? t('activityPages.orgSearchHint') : t('activityPages.noOwnOrgs')}
      style={props.style ?? { width: '100%' }}
    />
  );
}
