import type { HelpRequestQuery } from '../../api/types';
import { compact, DEFAULT_LIMIT, int, oneOf, str, strList } from '../../lib/search';
import { parseAcademicYear } from '../../lib/periods';

export const QUEUES = ['all', 'new', 'mine', 'overdue'] as const;
export const STATES = ['new', 'in_progress', 'closed'] as const;
export type Queue = (typeof QUEUES)[number];
type State = (typeof STATES)[number];

/** What the help-requests list keeps in the URL. */
export type HelpSearch = {
  queue?: Queue;
  period?: string;
  organization_id?: string;
  state?: State[];
  topic?: string[];
  archived?: 'yes';
  offset?: number;
  limit?: number;
};

export function parseHelpSearch(raw: Record<string, unknown>): HelpSearch {
  const states = (strList(raw.state) ?? []).filter((v): v is State => (STATES as readonly string[]).includes(v));
  return compact({
    queue: oneOf(raw.queue, QUEUES),
    period: parseAcademicYear(raw.period),
    organization_id: str(raw.organization_id),
    state: states.length ? states : undefined,
    topic: strList(raw.topic),
    archived: oneOf(raw.archived, ['yes'] as const),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

export function toHelpQuery(s: HelpSearch): HelpRequestQuery {
  return compact({
    queue: s.queue && s.queue !== 'all' ? s.queue : undefined,
    period: s.period,
    organization_id: s.organization_id,
    state: s.state,
    topic_code: s.topic,
    include_archived: s.archived === 'yes' ? true : undefined,
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}
