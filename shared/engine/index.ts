export * from './types.ts';
export * from './advance.ts';
export * from './entry.ts';
export * from './engagement.ts';
export * from './explain.ts';
export * from './messageKey.ts';
export * from './time.ts';
