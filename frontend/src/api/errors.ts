/**
 * problem+json handling: one error class for every failed API call and the mapping of
 * field errors (`body.last_name`) onto form fields (`last_name`).
 */
import type { components } from './schema';
import { t } from '../i18n/messages';

export type Problem = components['schemas']['Problem'] & Record<string, unknown>;
export type FieldError = components['schemas']['FieldError'];

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, message?: string) {
    super(message ?? problem?.detail ?? problem?.title ?? t.common.unexpectedError);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}

/** 0 = the request never reached the server (network down, CORS, aborted). */
export const NETWORK_ERROR_STATUS = 0;

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

/** Turns an openapi-fetch `error` + response into an ApiError. */
export function toApiError(error: unknown, response: Response | undefined): ApiError {
  const status = response?.status ?? NETWORK_ERROR_STATUS;
  return new ApiError(status, isProblem(error) ? error : null);
}

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** Returns `data` or throws ApiError. Wrap openapi-fetch calls: `unwrap(await api.GET(...))`. */
export function unwrap<T>(result: FetchResult<T>): T {
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.error, result.response);
  return result.data as T;
}

export type WithEtag<T> = { data: T; etag: string | null };

/** Like unwrap, but keeps the ETag header for If-Match on later writes. */
export function unwrapWithEtag<T>(result: FetchResult<T>): WithEtag<T> {
  const data = unwrap(result);
  return { data, etag: result.response.headers.get('ETag') };
}

/** What a write needs of the record on screen: its id and the version the screen shows (sent as `If-Match`). */
export type Versioned = { id: string; version: number };

/** The ETag of a record version as the API sends it (`ETag: "3"`): list rows carry `version`, so a write from a
 * list sends the version the screen shows, never a fresh read (which would hide a concurrent change). */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** Wraps fetch failures (TypeError: Failed to fetch) into ApiError(0). */
export async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(NETWORK_ERROR_STATUS, null, t.common.networkError);
  }
}

/** `body.employments.0.rate` → `employments.0.rate`; query/path/header errors keep their prefix. */
export function fieldPath(field: string): string {
  return field.startsWith('body.') ? field.slice('body.'.length) : field;
}

/** Field errors of a problem as `{path: message}` (first message per field wins). */
export function problemFieldErrors(problem: Problem | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const path = fieldPath(e.field);
    if (!(path in out)) out[path] = e.message;
  }
  return out;
}

export type FormErrorTarget = {
  /** react-hook-form's setError (only the parts we use). */
  setError: (name: never, error: { type: string; message: string }) => void;
  /** Field paths that exist in the form; a path matches if it equals one of them or starts with `<it>.`. */
  fields: readonly string[];
};

/**
 * Puts server field errors next to their form fields. Returns the messages that did not
 * match any field (to show in an alert), e.g. `["Строка 42: …"]`.
 */
export function applyProblemToForm(error: unknown, target: FormErrorTarget): string[] {
  if (!(error instanceof ApiError)) return [t.common.unexpectedError];
  const fieldErrors = problemFieldErrors(error.problem);
  const unmatched: string[] = [];
  let matched = 0;
  for (const [path, message] of Object.entries(fieldErrors)) {
    const known = target.fields.some((f) => path === f || path.startsWith(`${f}.`));
    if (known) {
      (target.setError as (name: string, e: { type: string; message: string }) => void)(path, {
        type: 'server',
        message,
      });
      matched += 1;
    } else {
      unmatched.push(message);
    }
  }
  if (matched === 0 && unmatched.length === 0) unmatched.push(errorMessage(error));
  return unmatched;
}

/** Human-readable Russian message for any error thrown by the API layer. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === NETWORK_ERROR_STATUS) return error.message || t.common.networkError;
    const p = error.problem;
    if (!p) return error.message;
    if (p.detail && p.title && p.detail !== p.title) return `${p.title}. ${p.detail}`;
    return p.detail ?? p.title ?? t.common.unexpectedError;
  }
  return t.common.unexpectedError;
}

export function isStatus(error: unknown, status: number): boolean {
  return error instanceof ApiError && error.status === status;
}
