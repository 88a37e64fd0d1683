import { useEffect } from 'react';
import { t } from '../i18n/messages';

/** The tab's title for the page on screen: «Педагоги — ММС» (history, bookmarks and screen readers use it). */
export function useDocumentTitle(title: string | null | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} — ${t.app.shortName}`;
  }, [title]);
}
