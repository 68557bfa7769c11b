import { useState } from 'react';
import { useImport } from './importStore.ts';
import { exportJourney } from './fileTransfer.ts';

/** Asks for a journey file and imports it (the dialog reports on it). */
export function ImportJourneyButton() {
  return (
    <button type="button" onClick={() => void useImport.getState().chooseFile()}>
      Import journey…
    </button>
  );
}

/** Saves one journey as a file: a native save dialog on the desktop, a download in the browser. */
export function ExportJourneyButton({ id, name }: { id: string; name: string }) {
  const [busy, setBusy] = useState(false);
  const onExport = async () => {
    setBusy(true);
    try {
      await exportJourney(id, name);
    } catch (error) {
      useImport.getState().notice(`“${name}” could not be exported: ${error instanceof Error ? error.message : String(error)}`);
    }
    setBusy(false);
  };
  return (
    <button type="button" aria-label={`Export ${name}`} onClick={() => void onExport()} disabled={busy}>
      Export
    </button>
  );
}
