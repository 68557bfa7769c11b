import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from './menu.ts';

const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label ?? i.role ?? i.type);
const submenu = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label)!.submenu as MenuItemConstructorOptions[];

describe('the application menu', () => {
  const build = (isDev: boolean, sent: string[] = []) =>
    menuTemplate({ isMac: false, isDev, send: (c) => sent.push(c), openHelp: () => {} });

  it('has File, Edit, View and Help with the usual items', () => {
    const menu = build(false);
    expect(labels(menu)).toEqual(['File', 'Edit', 'View', 'help']);
    expect(labels(submenu(menu, 'File'))).toEqual(['New journey', 'separator', 'Import…', 'Export…', 'separator', 'Quit']);
    expect(labels(submenu(menu, 'Edit'))).toEqual(['Undo', 'Redo', 'separator', 'Cut', 'Copy', 'Paste', 'Select all']);
  });

  it('sends edit commands to the renderer, which owns undo history', () => {
    const sent: string[] = [];
    const edit = submenu(build(false, sent), 'Edit');
    for (const item of edit) (item.click as (() => void) | undefined)?.();
    expect(sent).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'select-all']);
  });

  it('offers developer tools in development only', () => {
    expect(labels(submenu(build(false), 'View'))).not.toContain('toggleDevTools');
    expect(labels(submenu(build(true), 'View'))).toContain('toggleDevTools');
  });
});
