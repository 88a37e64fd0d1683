/** Small pieces shared by the diagnostics pages: the section nav, band badges, the profile's areas, loose links. */
import type { ReactNode } from 'react';
import { Badge, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { can, type Me } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { RouterButton } from '../../components/RouterLinks';
import { SectionNav } from '../../components/SectionNav';
import type { AreaResult } from './api';
import { bandColor, bandLabel, formatNumber } from './logic';
import { t } from './messages';

const d = t.diagnostics;

type Current = 'my' | 'campaigns' | 'instruments' | 'corporate' | 'compare';

/** A teacher answers; whoever reads the campaigns sees them; whoever writes, the instruments. */
export const seesCampaigns = (me: Me) => can(me, 'diagnostics:write') || can(me, 'diagnostics:monitor');
/** The results pages (corporate deficits, comparison) answer `diagnostics:monitor` only (their route guard). */
export const seesResultsPages = (me: Me) => can(me, 'diagnostics:monitor');
/** «Составить ИОМ»: for those who read individual results, may draft a route (the editor's guard) and are not a
 * teacher answering their own. */
export const buildsRoutes = (me: Me) => can(me, 'diagnostics:results') && can(me, 'routes:write') && !can(me, 'diagnostics:answer');

/** «Составить ИОМ» for one teacher's diagnostic: the route editor takes the assignment. */
export function BuildRouteButton({ assignmentId, name }: { assignmentId: string; name?: string | null }) {
  return (
    <RouterButton
      to="/individual-routes/new"
      search={{ assignment: assignmentId }}
      size="compact-sm"
      variant="light"
      aria-label={name ? d.buildRouteFor(name) : undefined}
    >
      {d.buildRoute}
    </RouterButton>
  );
}

export function DiagnosticsSectionNav({ current }: { current?: Current }) {
  const me = useMe();
  const variant = (page: Current) => (page === current ? 'light' : 'subtle');
  const aria = (page: Current) => (page === current ? ('page' as const) : undefined);
  const links: ReactNode[] = [];
  if (can(me, 'diagnostics:answer')) {
    links.push(
      <RouterButton key="my" to="/diagnostics/my" size="xs" variant={variant('my')} aria-current={aria('my')}>
        {d.tabs.my}
      </RouterButton>,
    );
  }
  if (seesCampaigns(me)) {
    links.push(
      <RouterButton key="campaigns" to="/diagnostics/campaigns" size="xs" variant={variant('campaigns')} aria-current={aria('campaigns')}>
        {d.tabs.campaigns}
      </RouterButton>,
    );
  }
  if (can(me, 'diagnostics:write')) {
    links.push(
      <RouterButton key="instruments" to="/diagnostics/instruments" size="xs" variant={variant('instruments')} aria-current={aria('instruments')}>
        {d.tabs.instruments}
      </RouterButton>,
    );
  }
  // Corporate deficits and the comparison (modules/diagnostics/results) are aggregated figures: `diagnostics:monitor`.
  if (seesResultsPages(me)) {
    links.push(
      <RouterButton key="corporate" to="/diagnostics/corporate" size="xs" variant={variant('corporate')} aria-current={aria('corporate')}>
        {d.tabs.corporate}
      </RouterButton>,
      <RouterButton key="compare" to="/diagnostics/compare" size="xs" variant={variant('compare')} aria-current={aria('compare')}>
        {d.tabs.compare}
      </RouterButton>,
    );
  }
  if (links.length < 2) return null;
  return <SectionNav label={d.sectionNav}>{links}</SectionNav>;
}

/** The band in colour AND words. */
export function BandBadge({ band, label }: { band: string; label?: string }) {
  return (
    <Badge color={bandColor(band)} variant="light" tt="none" miw="max-content" data-band={band}>
      {bandLabel(band, label)}
    </Badge>
  );
}

/** A profile's areas as cards (readable on a phone): name, score of max, a bar with the percentage, the band. */
export function ProfileAreas({ areas }: { areas: AreaResult[] }) {
  if (!areas.length) return <Text c="dimmed">{t.profile.noAreas}</Text>;
  return (
    <Stack gap="sm" data-testid="profile-areas">
      {areas.map((a) => {
        const percent = Number(a.percent);
        return (
          <Paper key={a.area_code} withBorder p="sm" radius="sm" component="section" aria-label={a.area_name || a.area_code} data-testid="profile-area">
            <Group justify="space-between" wrap="wrap" gap="xs" mb={6}>
              <Text fw={600}>{a.area_name || a.area_code}</Text>
              <BandBadge band={a.band} label={a.band_label} />
            </Group>
            <Progress value={Number.isFinite(percent) ? percent : 0} color={bandColor(a.band)} size="lg" aria-hidden="true" />
            <Group justify="space-between" mt={6} gap="xs">
              <Text size="sm">{t.profile.score(formatNumber(a.score), formatNumber(a.max_score))}</Text>
              <Text size="sm" fw={600}>
                {d.percent(Number.isFinite(percent) ? percent : 0)}
              </Text>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}

/** The areas of a profile in one table cell: each area's band in words and colour. */
export function AreaBands({ areas }: { areas: AreaResult[] }) {
  return (
    <Group gap={4} wrap="wrap">
      {areas.map((a) => (
        <Badge key={a.area_code} color={bandColor(a.band)} variant="light" tt="none" title={`${a.area_name}: ${d.percent(Number(a.percent))}`}>
          {`${a.area_name || a.area_code}: ${bandLabel(a.band, a.band_label).toLowerCase()}`}
        </Badge>
      ))}
    </Group>
  );
}
