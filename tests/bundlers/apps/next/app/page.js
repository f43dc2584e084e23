// A server component: the report is made on the server, at build time or per request.
import { validatePayload } from 'voucherify-sync';
import { PAYLOAD } from '../inputs.js';
import Checks from './checks.js';

export default function Page() {
  const report = validatePayload('POST /v1/customers', PAYLOAD);
  return (
    <main>
      <pre id="server-report">{JSON.stringify(report)}</pre>
      <Checks />
    </main>
  );
}
