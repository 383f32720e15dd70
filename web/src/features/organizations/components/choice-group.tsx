import { Radio, type RadioChangeEvent } from 'antd';
import type { ReactNode } from 'react';

type ChoiceGroupProps<T extends string> = {
  id?: string;
  value?: T;
  onChange?: (value: T) => void;
  /** the group's accessible name (the form item's label does not name a group) */
  label: string;
  /** the radios' shared `name`, unique on the page */
  name: string;
  className?: string;
  options: readonly { value: T; label: ReactNode; ariaLabel?: string; describedBy?: string }[];
};

/** Radio buttons as a form control inside a named `radiogroup`. */
export function ChoiceGroup<T extends string>({
  id,
  value,
  onChange,
  label,
  name,
  className,
  options,
}: ChoiceGroupProps<T>) {
  return (
    <div role="radiogroup" aria-label={label} id={id}>
      <Radio.Group
        name={name}
        value={value}
        className={className}
        onChange={(event: RadioChangeEvent) => onChange?.(event.target.value as T)}
      >
        {options.map((option) => (
          <Radio
            key={option.value}
            value={option.value}
            aria-label={option.ariaLabel}
            aria-describedby={option.describedBy}
          >
            {option.label}
          </Radio>
        ))}
      </Radio.Group>
    </div>
  );
}
