import { create } from 'zustand';
import type { ContactPick, ForecastJob } from '../../../shared/api/calls/simulation.ts';
import type { CountKey } from '../../../shared/simulation/forecast.ts';
import { api } from '../api/client.ts';
import { liveSeed } from '../../../shared/simulation/input.ts';

export interface ForecastState {
  days: number;
  sample: string;
  seed: number;
  compareLive: boolean;
  job: ForecastJob | null;
  error: string | null;
  behind: { nodeId: string; count: CountKey; which: 'result' | 'comparison'; total: number; contacts: ContactPick[] } | null;
  set(patch: Partial<Pick<ForecastState, 'days' | 'sample' | 'seed' | 'compareLive'>>): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  showContacts(which: 'result' | 'comparison', nodeId: string, count: CountKey): Promise<void>;
  stopPolling(): void;
}

const POLL_MS = 250;

/** One forecast view's settings, its running job (polled) and the contacts behind a chosen count. */
export function createForecastStore(journeyId: string) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return create<ForecastState>((set, get) => {
    const poll = async (jobId: string) => {
      try {
        const job = await api()['simulation.forecastStatus']({ jobId });
        if (get().job?.jobId !== jobId) return;
        set({ job });
        if (job.status === 'running') timer = setTimeout(() => void poll(jobId), POLL_MS);
      } catch (error) {
        set({ error: error instanceof Error ? error.message : String(error) });
      }
    };
    return {
      days: 30,
      sample: '',
      seed: liveSeed,
      compareLive: false,
      job: null,
      error: null,
      behind: null,
      set: (patch) => set(patch),
      async start() {
        const { days, sample, seed, compareLive } = get();
        get().stopPolling();
        set({ error: null, behind: null });
        try {
          const n = Number(sample);
          const { jobId } = await api()['simulation.forecastStart']({
            journeyId,
            days,
            seed,
            sample: sample.trim() && Number.isInteger(n) && n > 0 ? n : undefined,
            compareWith: compareLive ? 'live' : undefined,
          });
          set({ job: { jobId, status: 'running', done: 0, total: 0, result: null, comparison: null, error: null } });
          await poll(jobId);
        } catch (error) {
          set({ error: error instanceof Error ? error.message : String(error) });
        }
      },
      async cancel() {
        const job = get().job;
        if (!job) return;
        await api()['simulation.forecastCancel']({ jobId: job.jobId });
      },
      async showContacts(which, nodeId, count) {
        const job = get().job;
        if (!job) return;
        try {
          const page = await api()['simulation.forecastContacts']({ jobId: job.jobId, which, nodeId, count, limit: 100 });
          set({ behind: { nodeId, count, which, ...page } });
        } catch (error) {
          set({ error: error instanceof Error ? error.message : String(error) });
        }
      },
      stopPolling() {
        clearTimeout(timer);
      },
    };
  });
}
export type ForecastStore = ReturnType<typeof createForecastStore>;
