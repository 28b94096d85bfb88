/**
 * Stable finding codes. Each one is documented (severity, meaning, example) in docs/validation-codes.md;
 * a unit test keeps the two in step. Never rename a code: reports and downstream filters key on them.
 */
export const FINDING_CODES = [
  // Catastrophic: the run stops (Learn "Validation rules and descriptions").
  'INVALID_SOURCE',
  'BAD_ARCHIVE',
  'FILE_IN_ZIP_AND_LOOSE',
  'UNSUPPORTED_FORMAT',
  'UNSUPPORTED_FILE',
  'MISSING_REQUIRED_FILE',
  'MISSING_REQUIRED_HEADER',
  'DUPLICATE_HEADER',
  'EMPTY_FILE',
  'INVALID_ENCODING',
  'MALFORMED_FILE',
  'RECORD_TOO_LARGE',
  'READ_ERROR',
  'OPERATION_CANCELLED',
  // File-level warnings.
  'UNKNOWN_HEADER',
  'EMPTY_HEADER',
  'HEADER_ORDER',
  'INVALID_MANIFEST_VALUE',
  'UNLISTED_FILE',
  'UNEXPECTED_DELTA_FIELD',
  'REFERENCED_FILE_ABSENT',
  // Record level.
  'MALFORMED_ROW',
  'FIELD_TOO_LARGE',
  'EMPTY_ROW',
  'LINE_BREAK_IN_VALUE',
  'MISSING_REQUIRED_VALUE',
  'DUPLICATE_ID',
  'UNKNOWN_REFERENCE',
  'INVALID_ENUM',
  'INVALID_GRADE',
  'INVALID_EMAIL',
  'INVALID_PHONE',
  'INVALID_DATE',
  'INVALID_BOOLEAN',
  'INCOMPLETE_CONTACT',
  'INVALID_AGENT',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];
