/** KPI charts (ECharts, tree-shaken; loaded lazily): the trend over academic years (line) and the values per
 * school or municipality (horizontal bars). The figure has an aria-label; the same numbers are in a table beside. */
import { useMediaQuery } from '@mantine/hooks';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export type ChartPoint = { label: string; value: number | null; color?: string };

const font = { fontFamily: 'Inter, sans-serif' };

type Props = {
  kind: 'line' | 'bar';
  points: ChartPoint[];
  ariaLabel: string;
  /** «%» after the numbers of a share. */
  suffix?: string;
  target?: number | null;
  testId?: string;
};

export default function KpiChart({ kind, points, ariaLabel, suffix = '', target, testId }: Props) {
  const phone = useMediaQuery('(max-width: 40em)', false, { getInitialValueInEffect: false }) ?? false;
  const fmt = (v: number) => `${v.toLocaleString('ru-RU', { maximumFractionDigits: 1 })}${suffix}`;
  const markLine =
    target === null || target === undefined
      ? undefined
      : { silent: true, symbol: 'none', lineStyle: { color: '#2b8a3e', type: 'dashed' }, label: { ...font, formatter: () => fmt(target) }, data: [kind === 'line' ? { yAxis: target } : { xAxis: target }] };
  const option =
    kind === 'line'
      ? {
          grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
          tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : fmt(v)) },
          xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { ...font, interval: 0, rotate: phone ? 30 : 0 } },
          yAxis: { type: 'value', axisLabel: { ...font, formatter: (v: number) => fmt(v) } },
          series: [
            {
              type: 'line',
              data: points.map((p) => p.value),
              connectNulls: false,
              symbolSize: 8,
              lineStyle: { width: 3, color: '#1971c2' },
              itemStyle: { color: '#1971c2' },
              label: { show: true, position: 'top', ...font, formatter: (p: { value: number | null }) => (p.value === null ? '' : fmt(p.value)) },
              markLine,
            },
          ],
        }
      : {
          grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => (v === null ? '—' : fmt(v)) },
          // On a phone the value axis has no room for its labels: every bar carries its own number.
          xAxis: { type: 'value', axisLabel: { ...font, show: !phone, formatter: (v: number) => fmt(v) } },
          yAxis: {
            type: 'category',
            inverse: true,
            data: points.map((p) => p.label),
            axisLabel: { ...font, interval: 0, width: phone ? 110 : 200, overflow: 'truncate' },
          },
          series: [
            {
              type: 'bar',
              barMaxWidth: 22,
              data: points.map((p) => ({ value: p.value, itemStyle: { color: p.color ?? '#1971c2', borderRadius: [0, 4, 4, 0] } })),
              label: { show: true, position: 'right', ...font, formatter: (p: { value: number | null }) => (p.value === null ? '' : fmt(p.value)) },
              markLine,
            },
          ],
        };
  const height = kind === 'line' ? (phone ? 220 : 280) : Math.max(160, points.length * 28 + 40);
  return (
    <div role="img" aria-label={ariaLabel} data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height, width: '100%' }} notMerge lazyUpdate />
    </div>
  );
}
