// The Smart Services' keys for the authorization API.

export interface ServiceClientsRepo {
  insert(c: { id: string; name: string; keyHash: string; createdAt: Date }): Promise<void>;
  /** The key's client, with the service it belongs to (null: none). */
  findByKeyHash(keyHash: string): Promise<{ id: string; name: string; service: string | null } | undefined>;
  list(): Promise<{ id: string; name: string; createdAt: Date; revokedAt: Date | null }[]>;
  revoke(id: string, now: Date): Promise<boolean>;
}
