// The province's area for the staff maps (placing a point, drawing a zone): the levels document says
// where it is (provinceBbox: the extent of the imported boundaries, or the server's configured box),
// so the web app holds no box of its own. Fetched through openData.ts, which keeps it with its ETag.
import type { LevelsDoc } from './api';
import { MAP_DOCUMENTS } from './documents';
import { fetchOpen } from './openData';

export function fetchLevels(): Promise<LevelsDoc> {
  return fetchOpen<LevelsDoc>(MAP_DOCUMENTS.levels);
}
