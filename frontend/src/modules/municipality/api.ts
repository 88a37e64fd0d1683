/** Municipality settings: the record with its ETag and the save (If-Match). */
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrapWithEtag, type Versioned } from '../../api/errors';
import type { MunicipalityUpdate } from '../../api/types';

/** One municipality with its ETag (settings form, If-Match on save). */
export const municipalityQuery = (id: string) =>
  queryOptions({
    queryKey: ['municipalities', 'detail', id],
    queryFn: () =>
      guard(async () =>
        unwrapWithEtag(await api.GET('/api/v1/municipalities/{municipality_id}', { params: { path: { municipality_id: id } } })),
      ),
  });

export async function updateMunicipality(municipality: Versioned, body: MunicipalityUpdate) {
  return guard(async () =>
    unwrapWithEtag(
      await api.PATCH('/api/v1/municipalities/{municipality_id}', {
        params: { path: { municipality_id: municipality.id }, header: { 'If-Match': etagOf(municipality.version) } },
        body,
      }),
    ),
  );
}
