import { randomUUID } from 'node:crypto';
import { graphNow } from '../lib/clock.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import type { SecretBox } from '../lib/secrets.js';
import { registry } from '../model/index.js';
import { bindKey, readBody, type PendingReference } from '../model/read-body.js';
import { DocumentRepository, UniqueViolationError, type StoredDocument } from '../store/repositories/documents.js';
import type { Store } from '../store/database.js';
import {
  FLOWS,
  FLOW_SETS,
  INBOUND_FLOWS,
  OPERATIONS,
  REFERENCE_DEFINITIONS,
  ROLE_GROUPS,
  SOURCE_SYSTEMS,
  type EntitySetDef,
} from './entity-sets.js';
import { seedDefaults } from './seed.js';
import { keepUnchangedPasswords } from './passwords.js';

export type Doc = StoredDocument<Record<string, unknown>>;

/**
 * The configuration side of the Industry Data API as a library: flow sets, provisioning flows, role groups,
 * reference definitions and source systems. The HTTP routes, the CLI's `run --setup` and the console all call it.
 */
export class ConfigurationService {
  readonly docs: DocumentRepository;

  constructor(
    readonly store: Store,
    private readonly box: SecretBox,
  ) {
    this.docs = new DocumentRepository(store.db);
  }

  async init(): Promise<void> {
    await seedDefaults(this.docs);
  }

  async list(def: EntitySetDef, parentId: string | null = null): Promise<Doc[]> {
    if (parentId !== null) await this.getFlowSet(parentId);
    const docs = await this.docs.list<Record<string, unknown>>(def.collection, parentId);
    // Reference data reads best grouped by type in its documented sort order; the rest in creation order.
    if (def === REFERENCE_DEFINITIONS) docs.sort(byTypeThenSortIndex);
    return docs;
  }

  async get(def: EntitySetDef, id: string, parentId: string | null = null): Promise<Doc> {
    if (parentId !== null) await this.getFlowSet(parentId);
    const doc =
      (await this.docs.get<Record<string, unknown>>(def.collection, id, parentId)) ??
      (isGuid(id)
        ? await this.docs.get<Record<string, unknown>>(def.collection, id.toLowerCase(), parentId)
        : undefined);
    if (!doc) throw notFound(def.what, id);
    return doc;
  }

  getFlowSet(id: string): Promise<Doc> {
    return this.get(FLOW_SETS, id);
  }

  /** Validates a Graph JSON body and stores a new entity; returns what was stored. */
  async create(def: EntitySetDef, body: unknown, parentId: string | null = null): Promise<Doc> {
    if (parentId !== null) await this.getFlowSet(parentId);
    const { type, value, references } = readBody(def.type, body, { registry, mode: 'create', seal: this.seal });
    await this.verifyReferences(references);
    const now = graphNow();
    const id = def === REFERENCE_DEFINITIONS ? referenceDefinitionId(value) : randomUUID();
    const data = this.initialData(def, id, value, now);
    const doc: Doc = {
      collection: def.collection,
      id,
      parentId,
      type: type.name,
      data,
      createdAt: now,
      modifiedAt: now,
    };
    try {
      await this.docs.insert(doc);
    } catch (err) {
      if (!(err instanceof UniqueViolationError)) throw err;
      if (def === FLOWS) {
        throw invalid(
          `The flow set '${parentId}' already has a ${shortType(type.name)}; a flow set holds at most one flow of each type.`,
        );
      }
      throw conflict(`A ${def.what} with id '${id}' already exists.`);
    }
    return doc;
  }

  /** PATCH: top-level properties merge; complex values are replaced whole. */
  async update(def: EntitySetDef, id: string, body: unknown, parentId: string | null = null): Promise<void> {
    const current = await this.get(def, id, parentId);
    if (def === ROLE_GROUPS || def === OPERATIONS) throw invalid(`${def.collection} are read-only.`);
    const currentType = registry.resolve(current.type);
    const { value, references } = readBody(def.type, body, { registry, mode: 'update', currentType, seal: this.seal });
    await this.verifyReferences(references);
    if (def === REFERENCE_DEFINITIONS) assertSameKey(current.data, value);
    if (def === FLOWS) keepUnchangedPasswords(current.data, value, this.box);
    const now = graphNow();
    const data = { ...current.data, ...value, lastModifiedDateTime: now };
    await this.docs.replace(def.collection, current.id, data, now);
  }

  async remove(def: EntitySetDef, id: string, parentId: string | null = null): Promise<void> {
    const current = await this.get(def, id, parentId);
    if (def === ROLE_GROUPS) throw invalid('Role groups are read-only.');
    if (def === REFERENCE_DEFINITIONS && current.data.source !== 'tenant') {
      throw invalid(
        `'${id}' is a default reference definition and cannot be deleted; set 'isDisabled' to true instead.`,
      );
    }
    await this.store.db.transaction().execute(async (trx) => {
      const docs = new DocumentRepository(trx);
      if (def === FLOW_SETS) await docs.deleteChildren(FLOWS.collection, current.id);
      await docs.delete(def.collection, current.id);
    });
  }

  /** `reset`: the next run reprocesses everything for this flow and its errors are cleared. */
  async resetFlow(setId: string, flowId: string): Promise<void> {
    const flow = await this.get(FLOWS, flowId, setId);
    const now = graphNow();
    await this.docs.replace(FLOWS.collection, flow.id, { ...flow.data, _resetRequestedDateTime: now }, flow.modifiedAt);
  }

  /** Role groups by id, for expanding `roleGroup` navigations. */
  async roleGroupsById(): Promise<Map<string, Doc>> {
    const groups = await this.docs.list<Record<string, unknown>>(ROLE_GROUPS.collection);
    return new Map(groups.map((g) => [g.id, g]));
  }

  /** Decrypts a sealed secret for the engine; never for a response. */
  revealSecret(sealed: string): string {
    return this.box.decrypt(sealed);
  }

  private readonly seal = (plain: string) => this.box.encrypt(plain);

  private initialData(def: EntitySetDef, id: string, value: Record<string, unknown>, now: string) {
    const data: Record<string, unknown> = { ...value, id };
    if (def === REFERENCE_DEFINITIONS) {
      return {
        isDisabled: false,
        sortIndex: 0,
        displayName: null,
        ...data,
        source: 'tenant',
        createdDateTime: now,
        lastModifiedDateTime: now,
      };
    }
    if (def === FLOWS) data.readinessStatus = 'notReady';
    // Inbound flows are created straight into `ready` (spec §6.2); the run checks their time window.
    if (def === INBOUND_FLOWS) data.readinessStatus = 'ready';
    if (def !== SOURCE_SYSTEMS) Object.assign(data, { createdDateTime: now, lastModifiedDateTime: now });
    return data;
  }

  private async verifyReferences(references: PendingReference[]): Promise<void> {
    if (references.length === 0) return;
    const definitions = references.some((r) => r.kind === 'code')
      ? await this.docs.list<Record<string, unknown>>(REFERENCE_DEFINITIONS.collection)
      : [];
    for (const ref of references) {
      if (ref.kind === 'bind') {
        const set = ref.nav.entitySet.slice(ref.nav.entitySet.lastIndexOf('/') + 1);
        const target = (await this.docs.get(set, ref.id)) ?? (await this.docs.get(set, ref.id.toLowerCase()));
        if (!target) throw invalid(`${ref.path}: the ${shortType(ref.nav.target().name)} '${ref.id}' does not exist.`);
        ref.holder[bindKey(ref.nav.name)] = target.id;
        continue;
      }
      const match = definitions.find(
        (d) =>
          d.data.referenceType === ref.referenceType && String(d.data.code).toLowerCase() === ref.code.toLowerCase(),
      );
      if (!match || match.data.isDisabled === true) {
        throw invalid(`${ref.path}: '${ref.code}' is not a known ${ref.referenceType} code.`);
      }
      ref.holder.code = match.data.code;
    }
  }
}

function referenceDefinitionId(value: Record<string, unknown>): string {
  const { referenceType, code } = value as { referenceType: string; code: string };
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(referenceType))
    throw invalid(`'referenceType' '${referenceType}' must be alphanumeric.`);
  if (!code || /[/'?#]/.test(code)) throw invalid(`'code' '${code}' must be non-empty and free of / ' ? #.`);
  return `${referenceType}-${code}`;
}

function assertSameKey(current: Record<string, unknown>, patch: Record<string, unknown>) {
  for (const key of ['referenceType', 'code'] as const) {
    if (patch[key] !== undefined && patch[key] !== current[key]) {
      throw invalid(`'${key}' is part of the key of a referenceDefinition and cannot be changed.`);
    }
  }
}

function byTypeThenSortIndex(a: Doc, b: Doc): number {
  const type = String(a.data.referenceType).localeCompare(String(b.data.referenceType));
  return type !== 0 ? type : Number(a.data.sortIndex) - Number(b.data.sortIndex);
}

const isGuid = (s: string) => /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(s);
const shortType = (name: string) => name.slice(name.lastIndexOf('.') + 1);
