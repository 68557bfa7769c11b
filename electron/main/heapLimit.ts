/**
 * The JS heap limit of the processes that run the engine: the desktop app's main process, browser mode's server
 * (`npm run serve`) and the CLI (its shebang, and `npm run cli`), which all use this figure. The engine works in bounded batches and its heap in use
 * stays far below this, but V8 lets a busy process's heap grow towards its default limit (a quarter of the machine's
 * memory) before collecting in earnest; on a marketer's laptop the main process must not sit on gigabytes.
 */
export const HEAP_LIMIT_MB = 1024;

/** Set in the environment of the relaunched process, so that it never relaunches again. */
export const heapLimitMarker = 'JOURNEY_STUDIO_HEAP_LIMIT';

/** The V8 flag, as Electron takes it on its command line for the main process (`--js-flags`). */
export const heapLimitSwitch = `--js-flags=--max-old-space-size=${HEAP_LIMIT_MB}`;

/**
 * The arguments to start the app again with so that its main process runs under the heap limit, or undefined when
 * it already does (started with the switch, or relaunched once already). Electron reads `--js-flags` for the main
 * process only at start, so a packaged app that was not given it starts itself once more with it.
 */
export function relaunchForHeapLimit(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] | undefined {
  if (env[heapLimitMarker] || argv.some((arg) => arg.includes('--max-old-space-size'))) return undefined;
  return [...argv.slice(1), heapLimitSwitch];
}
