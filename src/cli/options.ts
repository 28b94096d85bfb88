import { Option } from 'commander';
import { DEFAULT_DB_URL } from '../store/database.js';
import { UsageError } from './main.js';

export const dbOption = () =>
  new Option('--db <url>', 'store: sqlite:<path>, sqlite::memory: or postgres://...').default(
    process.env.ROSTERLINK_DB ?? DEFAULT_DB_URL,
  );

export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port '${value}' must be 0-65535`);
  return n;
}
