import { html, type SafeHtml } from '../html.js';
import { ADDITIONAL_ATTRIBUTES, AGE_GROUPS, type UserFlowView } from '../data/user-flow-form.js';
import { csrfField, flash } from './components.js';

export interface FlowFormView {
  action: string;
  cancel: string;
  csrf: string;
  values: UserFlowView;
  roleGroups: { id: string; displayName: string }[];
  /** Licence SKU part numbers the directory knows, as a hint. */
  knownSkus: string[];
  /** The validation message of a refused save. */
  error?: string;
}

const ATTRIBUTE_HELP: Record<string, string> = {
  userGradeLevel: 'Grade level (userGradeLevel): students’ grade, zero-padded.',
  userNumber: 'Student number (userNumber).',
};

/** The edit form of a userProvisioningFlow; it posts the whole flow and the server builds the Graph PATCH. */
export function userFlowForm(view: FlowFormView): SafeHtml {
  const v = view.values;
  const checked = (on: boolean) => (on ? html`checked` : '');
  return html`${view.error ? flash('error', html`<strong>Not saved.</strong> ${view.error}`) : ''}
    <form class="stack" method="post" action="${view.action}" id="flow-form">
      ${csrfField(view.csrf)}
      <div class="form-grid">
        <fieldset>
          <legend>Management</legend>
          <label class="check">
            <input type="checkbox" name="createUnmatchedUsers" ${checked(v.createUnmatchedUsers)} />
            <span
              >Create accounts for people no account matches
              <span class="hint"
                >createUnmatchedUsers. Needs a default password for every role group with a matching rule.</span
              ></span
            >
          </label>
          ${ADDITIONAL_ATTRIBUTES.map(
            (a) =>
              html`<label class="check">
                <input
                  type="checkbox"
                  name="additionalAttributes"
                  value="${a}"
                  ${checked(v.additionalAttributes.includes(a))}
                />
                <span>${ATTRIBUTE_HELP[a]}</span>
              </label>`,
          )}
          <div class="field">
            <label for="studentAgeGroup">Student age group</label>
            <select id="studentAgeGroup" name="studentAgeGroup">
              <option value="" ${v.studentAgeGroup === null ? html`selected` : ''}>Not set</option>
              ${AGE_GROUPS.map((g) => html`<option value="${g}" ${v.studentAgeGroup === g ? html`selected` : ''}>${g}</option>`)}
            </select>
            <p class="hint">studentAgeGroup: the ageGroup written to students’ accounts.</p>
          </div>
          <label class="check">
            <input type="checkbox" name="allowStudentContactAssociation" ${checked(v.allowStudentContactAssociation)} />
            <span>Associate students with their contacts <span class="hint">allowStudentContactAssociation</span></span>
          </label>
        </fieldset>
        ${view.roleGroups.map((g) => roleGroupFields(g, v, view.knownSkus))}
      </div>
      <div class="form-actions">
        <button type="submit">Save flow</button>
        <a class="button ghost" href="${view.cancel}">Cancel</a>
      </div>
    </form>`;
}

function roleGroupFields(group: { id: string; displayName: string }, v: UserFlowView, knownSkus: string[]): SafeHtml {
  const current = v.configurations.find((c) => c.roleGroupId === group.id);
  const id = (what: string) => `${what}-${group.id}`;
  return html`<fieldset>
    <legend>Role group: ${group.displayName}</legend>
    <div>
      <div class="field">
        <label for="${id('skus')}">Licence SKUs</label>
        <input
          type="text"
          id="${id('skus')}"
          name="skus.${group.id}"
          value="${(current?.licenseSkus ?? []).join(', ')}"
          aria-describedby="${id('skus-hint')}"
          autocomplete="off"
        />
        <p class="hint" id="${id('skus-hint')}">
          Part numbers or skuIds, separated by
          commas.${knownSkus.length ? html` The directory has: ${knownSkus.join(', ')}.` : ''}
        </p>
      </div>
      <div class="field">
        <label for="${id('password')}">Default password</label>
        <input
          type="password"
          id="${id('password')}"
          name="password.${group.id}"
          autocomplete="new-password"
          placeholder="${current?.hasPassword ? 'Unchanged (a password is set)' : 'Not set'}"
          aria-describedby="${id('password-hint')}"
        />
        <p class="hint" id="${id('password-hint')}">
          Write-only: it is never shown. Leave blank to keep the current one.
        </p>
      </div>
    </div>
    ${
      current
        ? html`<label class="check"
            ><input type="checkbox" name="remove.${group.id}" /><span
              >Remove this role group’s creation settings</span
            ></label
          >`
        : html`<p class="hint">No creation settings yet: give SKUs or a password to add them.</p>`
    }
  </fieldset>`;
}
