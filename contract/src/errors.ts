import { z } from 'zod';

/** A problem with one field of the request: `path` is the dotted location, `code` stable, `message` in Chinese. */
export const FieldError = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** Every error response has this shape. 5xx responses carry only a correlation id. */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(FieldError).optional(),
  correlationId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof Ok>;
