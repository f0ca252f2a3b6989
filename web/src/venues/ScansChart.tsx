// Scans and distinct people per day (Chart.js; this chunk loads only with the statistics screen).
import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import type { CheckinStats } from './api';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

export default function ScansChart({ days }: { days: CheckinStats['days'] }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      data: {
        labels: days.map((d) => formatDate(d.date).slice(0, 5)),
        datasets: [
          { type: 'bar', label: t('cstats.scans'), data: days.map((d) => d.scans), backgroundColor: '#0b5560' },
          { type: 'line', label: t('cstats.people'), data: days.map((d) => d.people), borderColor: '#d49b00', backgroundColor: '#d49b00', pointRadius: 2 },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: { ticks: { maxTicksLimit: 10 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [days, t]);
  return (
    <div className="stats-chart">
      <canvas ref={canvas} role="img" aria-label={t('cstats.chartLabel')} />
    </div>
  );
}
