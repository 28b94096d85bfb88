export { EmbeddedDirectory, type EmbeddedDirectoryOptions } from './adapter.js';
export { DirectoryService, type AccountPatch, type Sku } from './directory-service.js';
export { parseAccountsCsv, ACCOUNT_CSV_COLUMNS, type AccountCsvRow, type CsvProblem } from './accounts-csv.js';
export { importAccounts, type ImportSummary } from './account-import.js';
export { randomPassword, meetsPasswordPolicy, verifyPassword } from './passwords.js';
