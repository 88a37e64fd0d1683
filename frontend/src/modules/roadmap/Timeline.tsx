import { Box, Group, Text, VisuallyHidden } from '@mantine/core';
import { RouterAnchor } from '../../components/RouterLinks';
import { formatDate } from '../../lib/format';
import type { ProgrammeTimeline } from './api';
import { barLayout, monthLabel, statusHue, statusLabel, statusMark } from './logic';
import { t } from './messages';

const m = t.roadmap.timeline;
const MONTH_W = 56;
const STATUSES = ['planned', 'in_progress', 'done', 'overdue', 'cancelled'] as const;

/** A bar's colours: a light fill with dark text of the status's hue (readable), plus the status's mark and name. */
function barStyle(status: string) {
  const c = statusHue(status);
  return {
    background: `var(--mantine-color-${c}-1)`,
    color: 'var(--mantine-color-black)',
    border: `1px solid var(--mantine-color-${c}-7)`,
    borderStyle: status === 'cancelled' ? 'dashed' : 'solid',
  } as const;
}

/** The roadmap as a Gantt-like chart: months as columns, a bar per occurrence window, coloured by status with a
 * mark and the status in words; scrolls sideways inside its own box on a phone. */
export function Timeline({ data }: { data: ProgrammeTimeline }) {
  const months = data.months;
  const rows = data.rows;
  return (
    <Box>
      <Group gap="xs" mb="xs" aria-label={m.legend} role="group">
        {STATUSES.map((s) => (
          <Text key={s} size="xs" px={6} py={2} style={{ ...barStyle(s), borderRadius: 4 }}>
            {statusMark(s)} {statusLabel(s)}
          </Text>
        ))}
      </Group>
      <Box
        component="section"
        aria-label={m.label}
        tabIndex={0}
        data-testid="roadmap-timeline"
        style={{ position: 'relative', overflowX: 'auto', maxWidth: '100%', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
      >
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: `minmax(180px, 260px) repeat(${months.length}, ${MONTH_W}px)`,
            minWidth: 180 + months.length * MONTH_W,
            fontSize: 12,
          }}
        >
          <div style={{ gridColumn: 1, gridRow: 1, position: 'sticky', left: 0, background: 'var(--mantine-color-body)', padding: 4, fontWeight: 700, zIndex: 1 }}>
            {m.activity}
          </div>
          {months.map((month, i) => (
            <div key={month} style={{ gridColumn: i + 2, gridRow: 1, padding: 4, fontWeight: 700, borderLeft: '1px solid var(--mantine-color-gray-3)', textAlign: 'center' }}>
              {monthLabel(month)}
            </div>
          ))}
          {rows.map((row, r) => {
            const gridRow = r + 2;
            return [
              <div
                key={`${row.activity_id}-title`}
                data-testid="timeline-row"
                style={{
                  gridColumn: 1,
                  gridRow,
                  position: 'sticky',
                  left: 0,
                  background: 'var(--mantine-color-body)',
                  padding: 4,
                  borderTop: '1px solid var(--mantine-color-gray-2)',
                  zIndex: 1,
                }}
              >
                <RouterAnchor to="/roadmap/activities/$activityId" params={{ activityId: row.activity_id }} size="xs" lineClamp={2}>
                  {row.number} {row.title}
                </RouterAnchor>
                {row.needs_review ? <Text size="xs" c="red.9">{m.needsReview}</Text> : null}
              </div>,
              ...row.windows.map((w) => {
                const at = barLayout(months, w.starts_on, w.due_on);
                if (!at) return null;
                const text = m.window(statusLabel(w.status), formatDate(w.starts_on), formatDate(w.due_on));
                return (
                  <div
                    key={w.occurrence_id}
                    data-testid="timeline-bar"
                    data-status={w.status}
                    title={text}
                    style={{
                      gridColumn: `${at.start + 2} / span ${at.span}`,
                      gridRow,
                      margin: '4px 2px',
                      padding: '1px 4px',
                      borderRadius: 4,
                      overflow: 'hidden',
                      whiteSpace: 'nowrap',
                      textOverflow: 'ellipsis',
                      alignSelf: 'center',
                      ...barStyle(w.status),
                    }}
                  >
                    <span aria-hidden="true">
                      {statusMark(w.status)} {at.span > 1 ? statusLabel(w.status) : ''}
                    </span>
                    <VisuallyHidden>{text}</VisuallyHidden>
                  </div>
                );
              }),
            ];
          })}
        </div>
        {rows.every((row) => row.windows.length === 0) ? (
          <Text c="dimmed" p="sm">
            {m.empty}
          </Text>
        ) : null}
      </Box>
    </Box>
  );
}
