// The Smart Services' keys for the authorization API.

export interface ServiceClient {
  id: string;
  name: string;
  service: string | null;
}

export interface ServiceClientsRepo {
  insert(c: { id: string; name: string; keyHash: string; createdAt: Date }): Promise<void>;
  /** `service`: the registered service the key belongs to (it may write that service's resources), or `null`. */
  findByKeyHash(keyHash: string): Promise<ServiceClient | undefined>;
  list(): Promise<{ id: string; name: string; createdAt: Date; revokedAt: Date | null }[]>;
  revoke(id: string, now: Date): Promise<boolean>;
}
