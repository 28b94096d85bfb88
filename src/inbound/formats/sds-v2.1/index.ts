/** SDS v2.1 CSV reader (spec roster-formats §1). */
import { readCsv } from '../../csv.js';
import { guardRead } from '../../guard.js';
import type { HeaderPlan } from '../../header.js';
import { isBlank } from '../../peek.js';
import { IdSet, type RunContext } from '../../run-context.js';
import type { SourceFile } from '../../source.js';
import type { FileSpec, FormatReader, RowHandler } from '../types.js';
import { SDS_FILES, SDS_READ_ORDER } from './files.js';
import { sdsClasses, sdsCourses, sdsEnrollments, sdsOrgs, sdsSessions } from './org-mappers.js';
import { sdsDemographics, sdsRelationships, sdsRoles, sdsUserFlags, sdsUsers } from './person-mappers.js';

export { SDS_FILES } from './files.js';

export function sdsReader(ctx: RunContext): FormatReader {
  const contacts = new IdSet();
  const handlers: Record<string, (plan: HeaderPlan) => RowHandler> = {
    [SDS_FILES.orgs.name]: (p) => sdsOrgs(ctx, p),
    [SDS_FILES.academicSessions.name]: (p) => sdsSessions(ctx, p),
    [SDS_FILES.courses.name]: (p) => sdsCourses(ctx, p),
    [SDS_FILES.users.name]: (p) => sdsUsers(ctx, p, contacts),
    [SDS_FILES.roles.name]: (p) => sdsRoles(ctx, p),
    [SDS_FILES.classes.name]: (p) => sdsClasses(ctx, p),
    [SDS_FILES.enrollments.name]: (p) => sdsEnrollments(ctx, p),
    [SDS_FILES.demographics.name]: (p) => sdsDemographics(ctx, p),
    [SDS_FILES.userFlags.name]: (p) => sdsUserFlags(ctx, p),
    [SDS_FILES.relationships.name]: (p) => sdsRelationships(ctx, p),
  };
  return {
    format: 'sds-v2.1',
    files: SDS_READ_ORDER,
    otherFiles: new Set(),
    begin: (spec: FileSpec, plan: HeaderPlan) => handlers[spec.name](plan),
    async prepare(files) {
      const rel = files.get(SDS_FILES.relationships.name);
      if (rel !== undefined) await collectContacts(ctx, rel, contacts);
    },
  };
}

/**
 * Contacts are users that relationships.csv names as relationshipUserSourcedId; users.csv does not say so.
 * Reading that one column ahead lets users.csv rows carry `isContact` and the contact checks. The file is read
 * again, fully validated, in its turn.
 */
async function collectContacts(ctx: RunContext, file: SourceFile, contacts: IdSet): Promise<void> {
  let column = -2;
  await guardRead(file, ctx.sink, async () =>
    readCsv(
      await file.open(),
      {
        record(fields) {
          if (isBlank(fields)) return;
          if (column === -2) {
            column = fields.findIndex((f) => f.trim() === 'relationshipUserSourcedId');
            return column >= 0 ? undefined : false;
          }
          const id = (fields[column] ?? '').trim();
          if (id !== '') contacts.add(id);
        },
        malformed() {},
      },
      { maxRecordBytes: ctx.options.maxRecordBytes },
    ),
  );
}
