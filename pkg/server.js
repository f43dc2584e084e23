// server.js: the Node-only entry `voucherify-sync/server`: the server-side client (server keys
// from the environment) and the sync that sends a plan. No browser or storefront entry imports
// it, and nothing here belongs in client code.

export { createServerClient, ServerRequestError } from './server/client.js';
export { applyPlan } from './server/apply.js';
export { syncRecords } from './server/sync.js';
export { exportRemote, readExport } from './server/export.js';
export { callCosts } from './server/costs.js';
export { planSends } from './server/sends.js';
export { planOrders } from './server/orders.js';
export { openJournal } from './server/journal.js';
