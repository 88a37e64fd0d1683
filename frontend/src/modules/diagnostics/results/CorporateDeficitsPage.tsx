import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, SegmentedControl, Select, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../../api/errors';
import type { Me } from '../../../auth/permissions';
import { useMe } from '../../../auth/useMe';
import { ListView } from '../../../components/ListView';
import { PageHeader } from '../../../components/PageHeader';
import { RouterButton } from '../../../components/RouterLinks';
import { EmptyBlock, ErrorState, LoadingState } from '../../../components/states';
import { saveBlob } from '../../../lib/download';
import {
  campaignsQuery,
  corporateQuery,
  downloadReport,
  downloadResults,
  drillDownQuery,
  type AreaBands,
  type Band,
  type CorporateDeficits,
  type CorporateGroup,
  type GroupBy,
} from './api';
import { BAND_COLORS, bandParts, deficitShade, formatPercent } from './heatmap';
import { t } from './messages';

const c = t.results.corporate;
const GROUPS: GroupBy[] = ['organization', 'subject', 'position', 'municipality'];

/** A permission of diagnostics, as /auth/me lists them. */
export function holds(me: Me, permission: string): boolean {
  return (me.permissions as string[]).includes(permission);
}

type DrillTarget = { group: CorporateGroup; area: AreaBands; band: Band };

function DownloadButton({ label, download }: { label: string; download: () => Promise<{ blob: Blob; filename: string }> }) {
  const [loading, setLoading] = useState(false);
  return (
    <Button
      variant="default"
      loading={loading}
      onClick={() => {
        setLoading(true);
        download()
          .then(({ blob, filename }) => saveBlob(blob, filename))
          .catch((e: unknown) => notifications.show({ color: 'red', title: c.downloadFailed, message: errorMessage(e) }))
          .finally(() => setLoading(false));
      }}
    >
      {label}
    </Button>
  );
}

/** Corporate deficits of a campaign: a heatmap of the shares per area (bands in colour and words), suppressed
 * groups saying why, the drill-down to teachers for those entitled, the report and the results as files. */
export function CorporateDeficitsPage() {
  const me = useMe();
  const campaigns = useQuery(campaignsQuery);
  const [picked, setPicked] = useState<string | null>(null);
  const [groupBy, setGroupBy] = useState<GroupBy>('organization');
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const withResults = (campaigns.data ?? []).filter((x) => x.submitted > 0);
  const campaignId = picked ?? withResults[0]?.id ?? null;
  const data = useQuery(corporateQuery(campaignId, groupBy));

  if (campaigns.isPending) return <LoadingState />;
  if (campaigns.isError) return <ErrorState error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  return (
    <Stack>
      <PageHeader
        title={c.title}
        description={c.description}
        actions={
          campaignId ? (
            <>
              <DownloadButton label={c.report} download={() => downloadReport(campaignId)} />
              <DownloadButton label={c.results} download={() => downloadResults(campaignId)} />
              <RouterButton variant="subtle" to="/diagnostics/compare">
                {c.compare}
              </RouterButton>
            </>
          ) : null
        }
      />
      {withResults.length === 0 ? (
        <EmptyBlock title={c.noCampaigns} />
      ) : (
        <>
          <Card withBorder>
            <Group align="flex-end" wrap="wrap">
              <Select
                label={c.campaign}
                placeholder={c.campaignPick}
                data={withResults.map((x) => ({ value: x.id, label: `${x.title} (${x.opens_on.slice(0, 4)})` }))}
                value={campaignId}
                onChange={(v) => setPicked(v)}
                allowDeselect={false}
                w={420}
                maw="100%"
                data-testid="results-campaign"
              />
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {c.groupBy}
                </Text>
                <SegmentedControl
                  aria-label={c.groupBy}
                  value={groupBy}
                  onChange={(v) => setGroupBy(v as GroupBy)}
                  data={GROUPS.map((g) => ({ value: g, label: t.results.groupBy[g] }))}
                />
              </Stack>
            </Group>
          </Card>
          {data.isPending ? (
            <LoadingState />
          ) : data.isError ? (
            <ErrorState error={data.error} onRetry={() => void data.refetch()} />
          ) : (
            <Heatmap data={data.data} onDrill={holds(me, 'diagnostics:results') && data.data.drill_down ? setDrill : null} />
          )}
        </>
      )}
      <DrillDownModal campaignId={campaignId} groupBy={groupBy} target={drill} onClose={() => setDrill(null)} />
    </Stack>
  );
}

function Heatmap({ data, onDrill }: { data: CorporateDeficits; onDrill: ((x: DrillTarget) => void) | null }) {
  if (data.total.size === 0) return <EmptyBlock title={c.empty} description={c.emptyHint} />;
  const rows = [...data.groups, data.total];
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {c.legend} {onDrill ? c.drillHint : c.noDrill}
      </Text>
      <Text size="sm" data-testid="suppression-rule">
        {data.suppression_rule}
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table withTableBorder withColumnBorders verticalSpacing="xs" aria-label={c.tableLabel} data-testid="corporate-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{c.group}</Table.Th>
              <Table.Th>{c.size}</Table.Th>
              {data.areas.map((a) => (
                <Table.Th key={a.area_code}>{a.area_name}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((g) => {
              const isTotal = g === data.total;
              return (
                <Table.Tr key={isTotal ? '__total' : g.key} fw={isTotal ? 600 : undefined} data-testid={isTotal ? 'corporate-total' : 'corporate-row'}>
                  <Table.Td>{isTotal ? c.total : g.name}</Table.Td>
                  <Table.Td>{g.size ?? '—'}</Table.Td>
                  {g.suppressed ? (
                    <Table.Td colSpan={data.areas.length} data-testid="suppressed-cell">
                      <Text size="sm" c="dimmed" fs="italic">
                        {g.suppressed_reason}
                      </Text>
                    </Table.Td>
                  ) : (
                    g.areas.map((a) => (
                      <Table.Td key={a.area_code} style={{ background: deficitShade(a) }}>
                        <BandCell cell={a} onPick={onDrill && !isTotal ? (band) => onDrill({ group: g, area: a, band }) : null} />
                      </Table.Td>
                    ))
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function BandCell({ cell, onPick }: { cell: AreaBands; onPick: ((band: Band) => void) | null }) {
  const parts = bandParts(cell);
  if (!parts) return <Text size="sm">—</Text>;
  return (
    <Stack gap={2}>
      {parts.map((p) => {
        const badge = (
          <Badge
            color={BAND_COLORS[p.band]}
            variant={p.band === 'deficit' && p.count > 0 ? 'filled' : 'light'}
            radius="sm"
            tt="none"
            fw={500}
            styles={BADGE_STYLES}
          >
            {p.label}
          </Badge>
        );
        return onPick && p.count > 0 ? (
          <Tooltip key={p.band} label={t.results.bands[p.band]}>
            <UnstyledButton onClick={() => onPick(p.band)} aria-label={`${t.results.bands[p.band]}: ${p.count}, ${formatPercent(p.percent)}`}>
              {badge}
            </UnstyledButton>
          </Tooltip>
        ) : (
          <span key={p.band}>{badge}</span>
        );
      })}
    </Stack>
  );
}

const LIMIT = 25;
// The whole «дефицит: 2 (33,3 %)» on one or two lines, never cut with an ellipsis.
const BADGE_STYLES = { root: { height: 'auto', paddingBlock: 2 }, label: { whiteSpace: 'normal', overflow: 'visible' } } as const;

function DrillDownModal({
  campaignId,
  groupBy,
  target,
  onClose,
}: {
  campaignId: string | null;
  groupBy: GroupBy;
  target: DrillTarget | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={target !== null && campaignId !== null}
      onClose={onClose}
      size="xl"
      title={target ? c.openTeachers(t.results.bands[target.band], target.area.area_name, target.group.name) : t.results.drill.title}
      closeButtonProps={{ 'aria-label': t.common.close }}
    >
      {target && campaignId ? <DrillDownBody key={`${target.group.key}:${target.area.area_code}:${target.band}`} campaignId={campaignId} groupBy={groupBy} target={target} /> : null}
    </Modal>
  );
}

function DrillDownBody({ campaignId, groupBy, target }: { campaignId: string; groupBy: GroupBy; target: DrillTarget }) {
  const d = t.results.drill;
  const [offset, setOffset] = useState(0);
  const list = useQuery(
    drillDownQuery({
      campaign_id: campaignId,
      group_by: groupBy,
      group: target.group.key,
      area: target.area.area_code,
      band: target.band,
      limit: LIMIT,
      offset,
    }),
  );
  return (
    <ListView query={list} emptyTitle={d.empty} onOffsetChange={setOffset}>
      {(items) => (
        <Table.ScrollContainer minWidth={480}>
          <Table striped verticalSpacing="xs" data-testid="drilldown-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{d.name}</Table.Th>
                <Table.Th>{d.organization}</Table.Th>
                <Table.Th>{d.percent}</Table.Th>
                <Table.Th>{d.band}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((x) => (
                <Table.Tr key={x.teacher_id}>
                  <Table.Td>{x.teacher_name}</Table.Td>
                  <Table.Td>{x.organization_name ?? '—'}</Table.Td>
                  <Table.Td>{formatPercent(x.percent)}</Table.Td>
                  <Table.Td>
                    <Badge color={BAND_COLORS[x.band as Band]} variant="light" tt="none">
                      {x.band_label}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </ListView>
  );
}
