import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** PostgreSQL for tests: 127.0.0.1:5432, database `test`, trust auth; override with ROSTERLINK_TEST_PG. */
export const PG_BASE = process.env.ROSTERLINK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The store variants every store-facing suite runs against. Set ROSTERLINK_TEST_PG=off to skip PostgreSQL. */
export interface StoreVariant {
  name: 'sqlite' | 'postgres';
  /** A fresh, isolated store URL. */
  url: () => string;
  cleanup: (url: string) => Promise<void>;
}

export function storeVariants(): StoreVariant[] {
  const variants: StoreVariant[] = [{ name: 'sqlite', url: () => 'sqlite::memory:', cleanup: async () => {} }];
  if (PG_BASE !== 'off') {
    variants.push({
      name: 'postgres',
      // A fresh schema per store keeps concurrent test runs isolated.
      url: () => `${PG_BASE}?schema=rl_test_${randomBytes(6).toString('hex')}`,
      cleanup: dropSchema,
    });
  }
  return variants;
}

export async function dropSchema(url: string): Promise<void> {
  const schema = new URL(url).searchParams.get('schema');
  if (!schema) return;
  const client = new pg.Client({ connectionString: PG_BASE });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
