// api.js: everything the package exports, shared by the browser and Node entries.

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
} from './validation.js';
export { buildCustomer, buildCustomerStrict, diffCustomer, upsertEffects } from './customers.js';
export { prepareStackableRequest, prepareStackableRequestStrict, summarizeResult } from './stackable.js';
export { createClient, VoucherifyRequestError } from './client.js';
export { planSync } from './sync.js';
export { validateCsv, validateCsvWithOutputs } from './csv.js';
export { createCsvWorker } from './csv-worker-client.js';
export { VoucherifySyncError } from './errors.js';
