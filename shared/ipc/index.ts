// Public entry of the IPC contract for the renderer and main. (The preload imports ./channels directly to stay zod-free.)
export * from './channels';
export * from './contract';
export * from './bridge';
export * from './schemas/limits';
export * from './schemas/app';
export * from './schemas/shell';
export * from './schemas/secrets';
export * from './schemas/window';
export * from './schemas/hq-url';
export * from './schemas/sync';
export * from './schemas/replica';
export * from './schemas/notifications';
