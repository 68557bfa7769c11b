import { describe, expect, it } from 'vitest';
import { liveCountsLine } from './liveCounts.ts';

const counts = { nodeId: 'n', now: 3, passed: 1200, branches: {}, sent: 1100, queued: 0, failed: 4, suppressed: 96, skipped: 0 };

describe('live counts on a step', () => {
  it('says who is here and who passed, and for an email what became of it', () => {
    expect(liveCountsLine(counts, false)).toBe(`3 here · ${(1200).toLocaleString()} passed`);
    expect(liveCountsLine(counts, true)).toBe(`3 here · ${(1200).toLocaleString()} passed · ${(1100).toLocaleString()} sent · 4 failed · 96 suppressed`);
    expect(liveCountsLine({ ...counts, failed: 0, suppressed: 0 }, true)).not.toMatch(/failed|suppressed/);
  });

  it('shows nothing before the engine has counted', () => {
    expect(liveCountsLine(undefined, true)).toBe('');
  });
});
