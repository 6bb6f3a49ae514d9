// What Gatehouse tells a Smart Service about changes (shared/spec/PLATFORM.md "Events").

export type EventType =
  | 'member.added'
  | 'member.removed'
  | 'member.role_changed'
  | 'member.access_changed'
  | 'role.changed'
  | 'role.deleted'
  | 'device.added'
  | 'device.deleted'
  | 'resource.deleted'
  | 'organization.deleted'
  | 'user.deleted'
  | 'service.manifest_changed';

/** `organizationId` null: the platform's own event (`service.manifest_changed`), which concerns every organization. */
export interface GatehouseEvent {
  id: string;
  type: EventType | (string & {});
  organizationId: string | null;
  occurredAt: string;
  /**
   * The organization's revision after the change: pass it as `atLeastRevision` to see its effect.
   * Null once the organization is gone, and for the platform's own events (`organizationId: null`).
   */
  revision: number | null;
  data: Record<string, unknown>;
}
