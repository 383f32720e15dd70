import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// only the parts drawn here, not the whole library
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type DurationBar = { key: string; label: string; response: number | null; completion: number | null };

/**
 * Response and completion medians (hours) as grouped horizontal bars. Hidden from assistive
 * technology: the table below it carries the same figures (WCAG 1.1.1).
 */
export function DurationChart({
  rows,
  names,
}: {
  rows: DurationBar[];
  names: { response: string; completion: string };
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) {
      return;
    }
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    const ordered = [...rows].reverse();
    chart.setOption({
      grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: ordered.map((row) => row.label), axisLabel: { fontSize: 13 } },
      series: [
        {
          name: names.response,
          type: 'bar',
          data: ordered.map((row) => row.response),
          itemStyle: { color: '#b7410e' },
          label: { show: true, position: 'right' },
          barMaxWidth: 18,
        },
        {
          name: names.completion,
          type: 'bar',
          data: ordered.map((row) => row.completion),
          itemStyle: { color: '#1d4ed8' },
          label: { show: true, position: 'right' },
          barMaxWidth: 18,
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [rows, names]);
  return <div ref={ref} aria-hidden style={{ height: Math.max(180, rows.length * 52 + 48), width: '100%' }} />;
}
