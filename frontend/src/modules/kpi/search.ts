/** The KPI dashboard's address (period, scope, the selected indicator, the mode) and the scope of a calculation
 * decided from /auth/me (how far `kpi:read` reaches), never from role names. */
import { reachOf, type Me } from '../../auth/permissions';
import { parseAcademicYear } from '../../lib/periods';
import { compact, oneOf, str } from '../../lib/search';

export const KPI_MODES = ['approved', 'live'] as const;
export type KpiMode = (typeof KPI_MODES)[number];

export type KpiSearch = {
  period?: string;
  municipality_id?: string;
  organization_id?: string;
  indicator?: string;
  mode?: KpiMode;
};

export function parseKpiSearch(raw: Record<string, unknown>): KpiSearch {
  const indicator = str(raw.indicator);
  return compact({
    period: parseAcademicYear(raw.period),
    municipality_id: str(raw.municipality_id),
    organization_id: str(raw.organization_id),
    indicator: indicator && /^[A-Za-z0-9.\-_]{1,32}$/.test(indicator) ? indicator : undefined,
    mode: oneOf(raw.mode, KPI_MODES),
  });
}

export type Breakdown = 'none' | 'organization' | 'municipality';

export type KpiScope = {
  /** Exactly one of the three (the API's rule). */
  where: { organization_id?: string; municipality_id?: string; region_id?: string };
  /** The level below the scope for the breakdown (none for a school). */
  breakdown: Breakdown;
  /** The municipality the scope belongs to, when there is one (the snapshot, the set and the targets). */
  municipalityId?: string;
};

/** The region of a region-wide role (a role with a region and no municipality). */
export function regionOf(me: Me | null | undefined): string | undefined {
  return me?.roles.find((r) => r.region_id && !r.municipality_id && !r.organization_id)?.region_id ?? undefined;
}

/** What the reader may choose: a municipality (several or all), a school of the municipality. */
export function scopeChoices(me: Me | null | undefined) {
  const reach = reachOf(me, 'kpi:read');
  const municipalities = me?.municipality_ids ?? [];
  return {
    municipality: reach === 'all' || municipalities.length > 1,
    organization: reach === 'all' || reach === 'municipality' || (me?.organization_ids?.length ?? 0) > 1,
    region: regionOf(me),
  };
}

/**
 * The scope of the values: a school administrator — their school; a municipality's reader — the municipality with
 * a per-school breakdown (or one school picked); a region-wide reader — the region by municipality until one is
 * picked; the system administrator — the municipality picked (null until then).
 */
export function kpiScope(me: Me | null | undefined, search: KpiSearch): KpiScope | null {
  const reach = reachOf(me, 'kpi:read');
  if (!me || !reach) return null;
  const ownMunicipality = me.municipality_ids.length === 1 ? me.municipality_ids[0] : undefined;
  if (reach === 'organization' || reach === 'own') {
    const organization = search.organization_id ?? me.organization_ids?.[0];
    return organization ? { where: { organization_id: organization }, breakdown: 'none', municipalityId: ownMunicipality } : null;
  }
  const municipality = search.municipality_id ?? ownMunicipality;
  if (search.organization_id) {
    return { where: { organization_id: search.organization_id }, breakdown: 'none', municipalityId: municipality };
  }
  if (municipality) return { where: { municipality_id: municipality }, breakdown: 'organization', municipalityId: municipality };
  const region = regionOf(me);
  if (region) return { where: { region_id: region }, breakdown: 'municipality' };
  return null;
}
