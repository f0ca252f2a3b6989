// Coverage of people 18 and over week by week (Chart.js, in its own chunk: loaded only when shown).
import { useEffect, useRef } from 'react';
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { MEASURES, type CoverageSeries } from './api';

Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

const COLOURS = { atLeastOne: '#7fb3b9', full: '#0b5560', booster: '#c77d00' } as const;

export default function CoverageChart({ series }: { series: CoverageSeries }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    // shares where there is a denominator, counts otherwise (a share is never invented)
    const shares = series.items.some((item) => item.groups.adults18.denominator.value !== null);
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels: series.items.map((item) => formatDate(item.date)),
        datasets: MEASURES.map((measure) => ({
          label: t(`vcov.measure.${measure}`),
          data: series.items.map((item) => {
            const value = item.groups.adults18[measure];
            return shares ? (value.share === null ? null : Math.round(value.share * 1000) / 10) : value.count;
          }),
          borderColor: COLOURS[measure],
          backgroundColor: COLOURS[measure],
          pointRadius: 2,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: { ticks: { maxTicksLimit: 8 } }, y: { beginAtZero: true, ...(shares ? { title: { display: true, text: t('vcov.percentAxis') } } : {}) } },
      },
    });
    return () => chart.destroy();
  }, [series, t]);
  return (
    <div className="vcov-chart">
      <canvas ref={canvas} role="img" aria-label={t('vcov.chartLabel')} />
    </div>
  );
}
