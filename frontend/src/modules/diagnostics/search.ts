/** What the diagnostics lists keep in the page address (filters and paging; never a typed name). */
import { compact, int, oneOf, str } from '../../lib/search';

export const CAMPAIGN_STATES = ['scheduled', 'open', 'closed'] as const;
export const INSTRUMENT_KINDS = ['deficit', 'adaptation', 'topic_survey'] as const;
export const INSTRUMENT_STATUSES = ['draft', 'published'] as const;

export type PageSearch = { offset?: number };
export type CampaignSearch = { state?: (typeof CAMPAIGN_STATES)[number]; archived?: 'yes'; offset?: number };
export type InstrumentSearch = {
  kind?: (typeof INSTRUMENT_KINDS)[number];
  status?: (typeof INSTRUMENT_STATUSES)[number];
  archived?: 'yes';
  offset?: number;
};
export type ProfileSearch = { campaign?: string };

export const parsePageSearch = (raw: Record<string, unknown>): PageSearch => compact({ offset: int(raw.offset) });

export const parseCampaignSearch = (raw: Record<string, unknown>): CampaignSearch =>
  compact({ state: oneOf(raw.state, CAMPAIGN_STATES), archived: oneOf(raw.archived, ['yes'] as const), offset: int(raw.offset) });

export const parseInstrumentSearch = (raw: Record<string, unknown>): InstrumentSearch =>
  compact({
    kind: oneOf(raw.kind, INSTRUMENT_KINDS),
    status: oneOf(raw.status, INSTRUMENT_STATUSES),
    archived: oneOf(raw.archived, ['yes'] as const),
    offset: int(raw.offset),
  });

export const parseProfileSearch = (raw: Record<string, unknown>): ProfileSearch => compact({ campaign: str(raw.campaign) });
