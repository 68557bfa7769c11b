export * from './distributions.ts';
export * from './proportion.ts';
export * from './zTest.ts';
export * from './betaPosterior.ts';
export * from './sampleSize.ts';
export * from './abTest.ts';
export * from './sendTime.ts';
