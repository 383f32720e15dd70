import type { FieldError } from '@linli/contract/errors';
import { currentLanguage, i18n } from './i18n';
import { ApiError } from './request';

/** A text from the current language's messages by a key only known at run time (error codes). */
function lookup(key: string): string | undefined {
  const value: unknown = i18n.getResource(currentLanguage(), 'translation', key);
  return typeof value === 'string' ? value : undefined;
}

/**
 * What to tell the user about a failed call. In Chinese the server's own message is shown (it
 * may be more specific); in other languages the text for the error code, else the server's.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (currentLanguage() === 'zh-CN' && error.message) {
      return error.message;
    }
    return lookup(`errors.${error.code}`) ?? error.message;
  }
  return lookup('errors.INTERNAL') ?? String(error);
}

/** The text for one field error, by the same rule as `errorText`. */
export function fieldErrorText(field: FieldError): string {
  if (currentLanguage() === 'zh-CN' && field.message) {
    return field.message;
  }
  return lookup(`fieldErrors.${field.code}`) ?? lookup(`errors.${field.code}`) ?? field.message;
}
