import { randomUUID } from 'node:crypto';
import { graphNow } from '../../lib/clock.js';
import type { Store } from '../../store/database.js';
import { UniqueViolationError } from '../../store/repositories/documents.js';
import type { SkuRow } from '../../store/repositories/directory-licenses.js';
import { SeatsExhaustedError } from '../../store/repositories/directory-licenses.js';
import {
  deleteUserReleasingSeats,
  type UserListQuery,
  type UserRow,
  type UserUpdate,
  type UserWhere,
} from '../../store/repositories/directory-users.js';
import { DirectoryError, directoryErrors } from '../errors.js';
import type { DirectoryAccount, ManagedAttributes, NewAccount } from '../types.js';
import { EmbeddedDirectory, type EmbeddedDirectoryOptions } from './adapter.js';
import { checkAttributes, isValidUpn, managedOnly, toColumns } from './mapping.js';
import { hashPassword, meetsPasswordPolicy } from './passwords.js';

/** A PATCH of an account: managed attributes plus the two things only an administrator changes. */
export type AccountPatch = Partial<ManagedAttributes> & {
  userPrincipalName?: string;
  passwordProfile?: { password: string; forceChangePasswordNextSignIn?: boolean };
};

export interface Sku {
  skuId: string;
  skuPartNumber: string;
  enabledUnits: number;
  consumedUnits: number;
}

/**
 * The embedded directory as a library for the /v1.0 routes and the CLI: the adapter's batch operations plus
 * the single-account administration a directory needs (list, get, patch, delete, licences, SKUs).
 * Failures are `DirectoryError`s with Entra's wording.
 */
export class DirectoryService {
  readonly directory: EmbeddedDirectory;

  constructor(store: Store, options: EmbeddedDirectoryOptions = {}) {
    this.directory = new EmbeddedDirectory(store, options);
  }

  private get users() {
    return this.directory.users;
  }

  async list(query: UserListQuery & { count?: boolean }): Promise<{ accounts: DirectoryAccount[]; total?: number }> {
    const accounts = await this.directory.accountsOf(await this.users.list(query));
    return query.count ? { accounts, total: await this.users.count(query.where) } : { accounts };
  }

  count(where?: UserWhere): Promise<number> {
    return this.users.count(where);
  }

  /** By object id or userPrincipalName (anything with an `@`), as Graph's `/users/{id | userPrincipalName}`. */
  async get(idOrUpn: string): Promise<DirectoryAccount> {
    const [account] = await this.directory.accountsOf([await this.row(idOrUpn)]);
    return account;
  }

  async create(input: NewAccount): Promise<DirectoryAccount> {
    const [result] = await this.directory.createAccounts([input]);
    if (!result.ok) throw result.error;
    return result.value;
  }

  async update(idOrUpn: string, patch: AccountPatch): Promise<void> {
    const row = await this.row(idOrUpn);
    const managed = managedOnly(patch);
    const problem = checkAttributes(managed);
    if (problem) throw problem;
    const columns: UserUpdate = toColumns(managed);
    if (patch.userPrincipalName !== undefined) {
      if (!isValidUpn(patch.userPrincipalName)) throw directoryErrors.invalidProperty('userPrincipalName');
      [columns.upn, columns.upn_lower] = [patch.userPrincipalName, patch.userPrincipalName.toLowerCase()];
    }
    if (patch.passwordProfile !== undefined) {
      if (!meetsPasswordPolicy(patch.passwordProfile.password)) throw directoryErrors.passwordPolicy();
      columns.password_hash = await hashPassword(patch.passwordProfile.password);
      columns.force_change_password = patch.passwordProfile.forceChangePasswordNextSignIn === false ? 0 : 1;
    }
    if (Object.keys(columns).length === 0) return;
    try {
      await this.users.update(row.id, { ...columns, modified_at: graphNow() });
    } catch (err) {
      if (err instanceof UniqueViolationError) throw directoryErrors.upnConflict();
      throw err;
    }
  }

  async delete(idOrUpn: string): Promise<void> {
    const row = await this.row(idOrUpn);
    if (!(await deleteUserReleasingSeats(this.directory.store.db, row.id))) throw directoryErrors.notFound(idOrUpn);
  }

  /** Graph's assignLicense: adds and removes SKUs (named by skuId or skuPartNumber) in one all-or-nothing step. */
  async assignLicense(idOrUpn: string, add: string[], remove: string[]): Promise<DirectoryAccount> {
    const row = await this.row(idOrUpn);
    const skus = await this.directory.licenses.resolveSkus([...add, ...remove]);
    const unknown = [...add, ...remove].find((ref) => !skus.has(ref));
    if (unknown !== undefined) throw directoryErrors.unknownSku(unknown);
    if (add.length > 0 && !row.usage_location) throw directoryErrors.noUsageLocation();
    const held = new Set((await this.users.licensesOf([row.id])).get(row.id) ?? []);
    const removeIds = remove.map((ref) => skus.get(ref)!.sku_id);
    if (removeIds.some((id) => !held.has(id))) {
      throw new DirectoryError('InvalidConfig', 'User does not have a corresponding license.');
    }
    try {
      const addIds = add.map((ref) => skus.get(ref)!.sku_id);
      await this.directory.licenses.change(row.id, { add: addIds, remove: removeIds }, graphNow());
    } catch (err) {
      if (err instanceof SeatsExhaustedError) throw directoryErrors.seatsExhausted(err.skuId);
      throw err;
    }
    return this.get(row.id);
  }

  async subscribedSkus(): Promise<Sku[]> {
    return (await this.directory.licenses.listSkus()).map(toSku);
  }

  /**
   * Adds a licence SKU with `seats` enabled units; naming an existing part number sets its seats instead.
   * `skuId` defaults to a new GUID; a different id for an existing part number is a `Conflict`.
   */
  async addSku(opts: { skuPartNumber: string; seats: number; skuId?: string }): Promise<Sku> {
    const skuId = opts.skuId?.toLowerCase();
    if (skuId !== undefined && !GUID.test(skuId))
      throw new DirectoryError('InvalidConfig', `skuId '${opts.skuId}' is not a GUID.`);
    if (!Number.isSafeInteger(opts.seats) || opts.seats < 0)
      throw new DirectoryError('InvalidConfig', `seats must be a non-negative integer, not ${opts.seats}.`);
    if (!/^\S{1,128}$/.test(opts.skuPartNumber))
      throw new DirectoryError(
        'InvalidConfig',
        `skuPartNumber '${opts.skuPartNumber}' must be 1-128 characters without spaces.`,
      );
    const existing = (await this.directory.licenses.resolveSkus([opts.skuPartNumber])).get(opts.skuPartNumber);
    if (existing) {
      if (skuId !== undefined && skuId !== existing.sku_id) {
        throw new DirectoryError(
          'Conflict',
          `SKU '${opts.skuPartNumber}' already exists with skuId ${existing.sku_id}.`,
        );
      }
      await this.directory.licenses.setSeats(existing.sku_id, opts.seats);
      return toSku({ ...existing, enabled_units: opts.seats });
    }
    const row: SkuRow = {
      sku_id: skuId ?? randomUUID(),
      sku_part_number: opts.skuPartNumber,
      enabled_units: opts.seats,
      consumed_units: 0,
      created_at: graphNow(),
    };
    try {
      await this.directory.licenses.insertSku(row);
    } catch (err) {
      if (err instanceof UniqueViolationError) throw new DirectoryError('Conflict', `skuId ${row.sku_id} is taken.`);
      throw err;
    }
    return toSku(row);
  }

  private async row(idOrUpn: string): Promise<UserRow> {
    const column = idOrUpn.includes('@') ? 'upn_lower' : 'id';
    const [row] = await this.users.findBy(column, [idOrUpn.toLowerCase()]);
    if (!row) throw directoryErrors.notFound(idOrUpn);
    return row;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function toSku(row: SkuRow): Sku {
  return {
    skuId: row.sku_id,
    skuPartNumber: row.sku_part_number,
    enabledUnits: row.enabled_units,
    consumedUnits: row.consumed_units,
  };
}
