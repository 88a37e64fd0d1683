import { useSuspenseQuery } from '@tanstack/react-query';
import { meQuery } from '../api/queries';
import type { Me } from './permissions';

/** The signed-in principal; the app route's beforeLoad has already loaded it. */
export function useMe(): Me {
  return useSuspenseQuery(meQuery).data;
}
