// The PostgreSQL NOTIFY channels between instances: written by the unit of work (unit-of-work.ts)
// in the transaction of a change, followed by each instance's change feed (change-feed.ts).

/** Payload `orgId:version` (just `orgId` when the organization is gone): its authorization answers changed. */
export const AUTHZ_CHANNEL = 'gatehouse_authz';
/** Payload: the id of a revoked service client; every instance forgets the keys it cached. */
export const SERVICE_CLIENTS_CHANNEL = 'gatehouse_service_clients';
/** No payload: events were appended; event streams read the table from their cursor. */
export const EVENTS_CHANNEL = 'gatehouse_events';
/** No payload: a service's manifest changed the permission catalog; every instance reloads it. */
export const CATALOG_CHANNEL = 'gatehouse_catalog';
