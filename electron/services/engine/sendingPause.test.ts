import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { PAUSE_THRESHOLD, SendingPause } from './sendingPause.ts';

const MINUTE = 60_000;
const bin = resolve(import.meta.dirname, '../../../bin/journey-studio.js');
const refusal = (at: number, kind: 'policy' | 'our-fault' = 'policy') => ({ at, to: `r${at}@example.com`, kind, reply: '550 5.7.1 blocked using Spamhaus' });

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('the sending pause', () => {
  it('pauses at the fifth refusal within ten minutes, not for refusals spread wider', () => {
    const ws = tempWorkspace();
    close = ws.close;
    const pause = new SendingPause(ws.services.db);
    expect(PAUSE_THRESHOLD).toEqual({ refusals: 5, withinMs: 10 * MINUTE });
    // One every four minutes for half an hour: never more than three within ten.
    for (let i = 0; i < 8; i++) expect(pause.record(refusal(i * 4 * MINUTE))).toBeNull();
    expect(pause.current()).toBeNull();
    // Then three in two seconds: with those at 24 and 28 minutes, five within ten.
    const at = 31 * MINUTE;
    for (let i = 0; i < 2; i++) expect(pause.record(refusal(at + i * 1000))).toBeNull();
    const paused = pause.record(refusal(at + 2000, 'our-fault'));
    expect(paused).toMatchObject({ since: at + 2000 });
    expect(paused!.refusals.map((r) => r.at)).toEqual([24 * MINUTE, 28 * MINUTE, at, at + 1000, at + 2000]);
    expect(paused!.reason).toMatch(/^Sending is paused: 5 emails in 10 minutes were refused because the SMTP server would not take our own commands or login\. Check the sending settings/);
    // Another engine on the workspace (a new connection's reader) sees it.
    expect(new SendingPause(ws.services.db).current()).toEqual(paused);
  });

  it('resuming forgets the refusals before, so the next one alone does not pause again', () => {
    const ws = tempWorkspace();
    close = ws.close;
    const pause = new SendingPause(ws.services.db);
    for (let i = 0; i < 5; i++) pause.record(refusal(i));
    expect(pause.current()).not.toBeNull();
    pause.resume();
    expect(pause.current()).toBeNull();
    expect(pause.record(refusal(10))).toBeNull();
  });

  it('a pause record it cannot read still pauses', () => {
    const ws = tempWorkspace();
    close = ws.close;
    ws.services.db.prepare(`INSERT INTO settings (key, value) VALUES ('engine.sendingPaused', '{not json')`).run();
    expect(new SendingPause(ws.services.db).current()).toMatchObject({ reason: 'Sending is paused (the record of why could not be read).' });
  });
});

describe('journey-studio sending status | resume', () => {
  it('says why sending is paused, and resumes it', { timeout: 60_000 }, () => {
    const ws = tempWorkspace();
    close = ws.close;
    const pause = new SendingPause(ws.services.db);
    for (let i = 0; i < 5; i++) pause.record(refusal(Date.UTC(2026, 5, 1, 10) + i));
    const cli = (...args: string[]) => spawnSync(process.execPath, [bin, 'sending', ...args, '--db', ws.databasePath], { encoding: 'utf8' });
    const status = cli('status');
    expect(status.stdout).toMatch(/^Sending is paused: 5 emails in 10 minutes were refused by the receiving servers/);
    expect(status.stdout).toMatch(/^ {2}2026-06-01T10:00:00\.004Z {2}r1780308000004@example\.com: 550 5\.7\.1 blocked using Spamhaus$/m);
    expect(cli('resume').stdout).toBe('sending resumed\n');
    expect(pause.current()).toBeNull();
    expect(cli('status').stdout).toBe('sending\n');
  });
});
