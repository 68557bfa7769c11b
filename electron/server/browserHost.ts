import { ApiError } from '../../shared/api/errors.ts';
import type { HostHandlers } from '../services/handlers.ts';

const unsupported = () => {
  throw new ApiError('unsupported', 'native file dialogs exist only in the desktop app; use the browser’s file picker');
};

/** Browser mode has no native dialogs: the renderer uses a file input and downloads instead. */
export const browserHostHandlers: HostHandlers = {
  'dialogs.openFile': unsupported,
  'dialogs.saveFile': unsupported,
};
