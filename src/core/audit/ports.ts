// The audit log's rows.

export interface AuditEvent {
  id: string;
  orgId: string;
  action: string;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  /** Names as they were at the event (null for events recorded before names were). */
  names: AuditNames | null;
  requestId: string | null;
  createdAt: Date;
}

/** What an event is about, named as it was when it happened. */
export interface AuditNames {
  actor?: { name: string; email: string };
  target?: { name: string; email?: string };
  /** The names of the devices the event lists (device access, an invitation's devices). */
  devices?: Record<string, string>;
}

export interface AuditQuery {
  action?: string | undefined;
  actorId?: string | undefined;
  targetId?: string | undefined;
  /** Newest first: events older than this id. */
  before?: string | undefined;
  limit: number;
}

export interface AuditRepo {
  record(event: AuditEvent): Promise<void>;
  list(orgId: string, query: AuditQuery): Promise<AuditEvent[]>;
}
