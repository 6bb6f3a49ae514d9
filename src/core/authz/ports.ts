// The Smart Services' keys for the authorization API.

export interface ServiceClientsRepo {
  insert(c: { id: string; name: string; keyHash: string; createdAt: Date; service?: string | null }): Promise<void>;
  findByKeyHash(keyHash: string): Promise<{ id: string; name: string; service: string | null } | undefined>;
  list(): Promise<{ id: string; name: string; service: string | null; createdAt: Date; revokedAt: Date | null }[]>;
  revoke(id: string, now: Date): Promise<boolean>;
  /** Whether a registered service has an unrevoked key. */
  hasActiveKey(service: string): Promise<boolean>;
}
