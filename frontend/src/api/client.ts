import createClient from 'openapi-fetch';
import type { paths } from './schema';

/**
 * Typed API client. Paths in the OpenAPI spec already start with /api, so the
 * base URL is the page origin (the Vite dev server proxies /api to FastAPI;
 * in production FastAPI serves dist/ itself).
 */
export const api = createClient<paths>({
  baseUrl: import.meta.env.VITE_API_BASE_URL ?? '',
  credentials: 'include',
});
