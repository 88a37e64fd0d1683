/** Audit log reads. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { guard, unwrap } from '../../api/errors';
import type { AuditQuery } from '../../api/types';

export const auditListQuery = (query: AuditQuery) =>
  queryOptions({
    queryKey: ['audit', 'list', query],
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/audit-events', { params: { query } }))),
    placeholderData: keepPreviousData,
  });
