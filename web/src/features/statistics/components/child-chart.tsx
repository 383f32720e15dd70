import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// only the parts drawn here, not the whole library; the aria component writes the chart's
// description (title, series, every bar) into the container's aria-label
echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export type ChartRow = { code: string; name: string; value: number | null };

/**
 * Bars by child area. ECharts' `aria` describes the chart to screen readers; the sortable table
 * next to it carries the same numbers for everyone (WCAG 1.1.1, 1.3.1).
 */
export function ChildChart({ title, rows, unit }: { title: string; rows: ChartRow[]; unit: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) {
      return;
    }
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    const shown = rows.filter((row) => row.value !== null);
    chart.setOption({
      aria: { enabled: true, label: { enabled: true, description: undefined } },
      title: { show: false, text: title },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: shown.map((row) => row.name),
        axisLabel: { fontSize: 12, interval: 0, rotate: shown.length > 8 ? 40 : 0 },
      },
      yAxis: { type: 'value', name: unit, minInterval: unit === '%' ? 0 : 1 },
      series: [
        {
          name: title,
          type: 'bar',
          data: shown.map((row) => row.value),
          itemStyle: { color: '#1d4ed8' },
          label: { show: shown.length <= 20, position: 'top' },
          barMaxWidth: 32,
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [rows, title, unit]);
  return <div ref={ref} role="img" style={{ height: 280, width: '100%' }} />;
}
