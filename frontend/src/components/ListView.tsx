import type { ReactNode } from 'react';
import { Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { t } from '../i18n/messages';
import { ListFooter } from './ListFooter';
import { EmptyBlock, ErrorState, LoadingState } from './states';

export type PageOf<T> = { items: T[]; total: number; limit: number; offset: number };

type Props<T> = {
  query: UseQueryResult<PageOf<T>>;
  /** With filters set, an empty page says «Ничего не найдено» and how to widen the search. */
  filtered?: boolean;
  emptyTitle: string;
  onOffsetChange: (offset: number) => void;
  children: (items: T[]) => ReactNode;
};

/** Every paged list the same way: loading, error with retry, empty, rows with «Показаны 1–50 из N» and pages. */
export function ListView<T>({ query, filtered = false, emptyTitle, onOffsetChange, children }: Props<T>) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const page = query.data;
  if (page.items.length === 0) {
    return (
      <EmptyBlock
        title={filtered ? t.common.nothingFound : emptyTitle}
        description={filtered ? t.common.nothingFoundHint : undefined}
      />
    );
  }
  return (
    <Stack gap="sm" style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isFetching}>
      {children(page.items)}
      <ListFooter total={page.total} limit={page.limit} offset={page.offset} onOffsetChange={onOffsetChange} />
    </Stack>
  );
}
