import type { Col, HeaderPlan } from '../../header.js';
import type { RecordStatus, RosterMode } from '../../model.js';
import type { RowReader } from '../../rules/row-reader.js';
import { RECORD_STATUSES } from '../../rules/value-lists.js';

export interface DeltaValues {
  status: RecordStatus | undefined;
  dateLastModified: string | undefined;
}

const NONE: DeltaValues = { status: undefined, dateLastModified: undefined };

/**
 * OneRoster status / dateLastModified (spec roster-formats §3.1). Delta: both required.
 * Bulk: they must be empty; values are reported (once per file and column, plus invalid values per row) and
 * ignored, so a bulk `tobedeleted` does not delete anything.
 */
export class DeltaColumns {
  private readonly status: Col;
  private readonly modified: Col;
  private readonly warned = new Set<string>();

  constructor(
    plan: HeaderPlan,
    private readonly mode: RosterMode,
  ) {
    this.status = plan.col('status');
    this.modified = plan.col('dateLastModified');
  }

  read(r: RowReader): DeltaValues {
    if (this.mode === 'delta') {
      return {
        status: r.reqEnum(this.status, RECORD_STATUSES) as RecordStatus,
        dateLastModified: r.reqDate(this.modified),
      };
    }
    if (this.status.i >= 0 && r.raw(this.status).trim() !== '') this.unexpected(r, this.status);
    if (this.modified.i >= 0 && r.raw(this.modified).trim() !== '') this.unexpected(r, this.modified);
    return NONE;
  }

  private unexpected(r: RowReader, c: Col): void {
    if (!this.warned.has(c.name)) {
      this.warned.add(c.name);
      r.warn(
        'UNEXPECTED_DELTA_FIELD',
        c.name,
        r.raw(c),
        `${c.name} has values in a bulk file (first at this line): bulk files must leave it empty; all values ignored`,
      );
    }
    // Still say which values are malformed: a non-ISO date is a defect of the export worth fixing.
    if (c === this.status) r.optEnum(c, RECORD_STATUSES);
    else r.optDate(c);
  }
}
