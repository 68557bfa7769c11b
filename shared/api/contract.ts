import type { z } from 'zod';
import type { CallSpec } from './define.ts';
import { journeyCalls } from './calls/journeys.ts';
import { workspaceCalls } from './calls/workspace.ts';
import { templateCalls } from './calls/templates.ts';
import { dialogCalls } from './calls/dialogs.ts';
import { exchangeCalls } from './calls/exchange.ts';
import { contactCalls } from './calls/contacts.ts';
import { segmentCalls } from './calls/segments.ts';
import { simulationCalls } from './calls/simulation.ts';
import { resultsCalls } from './calls/results.ts';
import { engineCalls } from './calls/engine.ts';

/**
 * Every call the UI can make, declared once. The Electron main registers these on IPC, browser mode serves
 * them over HTTP, tests call the handlers directly, and the renderer's client is derived from this map.
 * Each domain declares its calls in calls/<domain>.ts and adds one line here.
 *
 * No call takes a path on the user's machine: a call that reads or writes a file takes the token of one the user
 * picked in the desktop app's native dialog (PickedFileToken, calls/dialogs.ts), and browser mode, which has no
 * dialogs, sends a file's content instead.
 */
export const contract = {
  ...journeyCalls,
  ...workspaceCalls,
  ...templateCalls,
  ...dialogCalls,
  ...exchangeCalls,
  ...contactCalls,
  ...segmentCalls,
  ...simulationCalls,
  ...resultsCalls,
  ...engineCalls,
} satisfies Record<string, CallSpec>;

export type Contract = typeof contract;
export type CallName = keyof Contract;
/** What a caller passes (defaults may be left out). */
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
/** What a handler receives, after parsing and defaults. */
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Contract[K]['output']>;

export const callNames = Object.keys(contract) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** IPC channel of a call; one per call, so the main process can refuse anything undeclared. */
export const channelOf = (name: CallName) => `api:${name}`;

/** Application-menu commands the main process forwards to the renderer. */
export const menuCommands = [
  'new-journey',
  'import',
  'export',
  'undo',
  'redo',
  'copy',
  'paste',
  'cut',
  'select-all',
] as const;
export type MenuCommand = (typeof menuCommands)[number];
export const menuChannel = 'menu:command';
/** Closing the window: the main process asks the renderer to save what is pending, and waits for the answer. */
export const closeChannels = { flush: 'window:flush-before-close', flushed: 'window:flushed' } as const;
