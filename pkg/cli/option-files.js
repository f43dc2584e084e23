// option-files.js: the JSON files options name (metadata schemas, a customer key mapping),
// read and checked up front, so a bad one stops the command with its file name before any work.

import { buildCustomer, validatePayload, VoucherifySyncError } from '../node.js';
import { CliError } from './args.js';
import { readJson } from './files.js';

/** The body of `GET /v1/metadata-schemas` in `file`, checked by the core. */
export async function readMetadataSchemas(file) {
  const metadataSchemas = await readJson(file, 'the body of GET /v1/metadata-schemas');
  checked(file, () => validatePayload('POST /v1/customers', {}, { metadataSchemas }));
  return metadataSchemas;
}

/** A mapping of record keys to customer fields (`{ "Customer No": "source_id" }`) in `file`. */
export async function readMapping(file) {
  const mapping = await readJson(file, 'a mapping of record keys to customer fields, such as {"Customer No": "source_id"}');
  checked(file, () => buildCustomer({}, { mapping }));
  return mapping;
}

/** The builder options of the command line's flags, checked by the core. */
export async function customerOptions(values) {
  const options = {};
  if (values.mapping !== undefined) options.mapping = await readMapping(values.mapping);
  if (values['default-country'] !== undefined) options.defaultCountry = values['default-country'];
  if (values['date-order'] !== undefined) options.dateOrder = values['date-order'];
  checked('--default-country', () => buildCustomer({}, options));
  return options;
}

/** Runs a core call that checks options; its `invalid_options` error becomes a CliError naming `what`. */
function checked(what, run) {
  try {
    run();
  } catch (error) {
    if (error instanceof VoucherifySyncError) throw new CliError(`${what}: ${error.message}`, { cause: error });
    throw error;
  }
}
