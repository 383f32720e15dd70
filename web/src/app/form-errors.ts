import type { FormInstance } from 'antd';
import { fieldErrorText } from './error-text';
import { ApiError } from './request';

type NamePath = string | (string | number)[];
/** The two methods used; any antd form instance fits, whatever its values type. */
type FieldsForm = Pick<FormInstance, 'getFieldsError' | 'setFields'>;

/**
 * Puts the server's field errors next to the fields of an antd form. `rename` maps a server
 * path (`grant.areaCode`) to the form's field name when they differ. Returns whether any error
 * found a field, so the caller shows the general message only when none did.
 */
export function applyFieldErrors(form: FieldsForm, error: unknown, rename: Record<string, NamePath> = {}): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) {
    return false;
  }
  const registered = new Set(form.getFieldsError().map((entry) => JSON.stringify(entry.name)));
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const field of error.fields) {
    const renamed = rename[field.path];
    const name = renamed === undefined ? field.path.split('.') : typeof renamed === 'string' ? [renamed] : renamed;
    const key = JSON.stringify(name);
    if (!field.path || !registered.has(key)) {
      continue;
    }
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(fieldErrorText(field));
    byName.set(key, entry);
  }
  const known = [...byName.values()];
  if (known.length === 0) {
    return false;
  }
  form.setFields(known.map((entry) => ({ name: entry.name, errors: entry.errors })));
  return true;
}
