// inputs.js: the payload and the CSV file the bundler apps check; the test checks the same ones
// with the Node entry and expects the same answers.

export const PAYLOAD = { source_id: 'c1', email: 'not an email' };
export const CSV = 'source_id,email\nc1,ann@example.com\nc2,not an email\n';
