// fixtures.mjs: bodies shared by the package tests.

/** A valid order of `count` items whose amounts add up. */
export function orderWithItems(count) {
  const items = Array.from({ length: count }, (_, index) => ({
    product_id: `prod_${String(index).padStart(4, '0')}`,
    quantity: (index % 3) + 1,
    price: 250 * (index + 1),
    amount: 250 * (index + 1) * ((index % 3) + 1),
  }));
  return {
    source_id: `order-${count}-items`,
    status: 'PAID',
    amount: items.reduce((sum, item) => sum + item.amount, 0),
    customer: { source_id: 'crm-000184' },
    items,
  };
}

/** A customer whose only problem is an impossible birthdate. */
export const customerWithBadBirthdate = {
  source_id: 'crm-000184',
  name: 'Maria Kowalska',
  email: 'maria.kowalska@example.com',
  birthdate: '1990-02-30',
};

/** The report `customerWithBadBirthdate` must get from POST /v1/customers. */
export function assertBirthdateReport(assert, report) {
  assert.equal(report.valid, false);
  assert.deepEqual(
    report.issues.map(({ code, severity, path }) => ({ code, severity, path })),
    [{ code: 'invalid_format', severity: 'error', path: '/birthdate' }],
  );
}
