import { RightOutlined } from '@ant-design/icons';
import type { AreaLevel, AreaList } from '@linli/contract/areas';
import { App, Cascader } from 'antd';
import { type CSSProperties, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/error-text';
import { request } from '../app/request';

/** A node of the area tree as the pickers hand it out. */
export type AreaChoice = {
  code: string;
  level: AreaLevel;
  name: string;
  fullName: string;
  /** unknown for areas that come from the session; assumed true above community level */
  hasChildren?: boolean;
};

type AreaOption = {
  /** `${level}:${code}` for an area; with `:whole` for the entry that picks the parent itself */
  value: string;
  label: string;
  isLeaf: boolean;
  disabled?: boolean;
  children?: AreaOption[];
  area: AreaChoice;
};

/** The option value of an area; level is part of it because a few codes name two nodes. */
export function areaKey(area: { code: string; level: AreaLevel }): string {
  return `${area.level}:${area.code}`;
}

// Same order as contract `areaLevels`; restated so the bundle does not pull in the zod schemas.
const levelOrder: readonly AreaLevel[] = ['country', 'province', 'city', 'county', 'township', 'community'];

function depth(level: AreaLevel): number {
  return levelOrder.indexOf(level);
}

function listAreaChildren(area: AreaChoice): Promise<AreaList> {
  return request<AreaList>(`/api/areas/${area.code}/children`, { query: { level: area.level } });
}

type TreeRules = {
  isSelectable: (level: AreaLevel) => boolean;
  deepest: number;
};

function rulesFor(levels: readonly AreaLevel[] | undefined): TreeRules {
  if (!levels || levels.length === 0) {
    return { isSelectable: () => true, deepest: depth('community') };
  }
  return { isSelectable: (level) => levels.includes(level), deepest: Math.max(...levels.map(depth)) };
}

function toOption(area: AreaChoice, rules: TreeRules): AreaOption {
  const mayExpand = (area.hasChildren ?? area.level !== 'community') && depth(area.level) < rules.deepest;
  return {
    value: areaKey(area),
    label: area.name,
    isLeaf: !mayExpand,
    disabled: !mayExpand && !rules.isSelectable(area.level),
    area,
  };
}

function wholeOption(area: AreaChoice, label: string): AreaOption {
  return { value: `${areaKey(area)}:whole`, label, isLeaf: true, area };
}

type AreaTreeProps = {
  roots: AreaChoice[];
  /** the levels that may be picked; all when absent */
  levels?: readonly AreaLevel[] | undefined;
};

/**
 * The lazily loaded option tree behind both area pickers. Each expandable area lists a
 * "(whole area)" entry first when its level may be picked, so any level can be chosen with a
 * plain (not change-on-select) cascader.
 */
export function useAreaTree({ roots, levels }: AreaTreeProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useMemo(() => rulesFor(levels), [levels]);
  const [options, setOptions] = useState<AreaOption[]>([]);
  const rootsKey = roots.map(areaKey).join('|');

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuild only when the set of roots changes, not on every new array
  useEffect(() => {
    const seen = new Set<string>();
    const unique = roots.filter((root) => {
      const key = areaKey(root);
      const isNew = !seen.has(key);
      seen.add(key);
      return isNew;
    });
    setOptions(unique.map((root) => toOption(root, rules)));
  }, [rootsKey, rules]);

  const loadData = useCallback(
    (selected: AreaOption[]) => {
      const target = selected[selected.length - 1];
      if (!target || target.children) {
        return;
      }
      listAreaChildren(target.area).then(
        (list) => {
          const children = list.items.map((area) => toOption(area, rules));
          if (rules.isSelectable(target.area.level)) {
            children.unshift(wholeOption(target.area, t('header.wholeArea', { name: target.area.name })));
          }
          target.children = children;
          if (children.length === 0) {
            target.isLeaf = true;
            target.disabled = true;
          }
          setOptions((current) => [...current]);
        },
        (error: unknown) => {
          void message.error(errorText(error));
        },
      );
    },
    [rules, t, message],
  );

  return { options, loadData };
}

type AreaCascaderProps = {
  id?: string;
  value?: AreaChoice | null;
  onChange?: (area: AreaChoice | null) => void;
  roots: AreaChoice[];
  levels?: readonly AreaLevel[] | undefined;
  placeholder?: string;
  disabled?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
  'aria-describedby'?: string;
};

/** A form control that picks one area inside the given roots, level by level. */
export function AreaCascader(props: AreaCascaderProps) {
  const { t } = useTranslation();
  const { options, loadData } = useAreaTree({ roots: props.roots, levels: props.levels });
  const { value, onChange } = props;
  // The path last picked here, so that reopening shows it. The cascader resets its open path
  // whenever the value array changes identity, hence the memo.
  const [picked, setPicked] = useState<{ key: string; cells: string[] } | null>(null);
  const valueKey = value ? areaKey(value) : null;
  const cells = useMemo(() => {
    if (!valueKey) {
      return [];
    }
    return picked?.key === valueKey ? picked.cells : [valueKey];
  }, [valueKey, picked]);

  return (
    <Cascader<AreaOption>
      id={props.id}
      aria-label={props['aria-label']}
      aria-describedby={props['aria-describedby']}
      style={props.style ?? { width: '100%' }}
      options={options}
      loadData={loadData}
      value={cells}
      disabled={props.disabled}
      placeholder={props.placeholder ?? t('areaPicker.placeholder')}
      notFoundContent={t('areaPicker.notFound')}
      expandIcon={<RightOutlined aria-hidden />}
      displayRender={() => value?.fullName ?? ''}
      onChange={(nextCells, selected) => {
        const last = selected?.[selected.length - 1];
        setPicked(last ? { key: areaKey(last.area), cells: nextCells.map(String) } : null);
        onChange?.(last ? last.area : null);
      }}
    />
  );
}
