// The banner shown once this window's database is gone: why nothing can be saved any more, and the way out (reload).
import { DATABASE_REMOVED_MESSAGE, DATABASE_UPDATED_MESSAGE } from '../db/database-lost';
import { useDatabaseLossStore } from '../store/database-loss-store';
import './database-lost-banner.css';

export function DatabaseLostBanner() {
  const loss = useDatabaseLossStore((s) => s.loss);
  if (loss === null) return null;
  return (
    <div role="alert" className="database-lost">
      <p>{loss === 'updated' ? DATABASE_UPDATED_MESSAGE : DATABASE_REMOVED_MESSAGE}</p>
      <button type="button" className="primary" onClick={() => window.location.reload()}>Reload this window</button>
    </div>
  );
}
