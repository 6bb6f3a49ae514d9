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

export interface GatehouseEvent {
  id: string;
  type: EventType | (string & {});
  organizationId: string | null;
  occurredAt: string;
  /** The organization's revision after the change: pass it as `atLeastRevision` to see its effect. */
  revision: number;
  data: Record<string, unknown>;
}
