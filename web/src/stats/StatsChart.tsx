// Cases over time for one unit (Chart.js, in its own chunk: loaded only when a chart is shown).
import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import type { DayStats } from './api';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

export default function StatsChart({ items }: { items: DayStats[] }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      data: {
        labels: items.map((d) => formatDate(d.date)),
        datasets: [
          { type: 'bar', label: t('stats.confirmedCommunity'), data: items.map((d) => d.confirmedCommunity), backgroundColor: '#c62828', stack: 'day', yAxisID: 'y' },
          { type: 'bar', label: t('stats.confirmedQuarantine'), data: items.map((d) => d.confirmedQuarantine), backgroundColor: '#ef9a9a', stack: 'day', yAxisID: 'y' },
          { type: 'line', label: t('stats.cumulativeConfirmed'), data: items.map((d) => d.cumulativeConfirmed), borderColor: '#0b5560', backgroundColor: '#0b5560', pointRadius: 0, yAxisID: 'y1' },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked: true, ticks: { maxTicksLimit: 8 } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: t('stats.perDay') } },
          y1: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: t('stats.cumulative') } },
        },
      },
    });
    return () => chart.destroy();
  }, [items, t]);
  return (
    <div className="stats-chart">
      <canvas ref={canvas} role="img" aria-label={t('stats.chartLabel')} />
    </div>
  );
}
