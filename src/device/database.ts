// The IndexedDB database on the device. It is an object passed to every function, never a module
// global, so tests and tabs each hold their own.
import { Dexie, type Table } from 'dexie';
import type { AnswerRow, DefinitionRow, DeviceKeyRow, OrderRow, OutboxRow, ResponseRecord, SharedDeviceRow } from './rows.js';
import type { ProgressRow } from './progress.js';
import { declaredVersions } from './schema-versions.js';

export class DeviceDatabase extends Dexie {
  declare definitions: Table<DefinitionRow, string>;
  declare responses: Table<ResponseRecord, string>;
  declare answers: Table<AnswerRow, [string, string]>;
  declare orders: Table<OrderRow, string>;
  declare deviceKeys: Table<DeviceKeyRow, string>;
  declare outbox: Table<OutboxRow, string>;
  declare settings: Table<SharedDeviceRow, string>;
  declare progress: Table<ProgressRow, string>;

  constructor(name: string) {
    super(name);
    for (const { version, stores, upgrade } of declaredVersions()) {
      const declared = this.version(version).stores({ ...stores });
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}

export function openDeviceDatabase(name = 'eprom'): DeviceDatabase {
  return new DeviceDatabase(name);
}
