// Receiving tubes at the lab: each scanned barcode is marked received with who and when (a tube
// still open at the collection point is sealed on the way). Scanning a tube twice is normal at a
// busy bench: it is counted as a repeat and changes nothing. All barcodes or none.
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, type FieldErrors, validationFailed } from '../../platform/errors.js';
import { TESTING_LAB } from './permissions.js';
import { lockTubes, markReceived } from './results.repository.js';
import type { ReceiveResult } from './results.schema.js';

export async function receiveTubes(db: Database, actor: Actor, barcodes: readonly string[]): Promise<ReceiveResult> {
  requirePermission(actor, TESTING_LAB);
  return db.transaction(async (tx) => {
    const tubes = await lockTubes(tx, barcodes, actor.unitCode);
    const invalid: FieldErrors = {};
    const conflicts: FieldErrors = {};
    barcodes.forEach((barcode, i) => {
      const tube = tubes.get(barcode);
      if (!tube) invalid[`barcodes[${i}]`] = 'no such tube';
      else if (tube.status === 'planned' && tube.origin === 'resample') conflicts[`barcodes[${i}]`] = 'is a planned resample tube: its people have not been sampled again yet';
      else if (tube.sampled === 0) conflicts[`barcodes[${i}]`] = 'holds no samples';
    });
    if (Object.keys(invalid).length > 0) throw validationFailed(invalid);
    if (Object.keys(conflicts).length > 0) throw conflict(`nothing was received: ${Object.entries(conflicts).map(([f, r]) => `${f}: ${r}`).join('; ')}`, conflicts);

    const fresh = [...tubes.values()].filter((tube) => tube.received_at === null);
    const receivedAt = await markReceived(tx, fresh.map((tube) => tube.id), actor.userId);
    const counted = new Set<string>();
    const items = barcodes.map((barcode) => {
      const tube = tubes.get(barcode)!;
      const now = receivedAt.get(tube.id);
      const repeat = now === undefined || counted.has(barcode);
      counted.add(barcode);
      return { barcode, status: now ? 'received' as const : tube.status, receivedAt: (now ?? tube.received_at!).toISOString(), repeat };
    });
    const received = items.filter((item) => !item.repeat).length;
    if (received > 0) {
      await audit(tx, actor, { action: 'receive', entity: 'tube', detail: { tubes: fresh.map((tube) => tube.id), barcodes: fresh.map((tube) => tube.barcode), repeats: items.length - received } });
    }
    return { received, repeats: items.length - received, items };
  });
}
