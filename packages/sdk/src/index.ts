// @gatehouse/sdk — see README.md.
export { createGatehouse, GatehouseError, type CheckAnswer, type CheckQuery, type Gatehouse, type GatehouseOptions } from './client.js';
export { createDecisionCache, type DecisionCache } from './decision-cache.js';
export type { EventType, GatehouseEvent } from './events.js';
export { permissionKeys, type PermissionOf } from './manifest.js';
export type { AccessibleResourcesPage, AccessibleResourcesQuery, Resource, ResourceBody } from './resources.js';
export { retryAfterMs, retryingFetch, type RetryOptions } from './retry.js';
export { CursorExpiredError, type SubscribeOptions, type Subscription } from './subscribe.js';
export { verifyWebhook } from './webhooks.js';
