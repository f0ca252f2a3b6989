// Change events of the map modules, published on the app's live-event bus (platform/events.ts)
// after the change committed. Every publication of these modules goes through here, so a change
// of the bus's API is adjusted in one place.
import type { AppContext } from '../../platform/context.js';
import { eventBusOf } from '../../platform/events.js';

export type ChangeType =
  | 'places.changed'
  | 'zones.changed'
  | 'stats.changed'
  | 'announcements.published'
  | 'announcements.changed';

export interface ChangeData {
  action: string;
  ids?: string[];
  /** units whose figures changed (stats) */
  units?: string[];
  dates?: string[];
}

export function publishChange(ctx: AppContext, type: ChangeType, data: ChangeData): void {
  eventBusOf(ctx).publish(type, data);
}
