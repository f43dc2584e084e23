// native-csv.mjs: the customers file of the native benchmark (`cargo bench --bench
// csv_throughput`), byte for byte: a port of `tests/csv_support/generate.rs` (splitmix64,
// seed 42, 5 bad rows per 1000). The CSV suite runs the wasm build on it, so the native
// numbers are a ceiling measured on the very same bytes.

/** The low and high 32 bits of the product of two 32-bit numbers. */
function mul32(a, b) {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const low = a0 * b0;
  const cross = (low >>> 16) + (a1 * b0 & 0xffff) + (a0 * b1 & 0xffff);
  const high = a1 * b1 + ((a1 * b0) >>> 16) + ((a0 * b1) >>> 16) + (cross >>> 16);
  return [Math.imul(a, b) >>> 0, high >>> 0];
}

/** `(hi, lo) * (mhi, mlo)` modulo 2^64, as [hi, lo]. */
function mul64(hi, lo, mhi, mlo) {
  const [low, carry] = mul32(lo, mlo);
  return [(carry + Math.imul(hi, mlo) + Math.imul(lo, mhi)) >>> 0, low];
}

/** `(hi, lo) ^ ((hi, lo) >> shift)` for 0 < shift < 32, as [hi, lo]. */
function xorShift(hi, lo, shift) {
  return [(hi ^ (hi >>> shift)) >>> 0, (lo ^ ((lo >>> shift) | (hi << (32 - shift)))) >>> 0];
}

/** splitmix64, as `generate::Rng`, on 32-bit halves (BigInt is ten times slower). */
class Rng {
  constructor(seed) {
    this.hi = Math.floor(seed / 2 ** 32) >>> 0;
    this.lo = seed >>> 0;
  }

  /** The next 64 random bits as [hi, lo]. */
  next() {
    const lo = (this.lo + 0x7f4a7c15) >>> 0;
    this.hi = (this.hi + 0x9e3779b9 + (lo < this.lo ? 1 : 0)) >>> 0;
    this.lo = lo;
    let [hi, low] = xorShift(this.hi, this.lo, 30);
    [hi, low] = mul64(hi, low, 0xbf58476d, 0x1ce4e5b9);
    [hi, low] = xorShift(hi, low, 27);
    [hi, low] = mul64(hi, low, 0x94d049bb, 0x133111eb);
    return xorShift(hi, low, 31);
  }

  /** The next value modulo `n` (n below 2^20, so the arithmetic stays exact). */
  below(n) {
    const [hi, lo] = this.next();
    return ((hi % n) * (2 ** 32 % n) + (lo % n)) % n;
  }

  pick(items) {
    return items[this.below(items.length)];
  }
}

const HEADER =
  'Name,Source_id,Description,Email,Phone,Address_line_1,Address_line_2,City,Postal_Code,State,Country,Birthdate,favorite_brands,CRM_created_date';
const FIRST = ['John', 'Maria', 'Wei', 'Fatima', 'Olga', 'Pedro', 'Aisha', 'Tom'];
const LAST = ['Smith', 'Garcia', 'Chen', 'Khan', 'Novak', 'Silva', 'Okafor', 'Berg'];
const CITIES = ['New York', 'Warsaw', 'Lisbon', 'Austin', 'Berlin', 'Osaka'];
const BRANDS = ['"Nike,Fenty,Reebok"', 'Adidas', '"Puma,Nike"', ''];

const pad = (value, width) => String(value).padStart(width, '0');

/**
 * `generate::customers_csv(rows, seed, per_mille)` as bytes, with its `Generated` counts.
 * @returns {{ bytes: Uint8Array, generated: { records: number, invalid: number, warned: number } }}
 */
export function nativeCustomersCsv(rows, seed = 42, perMille = 5) {
  const rng = new Rng(seed);
  const generated = { records: 0, invalid: 0, warned: 0 };
  const encoder = new TextEncoder();
  const parts = [encoder.encode(`${HEADER}\n`)];
  let text = '';
  for (let i = 0; i < rows; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    let sourceId = `cust-${pad(i, 8)}`;
    let email = `${first.toLowerCase()}.${last.toLowerCase()}${i}@example.com`;
    let birthdate = `${1950 + rng.below(55)}-${pad(1 + rng.below(12), 2)}-${pad(1 + rng.below(28), 2)}`;
    let description = 'A good customer.';
    let extraField = false;
    if (rng.below(1000) < perMille) {
      switch (rng.below(6)) {
        case 0:
          birthdate = `${pad(1 + rng.below(12), 2)}/${pad(1 + rng.below(28), 2)}/19${50 + rng.below(50)}`;
          generated.invalid += 1;
          break;
        case 1:
          sourceId = '';
          generated.invalid += 1;
          break;
        case 2:
          extraField = true;
          generated.invalid += 1;
          break;
        case 3:
          if (Math.floor(i / 2) === i) {
            sourceId = `cust-${pad(i, 8)}`;
          } else {
            sourceId = `cust-${pad(Math.floor(i / 2), 8)}`;
            generated.warned += 1;
          }
          break;
        case 4:
          description = '=HYPERLINK("http://x.io")';
          generated.warned += 1;
          break;
        default:
          email = `${first} at example dot com`;
          generated.warned += 1;
      }
    }
    if (description.includes('"')) description = `"${description.replaceAll('"', '""')}"`;
    const city = rng.pick(CITIES);
    const phone = `+1 (989) ${pad(rng.below(1000), 3)}-${pad(rng.below(10000), 4)}`;
    const line1 = `${1 + rng.below(999)} Main St`;
    const line2 = `"Blg ${1 + rng.below(9)}, Apt ${1 + rng.below(99)}"`;
    const postal = pad(rng.below(100000), 5);
    const brands = rng.pick(BRANDS);
    text +=
      `${first} ${last},${sourceId},${description},${email},${phone},${line1},${line2},${city},${postal},${city},United States,` +
      `${birthdate},${brands},2022-05-18T10:00:00.000Z${extraField ? ',extra' : ''}\n`;
    generated.records += 1;
    if (text.length > 1 << 20) {
      parts.push(encoder.encode(text));
      text = '';
    }
  }
  parts.push(encoder.encode(text));
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return { bytes, generated };
}
