/**
 * The text typed into a list's search box. It stays out of the URL (the README promises only filters go there:
 * a teacher's name in a URL ends up in the browser history, server logs and shared links) and out of storage:
 * it lives in memory for this tab, survives going to a card and back, and is forgotten when the session ends.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { session } from '../api/client';

export type SearchList = 'teachers' | 'organizations' | 'users' | 'courses' | 'events' | 'eventSeries';

const texts = new Map<SearchList, string>();
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

export function getSearchText(list: SearchList): string | undefined {
  return texts.get(list);
}

export function setSearchText(list: SearchList, value: string | undefined): void {
  const text = value?.trim();
  if ((texts.get(list) ?? '') === (text ?? '')) return;
  if (text) texts.set(list, text);
  else texts.delete(list);
  notify();
}

export function clearSearchTexts(): void {
  if (texts.size === 0) return;
  texts.clear();
  notify();
}

// Another person may sign in next in this tab: nobody else's search survives the session.
session.onEnd(clearSearchTexts);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `[text, setText]` of a list's search box (undefined when empty). */
export function useSearchText(list: SearchList): [string | undefined, (value: string | undefined) => void] {
  const text = useSyncExternalStore(subscribe, () => texts.get(list));
  const set = useCallback((value: string | undefined) => setSearchText(list, value), [list]);
  return [text, set];
}
