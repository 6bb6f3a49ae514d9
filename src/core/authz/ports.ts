// The Smart Services' keys for the authorization API.

export interface ServiceClientsRepo {
  insert(c: { id: string; name: string; keyHash: string; createdAt: Date }): Promise<void>;
  findByKeyHash(keyHash: string): Promise<{ id: string; name: string } | undefined>;
  list(): Promise<{ id: string; name: string; createdAt: Date; revokedAt: Date | null }[]>;
  revoke(id: string, now: Date): Promise<boolean>;
}
