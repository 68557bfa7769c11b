import { useEffect, useState } from 'react';
import { onMenuCommand } from '../api/transport.ts';
import { api } from '../api/client.ts';
import { useNavigation } from '../app/navigation.ts';
import { useImport } from './importStore.ts';
import { exportJourney, sourceOfFile } from './fileTransfer.ts';
import { ImportDialog } from './ImportDialog.tsx';
import './exchange.css';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Journeys in and out of the app from anywhere: File → Import and Export from the menu, a .json file dropped
 * on the window, the browser's file input, and the dialog that reports on an import. Mounted once by App.
 */
export function ExchangeHost() {
  const [dragging, setDragging] = useState(false);

  useEffect(
    () =>
      onMenuCommand((command) => {
        if (command === 'import') void useImport.getState().chooseFile();
        if (command === 'export') void exportOpenJourney();
      }),
    [],
  );

  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      if (carriesFiles(event)) event.preventDefault(); // allows the drop
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      if (!/\.json$/i.test(file.name)) {
        useImport.getState().notice(`${file.name} is not a journey file: drop a .json file exported from Journey Studio.`);
        return;
      }
      void sourceOfFile(file).then((source) => useImport.getState().importFile(source));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <>
      <input
        ref={(input) => {
          useImport.setState({ fileInput: input });
        }}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        aria-label="Journey file to import"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void sourceOfFile(file).then((source) => useImport.getState().importFile(source));
        }}
      />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a journey file to import it
        </div>
      )}
      <ImportDialog />
    </>
  );
}

/** File → Export: the journey on screen; elsewhere, a word on where to find it. */
async function exportOpenJourney() {
  const { route } = useNavigation.getState();
  if (route.screen !== 'journey') {
    useImport.getState().notice('Open a journey to export it, or use Export beside a journey in the list. To save everything, use Backup.');
    return;
  }
  try {
    const journey = await api()['journeys.get']({ id: route.id });
    await exportJourney(journey.id, journey.name);
  } catch (error) {
    useImport.getState().notice(`The journey could not be exported: ${error instanceof Error ? error.message : String(error)}`);
  }
}
