// Live events (Server-Sent Events from GET /api/v1/events): payloads name what changed; we refetch it.
import { useEffect, useRef } from 'react';

export type LiveTopic = 'places' | 'zones' | 'levels' | 'stats' | 'announcements';

const TYPES: Record<string, LiveTopic> = {
  'places.changed': 'places',
  'zones.changed': 'zones',
  'levels.published': 'levels',
  'stats.changed': 'stats',
  'announcements.published': 'announcements',
  'announcements.changed': 'announcements',
};

/** Calls onChange(topic) for each event of the wanted topics while mounted; EventSource reconnects by itself. */
export function useLiveEvents(topics: readonly LiveTopic[], onChange: (topic: LiveTopic) => void): void {
  const handler = useRef(onChange);
  handler.current = onChange;
  const key = topics.join(',');
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const wanted = Object.entries(TYPES).filter(([, topic]) => key.split(',').includes(topic));
    const source = new EventSource(`/api/v1/events?types=${wanted.map(([type]) => type).join(',')}`);
    for (const [type, topic] of wanted) source.addEventListener(type, () => handler.current(topic));
    return () => source.close();
  }, [key]);
}
