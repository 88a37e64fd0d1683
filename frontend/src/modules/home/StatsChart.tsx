/** Bar chart of the teacher counts (ECharts, tree-shaken; loaded lazily from the home page). */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type ChartBar = { label: string; value: number; color: string };

export default function StatsChart({ bars, ariaLabel }: { bars: ChartBar[]; ariaLabel: string }) {
  const option = {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: bars.map((b) => b.label),
      axisLabel: { interval: 0, width: 160, overflow: 'break', lineHeight: 16, fontFamily: 'Inter, sans-serif' },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily: 'Inter, sans-serif' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 56,
        data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color, borderRadius: [4, 4, 0, 0] } })),
        label: { show: true, position: 'top', fontFamily: 'Inter, sans-serif' },
      },
    ],
  };
  return (
    <div role="img" aria-label={ariaLabel} data-testid="stats-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300, width: '100%' }} notMerge lazyUpdate />
    </div>
  );
}
