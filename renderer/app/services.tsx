// React context that hands the database, the repository and the host to the UI (created once at start-up).
import { createContext, useContext, type ReactNode } from 'react';
import { LanternDbProvider, type IncidentRepository, type LanternDb } from '../db';
import type { Host } from '../host/host';

export interface Services {
  db: LanternDb;
  incidents: IncidentRepository;
  host: Host;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return (
    <ServicesContext.Provider value={services}>
      <LanternDbProvider db={services.db}>{children}</LanternDbProvider>
    </ServicesContext.Provider>
  );
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside <ServicesProvider>');
  return services;
}
