import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// jsdom measures nothing and has no ResizeObserver; React Flow only needs one to exist to mount its canvas.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

afterEach(() => cleanup());
