import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORPHANED_PART_AGE_MS, removeOrphanedParts } from '../../../../scripts/local-cloud/s3/atomicPut';

/** A part file last written `ageMs` before `now`. */
function part(folder: string, name: string, now: number, ageMs: number): void {
  const path = join(folder, name);
  writeFileSync(path, 'partial body');
  const seconds = (now - ageMs) / 1000;
  utimesSync(path, seconds, seconds);
}

describe('removeOrphanedParts', () => {
  it('removes the parts no live PutObject can be writing and keeps the recent ones', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'incoming-'));
    const now = Date.now();
    part(folder, 'cut-by-a-kill', now, ORPHANED_PART_AGE_MS + 60_000);
    part(folder, 'being-written', now, 5_000);
    part(folder, 'just-inside', now, ORPHANED_PART_AGE_MS - 60_000);

    const removed = await removeOrphanedParts(folder, now);

    expect(removed).toEqual(['cut-by-a-kill']);
    expect(readdirSync(folder).sort()).toEqual(['being-written', 'just-inside']);
  });

  it('accepts a data folder that has never received a body', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'incoming-')), 'absent');

    await expect(removeOrphanedParts(missing)).resolves.toEqual([]);
  });
});
