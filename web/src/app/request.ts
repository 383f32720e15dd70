import type { ErrorBody, FieldError } from '@linli/contract/errors';
import { i18n } from './i18n';

const csrfCookie = 'linli_csrf';
const csrfHeader = 'x-csrf-token';

/** An error response from the server, carrying its `{code, message, fields, correlationId}` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly correlationId: string | undefined;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? [];
    this.correlationId = body.correlationId;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export type RequestOptions = {
  method?: Method;
  /** sent as JSON; a `FormData` goes as it is (multipart/form-data, the browser sets the boundary) */
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Sign-in and the first session probe handle 401 themselves instead of being sent to /sign-in. */
  redirectOnUnauthorized?: boolean;
};

type Handlers = {
  onUnauthorized: () => void;
  onPasswordChangeRequired: () => void;
};

/** Defaults reload the page; the app swaps in router navigation once it has a router. */
const handlers: Handlers = {
  onUnauthorized: () => {
    if (window.location.pathname !== '/sign-in') {
      window.location.assign('/sign-in');
    }
  },
  onPasswordChangeRequired: () => {
    if (window.location.pathname !== '/change-password') {
      window.location.assign('/change-password');
    }
  },
};

export function configureRequest(next: Partial<Handlers>): void {
  Object.assign(handlers, next);
}

let knownCsrfToken: string | null = null;

/** The session response repeats the CSRF token; kept as a fallback should the cookie be unreadable. */
export function rememberCsrfToken(token: string | null): void {
  knownCsrfToken = token;
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      return decodeURIComponent(rest.join('='));
    }
  }
  return null;
}

/** `/api/...` with the defined query values appended, for fetches and for download links. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** A proxy's HTML error page or an empty reply still becomes a coded error. */
function fallbackBody(status: number): ErrorBody {
  const code = status === 404 ? 'NOT_FOUND' : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  return { code, message: i18n.t(`errors.${code}`) };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Calls the API with JSON in and out (or a `FormData` upload in). Non-GET requests carry the CSRF token from the
 * `linli_csrf` cookie. Error responses throw `ApiError`; 401 sends the user to /sign-in and
 * 403 PASSWORD_CHANGE_REQUIRED to /change-password (the error is still thrown).
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': i18n.language,
  };
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) {
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET') {
    const token = readCookie(csrfCookie) ?? knownCsrfToken;
    if (token) {
      headers[csrfHeader] = token;
    }
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      throw cause;
    }
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: i18n.t('errors.NETWORK_ERROR') });
  }

  const body = await readJson(response);
  if (response.ok) {
    return body as T;
  }

  const error = new ApiError(response.status, isErrorBody(body) ? body : fallbackBody(response.status));
  if (
    response.status === 401 &&
    options.redirectOnUnauthorized !== false &&
    error.code !== 'AUTH_INVALID_CREDENTIALS'
  ) {
    handlers.onUnauthorized();
  } else if (response.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') {
    handlers.onPasswordChangeRequired();
  }
  throw error;
}
