import type { EntityRecordMap } from '../../model.js';
import type { RowReader } from '../../rules/row-reader.js';
import type { RunContext } from '../../run-context.js';

type Hierarchical = 'orgs' | 'sessions';

/**
 * Orgs and academic sessions may name a parent further down the same file, so parent references are checked
 * once the file is complete; both files are small, so buffering them is cheap. An unknown parent is a warning
 * and only the parent is dropped: dropping the org itself would cascade to every role and class in it.
 */
export class ParentCheck<E extends Hierarchical> {
  private readonly buffered: { record: EntityRecordMap[E]; line: number }[] = [];

  constructor(
    private readonly ctx: RunContext,
    private readonly entity: E,
    private readonly file: string,
    /** False in delta files: the parent may exist from an earlier load. */
    private readonly check: boolean,
  ) {}

  keep(r: RowReader, key: string, record: EntityRecordMap[E]): void {
    if (this.ctx.admit(r, this.entity, key, this.ctx.idsOf(this.entity))) this.buffered.push({ record, line: r.line });
  }

  end(): void {
    const seen = this.ctx.idsOf(this.entity);
    const what = this.entity === 'orgs' ? 'org' : 'academic session';
    for (const { record, line } of this.buffered) {
      const parent = record.parentSourcedId;
      if (this.check && parent !== undefined && !seen.has(parent)) {
        this.ctx.sink.add(
          this.file,
          line,
          record.sourcedId,
          'warning',
          'UNKNOWN_REFERENCE',
          'parentSourcedId',
          parent,
          `parentSourcedId ${parent} is not a known ${what} in ${this.file}; value dropped, record kept`,
        );
        record.parentSourcedId = undefined;
      }
      this.ctx.emitter.push(this.entity, record);
    }
    this.buffered.length = 0;
  }
}
