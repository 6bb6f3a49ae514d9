// The Smart Services' keys for the authorization API.

export interface ServiceClient {
  id: string;
  name: string;
  service: string | null;
}

export interface ServiceClientsRepo {
  insert(c: { id: string; name: string; keyHash: string; createdAt: Date; service?: string | null }): Promise<void>;
  /** `service`: the registered service the key belongs to (its manifest, webhooks and resources), or `null`. */
  findByKeyHash(keyHash: string): Promise<ServiceClient | undefined>;
  list(): Promise<{ id: string; name: string; service: string | null; createdAt: Date; revokedAt: Date | null }[]>;
  revoke(id: string, now: Date): Promise<boolean>;
  /** Whether a registered service has an unrevoked key. */
  hasActiveKey(service: string): Promise<boolean>;
}
