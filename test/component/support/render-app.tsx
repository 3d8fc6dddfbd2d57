// Renders the real App against a fresh fake-IndexedDB database, as a user would meet it.
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/app';
import { ServicesProvider, type Services } from '../../../renderer/app/services';
import { createIncidentRepository, ensureDevice, openLanternDb } from '../../../renderer/db';
import { createBrowserHost } from '../../../renderer/host/browser-host';
import { useUiStore } from '../../../renderer/store/ui-store';

let counter = 0;

export async function renderApp() {
  counter += 1;
  const db = openLanternDb(`component-test-${Date.now()}-${counter}`);
  await ensureDevice(db);
  const services: Services = { db, incidents: createIncidentRepository(db), host: createBrowserHost() };
  useUiStore.setState({ pane: { kind: 'empty' } });
  const user = userEvent.setup();
  const view = render(
    <ServicesProvider services={services}>
      <App />
    </ServicesProvider>,
  );
  return { ...view, user, services, db };
}
