import { detectTransport } from './api/transport.ts';
import { sendOpeningRequest } from './api/openingRequest.ts';

// main.tsx imports this module first, so it runs before the rest of the app's modules are evaluated: the journey
// the page opens on is on its way while React, the stores and the schemas are set up.
sendOpeningRequest(detectTransport(), window.location.hash);
