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
  requestId: string | null;
  createdAt: Date;
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
