// readme-api.mjs: a tiny stand-in of the client-side API on 127.0.0.1 for the README's
// client example: every requested redeemable applies, each taking 10 % of what is left.

import { createServer } from 'node:http';

/** Starts the server; resolves with `{ url, requests, close() }`. */
export async function startReadmeApi() {
  const requests = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const body = JSON.parse(text);
      requests.push({ path: request.url, headers: request.headers, body });
      const answer = request.url === '/client/v1/validations' ? validation(body) : redemption(body);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Each redeemable in turn: a gift card spends its credits, anything else takes 10 %. */
function apply(body) {
  let left = body.order?.amount ?? 0;
  return body.redeemables.map((redeemable) => {
    const off = redeemable.gift ? Math.min(redeemable.gift.credits, left) : Math.round(left / 10);
    left -= off;
    return { redeemable, off };
  });
}

function validation(body) {
  const applied = apply(body);
  const total = applied.reduce((sum, entry) => sum + entry.off, 0);
  return {
    valid: true,
    redeemables: applied.map(({ redeemable, off }) => ({
      status: 'APPLICABLE',
      id: redeemable.id,
      object: redeemable.object,
      result: redeemable.gift ? { gift: { credits: off } } : { discount: { type: 'PERCENT', percent_off: 10 } },
      order: { total_applied_discount_amount: off },
    })),
    order: { amount: body.order?.amount, total_discount_amount: total, total_amount: body.order?.amount - total },
    session: { type: 'LOCK', key: body.session?.key },
    stacking_rules: {},
  };
}

function redemption(body) {
  const applied = apply(body);
  const total = applied.reduce((sum, entry) => sum + entry.off, 0);
  return {
    redemptions: applied.map(({ redeemable, off }, index) => ({
      id: `r_${index}`,
      object: 'redemption',
      result: 'SUCCESS',
      related_object_type: redeemable.object,
      voucher: { code: redeemable.id, gift: redeemable.gift ? { balance: 0 } : null },
      amount: redeemable.gift ? off : undefined,
      order: { total_applied_discount_amount: off },
    })),
    parent_redemption: { id: 'r_parent', object: 'redemption' },
    order: { amount: body.order?.amount, total_discount_amount: total, total_amount: body.order?.amount - total },
  };
}
