import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { dictionaryQuery, type DictionaryKind } from '../api/queries';

/** A reference dictionary as Select options and a code → name lookup. */
export function useDictionary(kind: DictionaryKind, enabled = true) {
  const query = useQuery({ ...dictionaryQuery(kind), enabled });
  return useMemo(() => {
    const items = query.data ?? [];
    const names = new Map(items.map((i) => [i.code, i.name]));
    return {
      ...query,
      options: items.map((i) => ({ value: i.code, label: i.name })),
      name: (code: string | null | undefined) => (code ? (names.get(code) ?? code) : ''),
    };
  }, [query]);
}
