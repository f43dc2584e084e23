// email-whatwg.test.mjs: our email check, through the package, against the HTML standard's
// "valid email address" rule (the regular expression of `<input type=email>`, run here by the
// JavaScript engine) on hand-picked addresses (from the WHATWG and web-platform-tests, and the
// validator.js test suite) and several hundred generated ones. Payload validation, the customer
// builder and the CSV check must each agree with the regular expression; the one deliberate
// difference is allowlisted below with its reason. A fixed seed; set EMAIL_SEED to try another.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCustomer, validateCsv, validatePayload } from '../../pkg/node.js';
import { seededRandom } from '../../scripts/seeded-random.mjs';

/** The HTML standard's "valid email address", as the standard writes it. */
const WHATWG = /^[a-zA-Z0-9.!#$%&'*+\/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/**
 * Disagreements we mean, each with its reason. Only this direction is allowed: the standard
 * accepts, we warn.
 */
const ALLOWED = [
  {
    reason:
      'a domain of one label (user@localhost) is valid for an intranet form, but no customer ' +
      'address the API mails to has one; validator.js refuses it too (require_tld)',
    applies: (address) => WHATWG.test(address) && !address.slice(address.indexOf('@') + 1).includes('.'),
  },
];

const repeat = (text, count) => text.repeat(count);

/** Hand-picked: the cases of issue 14, the standard's and web-platform-tests', validator.js'. */
const PICKED = [
  // issue 14
  'a,b@x.com', 'a(b)@x.com', 'a<b>@x.com', 'a;b@x.com', 'a"b@x.com', 'a\\b@x.com',
  `a@${repeat('b', 64)}.com`, `a@${repeat('b', 63)}.com`, '', ' ',
  // web-platform-tests (input type=email, typeMismatch, IDN values as typed and as converted)
  'test@example.com', 'abc', 'test1@example.com,test2@example.com', 'test1@example.com;test2@example.com',
  'user,@example.com', 'user@e\\U000Axample.com', 'user@e\nxample.com', 'user@e\rxample.com',
  '\n\r \t test@example.com \n\r \t', 'user2@example.com\n', 'test@exämle.com', 'user@お.com',
  'test@xn--exmle-hra.com', 'user@xn--t8j.com',
  // validator.js isEmail (default options)
  'foo@bar.com', 'x@x.au', 'foo@bar.com.au', 'foo+bar@bar.com', 'hans.m端ller@test.com', 'hans@m端ller.com',
  'test|123@m端ller.com', 'test123+ext@gmail.com', 'some.name.midd.leNa.me.and.locality+extension@GoogleMail.com',
  '"foobar"@example.com', '"  foo  m端ller "@example.com', '"foo\\@bar"@example.com',
  `${repeat('a', 64)}@${repeat('a', 63)}.com`, `${repeat('a', 31)}@gmail.com`, 'test@gmail.com', 'test.1@gmail.com',
  'test@1337.com', 'invalidemail@', 'invalid.com', '@invalid.com', 'foo@bar.com.', 'foo@_bar.com',
  'somename@ｇｍａｉｌ.com', 'foo@bar.co.uk.', 'z@co.c', 'ｇｍａｉｌｇｍａｉｌｇｍａｉｌｇｍａｉｌｇｍａｉｌ@gmail.com',
  `${repeat('a', 64)}@${repeat('a', 251)}.com`, `${repeat('a', 65)}@${repeat('a', 250)}.com`,
  `${repeat('a', 64)}@${repeat('a', 64)}.com`,
  `${repeat('a', 64)}@${repeat('a', 63)}.${repeat('a', 63)}.${repeat('a', 63)}.${repeat('a', 58)}.com`,
  'test1@invalid.co m', 'test12@invalid.co\u3000m', 'multiple..dots@stillinvalid.com',
  'test123+invalid! sub_address@gmail.com', 'gmail...ignores...dots...@gmail.com', 'ends.with.dot.@gmail.com',
  'wrong()[]",:;<>@@gmail.com', '"wrong()[]",:;<>@@gmail.com', 'username@domain.com\uFFFD', 'username@domain.com©',
  'nbsp\u00A0test@test.com', 'nbsp_test@te\u00A0st.com', '"foobar@gmail.com', '"foo"bar@gmail.com', 'foo"bar"@gmail.com',
  'foobar@my_sarisari_store.typepad.com', 'tüst@invalid.com', 'Some Name <foo@bar.com>', 'email@[123.123.123.123]',
  'email@255.255.255.255', 'email@0.0.0.256',
  'Deleted-user-id-19430-Team-5051deleted-user-id-19430-team-5051XXXXXX@example.com',
  // our own edges: every allowed special, hyphens, dots, case, one-label domains
  "!#$%&'*+/=?^_`{|}~-.@x.io", '.a@x.io', 'a.@x.io', 'a..b@x.io', 'a@b-c.io', 'a@-bc.io', 'a@bc-.io', 'a@b--c.io',
  'a@b..io', 'a@.b.io', 'a@b.io.', 'a@B.IO', 'A@b.i', 'a@1.2', 'a@localhost', 'a@b', 'a@@b.io', 'a@b@c.io', '@',
  'a@', '@b.io', 'a b@c.io', 'a\tb@c.io', 'a\u0000b@c.io', 'a\u007fb@c.io', 'a@b\u0000.io', 'a:b@c.io', 'a[b]@c.io',
  'a@b.c_d.io', 'a@b.io:80', 'a@b.io/x', 'mailto:a@b.io', 'a%b@c.io', 'ü@bücher.de', 'a@bücher.de',
  'Jurgen@XN--Bcher-kva.DE', 'a@xn--.io', `a@${repeat('b.', 130)}io`,
];


const LOCAL_OK = "abcXYZ019.!#$%&'*+/=?^_`{|}~-";
const LOCAL_BAD = ' ,()<>;:"\\[]@\t\n\u00e9\u00a0\u0000\u007f';
const LABEL_OK = 'abzAZ09-';
const LABEL_BAD = '_ !@,\u00fc';

/** `count` generated addresses: mostly near-valid, with one or two faults placed at random. */
function generate(seed, count) {
  const next = seededRandom(seed);
  const pick = (text) => text[Math.floor(next() * text.length)];
  const chars = (alphabet, length) => Array.from({ length }, () => pick(alphabet)).join('');
  const label = () => {
    const roll = next();
    const length = roll < 0.1 ? 0 : roll < 0.2 ? 60 + Math.floor(next() * 8) : 1 + Math.floor(next() * 8);
    let text = chars(LABEL_OK, length);
    if (next() < 0.1) text = chars(LABEL_BAD, 1) + text;
    return text;
  };
  const out = [];
  for (let i = 0; i < count; i += 1) {
    let local = chars(LOCAL_OK, Math.floor(next() * 10));
    if (next() < 0.3) {
      const at = Math.floor(next() * (local.length + 1));
      local = local.slice(0, at) + pick(LOCAL_BAD) + local.slice(at);
    }
    const labels = Array.from({ length: 1 + Math.floor(next() * 4) }, label);
    let address = `${local}${next() < 0.03 ? '' : '@'}${labels.join('.')}`;
    if (next() < 0.05) address += '.';
    if (next() < 0.03) address = ` ${address}`;
    out.push(address);
  }
  return out;
}

const SEED = Number(process.env.EMAIL_SEED ?? 14);
const GENERATED = generate(SEED, 600);
const ADDRESSES = [...new Set([...PICKED, ...GENERATED])];

/** The disagreements of `ours` (address → refused) with the standard, allowlisted ones apart. */
function disagreements(addresses, refused) {
  const found = [];
  for (const address of addresses) {
    const standard = WHATWG.test(address);
    const accepted = !refused(address);
    if (standard === accepted) continue;
    if (!accepted && ALLOWED.some((rule) => rule.applies(address))) continue;
    found.push(`${JSON.stringify(address)}: the standard ${standard ? 'accepts' : 'refuses'} it, we ${accepted ? 'accept' : 'refuse'} it`);
  }
  return found;
}

const report = (found) => `seed ${SEED} (EMAIL_SEED): ${found.length} disagreements\n${found.slice(0, 40).join('\n')}`;

/** Addresses a record reader or a CSV cell keeps as they are (no white-space to trim at the ends). */
const untrimmed = (address) => /^[\x21-\x7e](?:[^]*[\x21-\x7e])?$/.test(address);

test('the list holds several hundred addresses, both valid and invalid by the standard', () => {
  assert.ok(ADDRESSES.length >= 600, `${ADDRESSES.length}`);
  const valid = ADDRESSES.filter((address) => WHATWG.test(address)).length;
  assert.ok(valid >= 100 && ADDRESSES.length - valid >= 100, `${valid} valid of ${ADDRESSES.length}`);
});

test('payload validation agrees with the WHATWG rule on every address', () => {
  const refused = (email) => {
    const result = validatePayload('POST /v1/customers', { source_id: 'c1', email });
    return (result?.issues ?? []).some((issue) => issue.path === '/email' && ['invalid_format', 'empty_value'].includes(issue.code));
  };
  const found = disagreements(ADDRESSES, refused);
  assert.deepEqual(found, [], report(found));
});

test('the customer builder agrees with the WHATWG rule on every address it keeps as written', () => {
  const refused = (email) => buildCustomer({ source_id: 'c1', email }).issues.some((issue) => issue.path === '/email');
  const found = disagreements(ADDRESSES.filter(untrimmed), refused);
  assert.deepEqual(found, [], report(found));
});

test('the CSV check agrees with the WHATWG rule on every address it keeps as written', async () => {
  const addresses = ADDRESSES.filter(untrimmed);
  const quoted = (text) => `"${text.replaceAll('"', '""')}"`;
  const csv = `source_id,email\n${addresses.map((address, index) => `c${index},${quoted(address)}`).join('\n')}\n`;
  const result = await validateCsv('customers', csv, { maxIssues: 100_000 });
  assert.equal(result.rows, addresses.length);
  const refusedRows = new Set(result.issues.filter((issue) => issue.column === 'email' && issue.code === 'invalid_format').map((issue) => issue.row));
  const found = disagreements(addresses, (address) => refusedRows.has(addresses.indexOf(address) + 1));
  assert.deepEqual(found, [], report(found));
});
