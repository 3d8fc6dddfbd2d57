// Start-up: open the local database, make sure this device has an identity, then render.
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { createIncidentRepository, ensureDevice, openLanternDb } from '../db';
import { pickHost } from '../host/pick-host';
import { App } from './app';
import { ServicesProvider } from './services';

export async function start(container: HTMLElement): Promise<void> {
  const db = openLanternDb();
  try {
    await ensureDevice(db);
  } catch (error) {
    container.textContent = `Lantern could not open its local database: ${error instanceof Error ? error.message : String(error)}. Close other Lantern windows and reload; if it persists, check free disk space.`;
    return;
  }
  const services = { db, incidents: createIncidentRepository(db), host: pickHost() };
  createRoot(container).render(
    <StrictMode>
      <ServicesProvider services={services}>
        <App />
      </ServicesProvider>
    </StrictMode>,
  );
}
