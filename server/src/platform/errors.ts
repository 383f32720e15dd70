import type { FieldError } from '@linli/contract/errors';
import { zhCN } from '@linli/contract/locales/zh-CN';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/**
 * A coded error: stable `code`, Chinese `message`, optional field-level detail. Modules declare
 * theirs in errors.ts with `defineErrors`; the handler turns them into `{code, message, fields}`.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

type ErrorSpec = { status: number; message: string };

/** Every coded error of the platform and the modules, for the generated docs/errors.md. */
export const errorCatalog = new Map<string, ErrorSpec>();

/** Declares a module's errors; returns one factory per code. */
export function defineErrors<const T extends Record<string, ErrorSpec>>(
  specs: T,
): { [K in keyof T]: (fields?: FieldError[]) => AppError } {
  const factories = {} as { [K in keyof T]: (fields?: FieldError[]) => AppError };
  for (const [code, spec] of Object.entries(specs)) {
    errorCatalog.set(code, spec);
    factories[code as keyof T] = (fields?: FieldError[]) => new AppError(spec.status, code, spec.message, fields);
  }
  return factories;
}

export const platformErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请按提示修改' },
  AUTH_REQUIRED: { status: 401, message: '请先登录' },
  CSRF_INVALID: { status: 403, message: '页面已过期，请刷新后重试' },
  FORBIDDEN: { status: 403, message: '您没有执行此操作的权限' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '首次登录请先修改密码' },
  NOT_FOUND: { status: 404, message: '未找到该记录，或不在您的管辖范围内' },
  CONFLICT: { status: 409, message: '记录已被他人修改，请刷新后重试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器内部错误，请稍后重试；如需帮助请提供错误编号' },
});

/** Chinese texts for the message keys used in contract schemas and for zod's own issue codes. */
const fieldMessages: Record<string, string> = {
  'mobile.invalid': '请输入11位中国大陆手机号',
  'password.required': '请输入密码',
  'name.required': '请输入姓名',
  'name.tooLong': '姓名不能超过50个字',
  'area.code.invalid': '区划代码应为12位数字',
  'area.search.tooShort': '请输入要搜索的名称',
  'id.invalid': '编号格式不正确',
  invalid_type: '缺少此项或类型不正确',
  too_small: '内容过短或数值过小',
  too_big: '内容过长或数值过大',
  invalid_format: '格式不正确',
  invalid_value: '不是允许的选项',
  invalid_enum_value: '不是允许的选项',
  unrecognized_keys: '包含不认识的字段',
  custom: '内容不正确',
};

/** The locale's text for a dotted message key of a contract schema (`fieldErrors` in zh-CN.ts). */
function localeFieldMessage(key: string): string | undefined {
  const text = key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], zhCN.fieldErrors);
  return typeof text === 'string' ? text : undefined;
}

export function fieldMessage(key: string): string {
  return fieldMessages[key] ?? localeFieldMessage(key) ?? fieldMessages.custom!;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .status(error.status)
        .send({ code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: FieldError[] = error.validation.map((issue) => {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const key =
          issue.message && (fieldMessages[issue.message] || localeFieldMessage(issue.message))
            ? issue.message
            : issue.keyword;
        return { path: path || (error.validationContext ?? ''), code: key, message: fieldMessage(key) };
      });
      const v = platformErrors.VALIDATION_FAILED(fields);
      return reply.status(400).send({ code: v.code, message: v.message, fields });
    }
    if (error.statusCode === 413) {
      const e = platformErrors.PAYLOAD_TOO_LARGE();
      return reply.status(413).send({ code: e.code, message: e.message });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500 && !isResponseSerializationError(error)) {
      // malformed JSON, unsupported media type and the like
      return reply.status(error.statusCode).send({
        code: 'BAD_REQUEST',
        message: '请求格式不正确',
        fields: [{ path: '', code: error.code, message: error.message }],
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    const e = platformErrors.INTERNAL();
    return reply.status(500).send({ code: e.code, message: e.message, correlationId: request.id });
  });
}
