import type { Bench, BenchResult } from './harness.ts';
import { time } from './harness.ts';
import { tempWorkspace } from '../helpers/workspace.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { JourneyDocument } from '../../shared/journey/journey.ts';

/**
 * Journey files: export and import of the largest sample journey, and a workspace backup with 2,000 contacts
 * and their events. Each beside the least the same work could cost: serialising or parsing the same JSON
 * and writing the same row without the checks, or loading the same sample from scratch.
 */
const bench: Bench = {
  name: 'journey-files',
  async run() {
    const results: BenchResult[] = [];
    const ws = tempWorkspace();
    loadSample(ws.services.db, { contacts: 2000, seed: 1 });
    const rounds = 200;
    const per = (ms: number) => ms / rounds;

    const exportOurs = await time(async () => {
      for (let i = 0; i < rounds; i++) await ws.client['exchange.exportJourney']({ id: 'j_trial_drip' });
    });
    const exportRef = await time(() => {
      for (let i = 0; i < rounds; i++) JSON.stringify(ws.services.journeys.get('j_trial_drip'), null, 2);
    });
    results.push({ name: 'export j_trial_drip (23 steps, 10 templates)', unit: 'ms', ours: per(exportOurs.ms), reference: per(exportRef.ms), referenceName: 'read + JSON.stringify', ratio: exportOurs.ms / exportRef.ms, goal: '< 20 ms' });

    const text = (await ws.client['exchange.exportJourney']({ id: 'j_trial_drip' })).text;
    const importOurs = await time(async () => {
      for (let i = 0; i < rounds; i++) {
        const result = await ws.client['exchange.importJourney']({ file: { text }, onClash: 'replace' });
        if (result.outcome !== 'imported') throw new Error(result.outcome);
      }
    });
    const insert = ws.services.db.prepare('UPDATE journeys SET draft = ?, updated_at = ? WHERE id = ?');
    const importRef = await time(() => {
      for (let i = 0; i < rounds; i++) {
        const document = JourneyDocument.parse(JSON.parse(text));
        insert.run(JSON.stringify(document), Date.now(), 'j_trial_drip');
      }
    });
    results.push({ name: 'import j_trial_drip (replace)', unit: 'ms', ours: per(importOurs.ms), reference: per(importRef.ms), referenceName: 'JSON.parse + zod + UPDATE', ratio: importOurs.ms / importRef.ms, goal: '< 50 ms' });

    const backup = await time(() => ws.client['exchange.exportWorkspace']({ includeContacts: true, includeEvents: true }));
    const backupRef = await time(() => JSON.stringify([ws.services.db.prepare('SELECT * FROM contacts').all(), ws.services.db.prepare('SELECT * FROM events').all()]));
    results.push({
      name: `back up 2,000 contacts, ${backup.value.counts.events.toLocaleString('en-US')} events`,
      unit: 'ms',
      ours: backup.ms,
      reference: backupRef.ms,
      referenceName: 'SELECT * + JSON.stringify',
      ratio: backup.ms / backupRef.ms,
      extra: { mb: Number(((backup.value.text?.length ?? 0) / 1024 / 1024).toFixed(1)) },
    });

    const target = tempWorkspace();
    const restore = await time(() => target.client['exchange.restoreWorkspace']({ file: { text: backup.value.text! } }));
    const fresh = tempWorkspace();
    const sample = await time(() => loadSample(fresh.services.db, { contacts: 2000, seed: 1 }));
    results.push({ name: 'restore that backup into an empty workspace', unit: 'ms', ours: restore.ms, reference: sample.ms, referenceName: 'loadSample (same data)', ratio: restore.ms / sample.ms });
    for (const w of [ws, target, fresh]) w.close();
    return results;
  },
};

export default bench;
