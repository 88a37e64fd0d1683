/** Bar chart of the teacher counts (ECharts, tree-shaken; loaded lazily from the home page). */
import { useMediaQuery } from '@mantine/hooks';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type ChartBar = { label: string; value: number; color: string };

const font = { fontFamily: 'Inter, sans-serif' };

export default function StatsChart({ bars, ariaLabel }: { bars: ChartBar[]; ariaLabel: string }) {
  // On a phone the four long labels cannot stand side by side without overlapping: bars go horizontal,
  // each label on its own line at the left.
  const phone = useMediaQuery('(max-width: 40em)', false, { getInitialValueInEffect: false }) ?? false;
  const categories = {
    type: 'category',
    data: bars.map((b) => b.label),
    axisLabel: phone
      ? { ...font, interval: 0, width: 120, overflow: 'break', lineHeight: 14 }
      : { ...font, interval: 0, width: 160, overflow: 'break', lineHeight: 16 },
    ...(phone ? { inverse: true } : {}),
  };
  const values = { type: 'value', minInterval: 1, axisLabel: font };
  const option = {
    grid: { left: 8, right: phone ? 32 : 16, top: phone ? 8 : 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: phone ? values : categories,
    yAxis: phone ? categories : values,
    series: [
      {
        type: 'bar',
        barMaxWidth: phone ? 28 : 56,
        data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color, borderRadius: phone ? [0, 4, 4, 0] : [4, 4, 0, 0] } })),
        label: { show: true, position: phone ? 'right' : 'top', ...font },
      },
    ],
  };
  return (
    <div role="img" aria-label={ariaLabel} data-testid="stats-chart" data-layout={phone ? 'horizontal-bars' : 'columns'}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: phone ? 240 : 300, width: '100%' }} notMerge lazyUpdate />
    </div>
  );
}
