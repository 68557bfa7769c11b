import { useEffect } from 'react';
import type { MenuCommand } from '../../../shared/api/contract.ts';
import { onMenuCommand } from '../api/transport.ts';
import { copySelection, cutSelection, deleteSelection, duplicateSelection, endNudge, nudgeSelection, pasteText, redo, selectAll, undo } from './commands.ts';
import { useNotice } from './notices.ts';

/** Text fields keep the browser's own undo, copy, paste and arrows. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(target.type);
}

const NUDGE = 10;

/** The editor's keyboard shortcuts, the system clipboard events and the desktop Edit menu. */
export function useEditorShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTextField(event.target) || event.defaultPrevented) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) redo();
        else undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        redo();
      } else if (mod && key === 'd') {
        event.preventDefault();
        void duplicateSelection();
      } else if (mod && key === 'a') {
        event.preventDefault();
        selectAll();
      } else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        event.preventDefault();
        deleteSelection();
      } else if (!mod && event.key.startsWith('Arrow')) {
        // A focused React Flow node moves itself with the arrows (through the same store); elsewhere we do it.
        if (event.target instanceof Element && event.target.closest('.react-flow__node')) return;
        const step = event.shiftKey ? NUDGE * 5 : NUDGE;
        const dx = event.key === 'ArrowLeft' ? -step : event.key === 'ArrowRight' ? step : 0;
        const dy = event.key === 'ArrowUp' ? -step : event.key === 'ArrowDown' ? step : 0;
        if (dx || dy) {
          event.preventDefault();
          nudgeSelection(dx, dy);
        }
      } else if (event.key === 'Escape') {
        useNotice.getState().dismiss();
      }
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key.startsWith('Arrow')) endNudge();
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isTextField(event.target) || hasTextSelection()) return;
      const text = event.type === 'cut' ? cutSelection() : copySelection();
      if (text === null) return;
      event.clipboardData?.setData('text/plain', text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTextField(event.target)) return;
      event.preventDefault();
      void pasteText(event.clipboardData?.getData('text/plain') ?? '');
    };
    const offMenu = onMenuCommand((command) => runMenuCommand(command));
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      offMenu();
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}

const hasTextSelection = () => (window.getSelection()?.toString() ?? '') !== '';

/**
 * The desktop Edit menu takes the accelerators before the page sees them, so it must do in a text field what
 * the browser would have done there, and act on the canvas otherwise.
 */
export function runMenuCommand(command: MenuCommand): void {
  const inText = isTextField(document.activeElement);
  switch (command) {
    case 'undo':
    case 'redo':
      if (inText) document.execCommand(command);
      else if (command === 'undo') undo();
      else redo();
      return;
    case 'copy':
    case 'cut':
      // Fires the copy/cut event above, which fills the system clipboard.
      document.execCommand(command);
      return;
    case 'paste':
      if (inText) document.execCommand('paste');
      else void navigator.clipboard.readText().then(pasteText, () => useNotice.getState().show('The clipboard could not be read.', 'error'));
      return;
    case 'select-all':
      if (inText) document.execCommand('selectAll');
      else selectAll();
      return;
    default:
      return;
  }
}
