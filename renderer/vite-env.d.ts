// Build-time constants injected by Vite (see electron.vite.config.ts).
/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_APP_VERSION?: string;
}
