import { describe, expect, it } from 'vitest';
import { heapLimitMarker, heapLimitSwitch, relaunchForHeapLimit } from './heapLimit.ts';

describe('the main process heap limit', () => {
  it('relaunches a packaged app once with the limit, keeping its arguments', () => {
    expect(relaunchForHeapLimit(['/opt/Journey Studio/journey-studio', '--db', '/tmp/w.db'], {})).toEqual(['--db', '/tmp/w.db', heapLimitSwitch]);
    expect(heapLimitSwitch).toBe('--js-flags=--max-old-space-size=1024');
  });

  it('never relaunches a process that has the limit, or that is already the relaunch', () => {
    expect(relaunchForHeapLimit(['/opt/app', heapLimitSwitch], {})).toBeUndefined();
    expect(relaunchForHeapLimit(['/opt/app', '--js-flags=--max-old-space-size=2048'], {})).toBeUndefined();
    expect(relaunchForHeapLimit(['/opt/app'], { [heapLimitMarker]: '1' })).toBeUndefined();
  });
});
