// Devices of an organization.

export interface DeviceRecord {
  id: string;
  orgId: string;
  /** The hardware UUID printed on the housing, lower-case. */
  uuid: string;
  name: string;
  location: string | null;
  tags: string[];
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeviceListQuery {
  q?: string | undefined;
  tag?: string | undefined;
  /** Only the devices in this user's explicit set (a member without all devices). */
  onlyFor?: string | undefined;
  after?: { key: string; id: string } | undefined;
  limit: number;
}

export interface DevicesRepo {
  /** `false` when a device with this UUID is registered already (in any organization). */
  insert(d: DeviceRecord & { tokenHash: string; createdBy: string }): Promise<boolean>;
  find(orgId: string, id: string): Promise<DeviceRecord | undefined>;
  list(orgId: string, query: DeviceListQuery): Promise<(DeviceRecord & { sortKey: string })[]>;
  update(d: DeviceRecord): Promise<void>;
  delete(orgId: string, id: string): Promise<void>;
  setToken(orgId: string, id: string, tokenHash: string, now: Date): Promise<void>;
  /** Which of these ids are devices of the organization. */
  existing(orgId: string, ids: readonly string[]): Promise<string[]>;
  /** The names of those of `ids` that exist in the organization. */
  namesOf(orgId: string, ids: readonly string[]): Promise<{ id: string; name: string }[]>;
  /** One page of the organization's device ids, in id order, after `after`. */
  idPage(orgId: string, after: string | undefined, limit: number): Promise<string[]>;
}
