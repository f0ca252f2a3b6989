// What the colours and lines of the chain's graph and map mean.
import { useI18n } from '../i18n';
import { EDGE_STYLES, HOWS, LOOK_LABELS, NODE_COLOURS, NODE_LOOKS, VENUE_COLOUR } from './chainStyle';

export function ChainLegend({ venues = false }: { venues?: boolean }) {
  const { t } = useI18n();
  return (
    <ul className="chain-legend" aria-label={t('cases.chain.legend')}>
      {NODE_LOOKS.map((look) => (
        <li key={look}>
          <svg width="22" height="14" aria-hidden="true">
            <rect x="1" y="1" width="20" height="12" rx="3" fill={NODE_COLOURS[look].fill} stroke={NODE_COLOURS[look].stroke} strokeWidth="1.6" strokeDasharray={NODE_COLOURS[look].dash} />
          </svg>
          {t(LOOK_LABELS[look])}
        </li>
      ))}
      {HOWS.map((how) => (
        <li key={how}>
          <svg width="28" height="14" aria-hidden="true">
            <line x1="1" y1="7" x2="27" y2="7" stroke={EDGE_STYLES[how].colour} strokeWidth="2" strokeDasharray={EDGE_STYLES[how].dash} />
          </svg>
          {t(`cases.foundBy.${how}`)}
        </li>
      ))}
      {venues && (
        <li>
          <svg width="16" height="16" aria-hidden="true">
            <rect x="3" y="3" width="10" height="10" transform="rotate(45 8 8)" fill="#ffffff" stroke={VENUE_COLOUR} strokeWidth="2" />
          </svg>
          {t('cases.chainMap.venue')}
        </li>
      )}
    </ul>
  );
}
