// storefront-node.js: the storefront entry (`voucherify-sync/storefront`) in Node, chosen by the
// "node" condition of package.json, so that server-side rendering and tests in Node (vitest,
// jest) can import what the page imports. It is the Node entry's own functions, the storefront
// part of them: the module loads on import, from the file, and init() does nothing. Browsers and
// bundlers get storefront.js, which fetches the smaller storefront wasm; nothing here reaches them.

export {
  validatePayload,
  validatePayloads,
  listOperations,
  issueCodes,
  validateCustomer,
  validateCustomerUpdate,
  validateProduct,
  validateSku,
  validateOrder,
  buildCustomer,
  buildCustomerStrict,
  diffCustomer,
  upsertEffects,
  prepareStackableRequest,
  prepareStackableRequestStrict,
  summarizeResult,
  createClient,
  VoucherifyRequestError,
  VoucherifySyncError,
  init,
} from './node.js';
