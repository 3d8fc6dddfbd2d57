// A throwaway PostgreSQL schema per benchmark run: its name, the URL it lives at, and how to drop it.
import pg from 'pg';

export const PG_URL = process.env.LANTERN_TEST_PG_URL ?? process.env.LANTERN_BENCH_PG_URL;

export interface BenchSchema {
  readonly url: string;
  readonly schema: string;
  readonly drop: () => Promise<void>;
}

export function newBenchSchema(): BenchSchema {
  if (!PG_URL) throw new Error('PostgreSQL benchmark needs LANTERN_TEST_PG_URL (e.g. postgres://lantern_test:lantern_test@127.0.0.1:5432/lantern_test)');
  const url = PG_URL;
  const schema = `lantern_bench_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const drop = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  };
  return { url, schema, drop };
}
