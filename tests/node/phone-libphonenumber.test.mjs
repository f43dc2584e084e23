// phone-libphonenumber.test.mjs: buildCustomer's phone normalization (defaultCountry) against
// libphonenumber-js, the JavaScript port of Google's libphonenumber, on its example numbers of
// every country, in every spelling people write: national with and without the national
// (trunk) prefix, with the country's own international prefix (00, 011, 0011, ...), with +,
// with dashes and parentheses, one digit short and one too many, and a neighbour's number
// dialled from abroad. Our answer (the E.164 number, or an invalid_format issue) must be
// libphonenumber-js's: parsePhoneNumber(text, country).number when isValid(), else invalid.
// A disagreement fails the test unless ALLOWED lists it with its reason; an entry of ALLOWED that
// no longer disagrees fails it too. The storefront build is checked on its own countries.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getCountries, getCountryCallingCode, parsePhoneNumberWithError } from 'libphonenumber-js';
import { buildCustomer } from '../../pkg/node.js';

const require = createRequire(import.meta.url);
const examples = require('libphonenumber-js/examples.mobile.json');
const metadata = require('libphonenumber-js/metadata.min.json');
const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));

/** The countries the storefront build checks (scripts/phone-plans.mjs, README: Phones). */
const STOREFRONT_COUNTRIES = [
  'US', 'CA', 'GB', 'IE', 'DE', 'AT', 'CH', 'FR', 'BE', 'NL', 'LU', 'ES', 'PT', 'IT', 'PL', 'CZ', 'SK', 'HU',
  'RO', 'DK', 'NO', 'SE', 'FI', 'GR', 'TR', 'UA', 'IL', 'AE', 'ZA', 'IN', 'JP', 'AU', 'NZ', 'SG', 'BR', 'MX',
];

/**
 * Disagreements we accept, keyed `COUNTRY text`, each with its reason. Where several countries
 * share a calling code, libphonenumber-js tells them apart with per-type patterns (mobile,
 * fixed line, ...) that its metadata carries for those countries only; we check the general
 * pattern and lengths of each (README: Phones), which is looser.
 */
const SHARED_39 = 'IT and VA share +39: libphonenumber-js checks them with its mobile and fixed-line patterns (a mobile is 3 and 9 or 10 digits), we with the general pattern, which admits 3 and 8 to 11 digits';
const ALLOWED = {
  'GB 07700 900123': 'GB, GG, IM and JE share +44: libphonenumber-js checks them with per-type patterns that leave out the 07700 900xxx range reserved for drama, we with the general pattern, which admits it',
  'DE 43104403528464': 'E.164 has at most 15 digits; libphonenumber-js accepts this 16-digit German number',
  'IT 312345678': SHARED_39,
  'IT 31234567895': SHARED_39,
  'IT 312345678955': SHARED_39,
  'IT +39312345678': SHARED_39,
  'IT +3931234567895': SHARED_39,
  'IT +39312345678955': SHARED_39,
  'IT 0039312345678': SHARED_39,
  'IT 003931234567895': SHARED_39,
  'IT 0039312345678955': SHARED_39,
  'VA +39312345678': SHARED_39,
  'VA +3931234567895': SHARED_39,
  'VA +39312345678955': SHARED_39,
  'VA 0039312345678': SHARED_39,
  'VA 003931234567895': SHARED_39,
  'VA 0039312345678955': SHARED_39,
};

/** Cases the issue reported, beyond the generated spellings: [country, text]. */
const REPORTED = [
  ['FR', '06 12 34 56 7'], ['NL', '0800 12288'], ['AU', '0011 61 412345678'], ['AT', '01 3846'],
  ['LU', '5540'], ['RO', '031 0729'], ['ZA', '082 123 456'], ['ZA', '82 123 456'], ['AT', '2020'],
  ['US', '0048 512 345 678'], ['DE', '00048601064567'], ['US', '+0 48 601 064 567'], ['DE', '43104403528464'],
  ['GB', '07700 900123'],
];

/** The international prefix people dial in `country`: its preferred one, or the first the pattern admits. */
function internationalPrefix(country) {
  const plan = metadata.countries[country];
  if (/^\d+$/.test(plan[12] ?? '')) return plan[12];
  const pattern = new RegExp(`^(?:${plan[1]})$`);
  for (let length = 1; length <= 6; length++) {
    for (let n = 0; n < 10 ** length; n++) {
      const candidate = String(n).padStart(length, '0');
      if (pattern.test(candidate)) return candidate;
    }
  }
  throw new Error(`no international prefix found for ${country}`);
}

/** The spellings of `country`'s example number, and of `neighbour`'s dialled from `country`. */
function spellings(country, neighbour) {
  const number = parsePhoneNumberWithError(examples[country], country);
  const other = parsePhoneNumberWithError(examples[neighbour], neighbour);
  const nsn = number.nationalNumber;
  const cc = number.countryCallingCode;
  const trunk = metadata.countries[country][5] || '';
  const idd = internationalPrefix(country);
  const national = number.formatNational();
  const texts = [
    national, nsn, trunk + nsn, `${trunk} ${nsn}`,
    national.replaceAll(' ', '-'), national.replace(/^(\d+) /, '($1) '),
    `+${cc}${nsn}`, number.formatInternational(), `+${cc} (${trunk}) ${nsn}`,
    `${idd} ${cc} ${nsn}`, `${idd}${cc}${nsn}`, `${cc} ${nsn}`,
    `${idd} ${other.countryCallingCode} ${other.nationalNumber}`, other.formatInternational(),
  ];
  for (const digits of [trunk + nsn, nsn, `+${cc}${nsn}`, `${idd}${cc}${nsn}`]) {
    texts.push(digits.slice(0, -1), digits.slice(0, -2), `${digits}5`, `${digits}55`);
  }
  return [...new Set(texts)];
}

/** libphonenumber-js's answer: the E.164 number when valid, else "invalid". */
function reference(text, country) {
  try {
    const number = parsePhoneNumberWithError(text, country);
    return number.isValid() ? number.number : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** The cases of `countries`: every spelling, with libphonenumber-js's answer. */
function cases(countries) {
  const list = [];
  countries.forEach((country, i) => {
    const neighbour = countries[(i + 1) % countries.length];
    for (const text of spellings(country, neighbour)) list.push({ country, text, expected: reference(text, country) });
  });
  for (const [country, text] of REPORTED) {
    if (countries.includes(country)) list.push({ country, text, expected: reference(text, country) });
  }
  return list;
}

/** Our answer from a buildCustomer result: the phone, or "invalid" with an invalid_format issue at /phone. */
function ours(built) {
  const issue = built.issues.find((i) => i.path === '/phone');
  if (issue) return issue.code === 'invalid_format' ? 'invalid' : `issue ${issue.code}`;
  return built.customer.phone;
}

/** Our answer for `text` with `defaultCountry: country`; a country we refuse answers `throws <code>`. */
function answer(country, text) {
  try {
    return ours(buildCustomer({ phone: text }, { defaultCountry: country }));
  } catch (error) {
    return `throws ${error.code}`;
  }
}

/** The disagreements of `answers` with `list`, as "COUNTRY text: ours vs libphonenumber-js". */
function disagreements(list, answers) {
  const found = new Map();
  list.forEach((entry, i) => {
    if (answers[i] !== entry.expected) found.set(`${entry.country} ${entry.text}`, `ours ${answers[i]}, libphonenumber-js ${entry.expected}`);
  });
  return found;
}

/** Fails on a disagreement ALLOWED does not list, and on an entry of ALLOWED for these countries that no longer disagrees. */
function assertOnlyAllowed(t, list, found, countries) {
  t.diagnostic(`${list.length} cases, ${found.size} disagreements, ${[...found.keys()].filter((key) => key in ALLOWED).length} of them allowed`);
  const unexpected = [...found].filter(([key]) => !(key in ALLOWED)).map(([key, what]) => `${key}: ${what}`);
  assert.deepEqual(unexpected, [], `${unexpected.length} disagreements with libphonenumber-js`);
  const stale = Object.keys(ALLOWED).filter((key) => countries.includes(key.split(' ')[0]) && !found.has(key));
  assert.deepEqual(stale, [], 'ALLOWED entries that agree now: remove them');
}

test('every libphonenumber country is a defaultCountry, and every example number spelling agrees with libphonenumber-js', (t) => {
  const countries = getCountries();
  assert.ok(countries.length > 240, `${countries.length} countries`);
  const list = cases(countries);
  assert.ok(list.length > countries.length * 20, `${list.length} cases`);
  // Both answers occur: the test would notice a normalizer that refuses or accepts everything.
  assert.ok(list.filter((entry) => entry.expected === 'invalid').length > list.length / 4);
  assert.ok(list.filter((entry) => entry.expected !== 'invalid').length > list.length / 4);
  const answers = list.map(({ country, text }) => answer(country, text));
  assertOnlyAllowed(t, list, disagreements(list, answers), countries);
});

test('the reported cases agree with libphonenumber-js', () => {
  // The outside reference's own answers, spelled out: what the issue expected.
  const expected = {
    'FR 06 12 34 56 7': 'invalid', 'NL 0800 12288': '+3180012288', 'AU 0011 61 412345678': '+61412345678',
    'AT 01 3846': '+4313846', 'LU 5540': '+3525540', 'RO 031 0729': '+40310729', 'ZA 082 123 456': '+2782123456',
  };
  for (const [key, e164] of Object.entries(expected)) {
    const [country, ...rest] = key.split(' ');
    const text = rest.join(' ');
    assert.equal(reference(text, country), e164, `libphonenumber-js: ${key}`);
    assert.equal(answer(country, text), e164, key);
  }
});

test('the storefront build agrees with libphonenumber-js on its countries', (t) => {
  const list = cases(STOREFRONT_COUNTRIES);
  const source = `
    import { readFileSync } from 'node:fs';
    import * as storefront from './storefront.js';
    await storefront.init(readFileSync('./wasm-storefront/voucherify_sync_bg.wasm'));
    const list = JSON.parse(readFileSync(0, 'utf8'));
    const answers = list.map(({ country, text }) => {
      const built = storefront.buildCustomer({ phone: text }, { defaultCountry: country });
      const issue = built.issues.find((i) => i.path === '/phone');
      if (issue) return issue.code === 'invalid_format' ? 'invalid' : 'issue ' + issue.code;
      return built.customer.phone;
    });
    let unsupported;
    try { storefront.buildCustomer({}, { defaultCountry: 'CN' }); } catch (error) { unsupported = error.code; }
    console.log(JSON.stringify({ answers, unsupported }));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: PKG, encoding: 'utf8', input: JSON.stringify(list), maxBuffer: 64 * 1024 * 1024,
  });
  const { answers, unsupported } = JSON.parse(output);
  assert.equal(unsupported, 'invalid_options', 'a country outside the storefront table is refused, not guessed');
  assertOnlyAllowed(t, list, disagreements(list, answers), STOREFRONT_COUNTRIES);
});

test('calling codes the storefront table covers include every shared one of its countries', () => {
  // A storefront country sharing its calling code reads +CC numbers with the code's main country.
  for (const country of STOREFRONT_COUNTRIES) {
    const main = metadata.country_calling_codes[getCountryCallingCode(country)][0];
    assert.ok(STOREFRONT_COUNTRIES.includes(main), `${country}: main country ${main}`);
  }
});
