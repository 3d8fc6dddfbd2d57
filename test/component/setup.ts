// Component test setup: an in-memory IndexedDB, jest-dom matchers, and a clean DOM after each test.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
