import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../test/helpers/workspace.ts';
import { stable, threeDays } from '../../../test/helpers/deliveryRun.ts';
import { sourcePreparationWorker } from './preparationThread.ts';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const done of cleanup.splice(0)) done();
  vi.restoreAllMocks();
});

describe('the delivery thread', () => {
  it('prepares exactly the emails the engine thread prepares: same recipients, content, headers and MIME bytes', async () => {
    const entry = sourcePreparationWorker();
    expect(entry).not.toBeNull();
    const inThisThread = await threeDays(null, cleanup);
    const onThread = await threeDays(entry, cleanup);
    expect(inThisThread.length).toBeGreaterThan(20);
    expect(onThread.map(stable)).toEqual(inThisThread.map(stable));
  }, 30_000);

  it('when the thread cannot start, the engine prepares the emails itself and sends every one of them', async () => {
    const inThisThread = await threeDays(null, cleanup);
    const dir = tempDir();
    cleanup.push(() => dir.remove());
    const broken = join(dir.path, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('this worker cannot start');\n");
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const withBrokenThread = await threeDays(broken, cleanup);
    expect(withBrokenThread.map(stable)).toEqual(inThisThread.map(stable));
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/the delivery thread stopped \(this worker cannot start\)/));
  }, 30_000);
});
