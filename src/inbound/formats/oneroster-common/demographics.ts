import type { HeaderPlan } from '../../header.js';
import type { DemographicRecord, RosterMode } from '../../model.js';
import type { RowReader } from '../../rules/row-reader.js';
import { RACE_CODES, SEXES } from '../../rules/value-lists.js';
import type { RunContext } from '../../run-context.js';
import type { RowHandler } from '../types.js';
import { DeltaColumns } from './delta.js';

const RACES = [
  'americanIndianOrAlaskaNative',
  'asian',
  'blackOrAfricanAmerican',
  'nativeHawaiianOrOtherPacificIslander',
  'white',
  'demographicRaceTwoOrMoreRaces',
] as const;

/** OneRoster demographics.csv: `sourcedId` is the user; race/ethnicity booleans become SDS-style code lists. */
export function orDemographics(ctx: RunContext, plan: HeaderPlan, mode: RosterMode): RowHandler {
  const c = plan.cols(
    'sourcedId',
    'birthDate',
    'sex',
    'hispanicOrLatinoEthnicity',
    'countryOfBirthCode',
    'stateOfBirthAbbreviation',
    'cityOfBirth',
  );
  const races = RACES.map((name) => ({ col: plan.col(name), code: RACE_CODES.match(name) ?? name }));
  const delta = new DeltaColumns(plan, mode);
  const seen = ctx.idsOf('demographics');
  const raceCodes = (r: RowReader): string[] | undefined => {
    const out = races.filter((x) => r.optBool(x.col) === true).map((x) => x.code);
    return out.length === 0 ? undefined : out;
  };
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const d = delta.read(r);
      const record: DemographicRecord = {
        status: d.status,
        dateLastModified: d.dateLastModified,
        userSourcedId: ctx.ref(r, c.sourcedId, sourcedId, 'persons') ?? '',
        sex: r.optEnum(c.sex, SEXES),
        birthDate: r.optDate(c.birthDate),
        birthCity: r.optText(c.cityOfBirth),
        birthState: r.optText(c.stateOfBirthAbbreviation),
        birthCountry: r.optText(c.countryOfBirthCode),
        ethnicityCodes: r.optBool(c.hispanicOrLatinoEthnicity) === true ? ['hispanicOrLatinoEthnicity'] : undefined,
        raceCodes: raceCodes(r),
      };
      ctx.accept(r, 'demographics', sourcedId, seen, record);
    },
  };
}
