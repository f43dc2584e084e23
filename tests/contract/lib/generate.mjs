// A deterministic generator of clean, realistic request bodies for every supported operation.
//
// Everything comes from a seeded PRNG (sfc32 seeded through splitmix32), never from Math.random,
// so a failing body can be reproduced from its operation and index alone.
//
// "Clean" means: valid for the API's schema AND free of the likely mistakes our validator warns
// about. So the generator keeps to these rules:
// - names, emails (`first.last@domain`), E.164 phones, real calendar birthdates `YYYY-MM-DD`
//   (leap days included), addresses, metadata of strings, numbers, booleans and arrays;
// - money in integer cents; an order item's `amount` is `price × quantity`, and the order's
//   `amount` is the sum of its items' amounts; quantities are at least 1; at most 500 items;
// - each order item is identified by `product_id`, `sku_id`, or `source_id` + `related_object`;
//   `override: true` only with a `source_id`;
// - import arrays of 1 to 20 orders, bulk arrays whose elements have unique `source_id`s, and
//   metadata updates whose `source_ids` are non-empty and unique;
// - events with a 1 to 300 character name and a customer with a `source_id`;
// - publications with either `voucher` or `campaign: {name, count 1..50}` and a customer with a
//   `source_id` or an `id`;
// - customers identified by `source_id` or by `id`, never both (the API ignores `source_id`
//   then); updates never send `id` or `source_id`;
// - stackable validations and redemptions with 1 to 30 distinct redeemables of every kind
//   (voucher codes, gift cards with positive integer `gift.credits`, loyalty cards with a
//   `reward.id` and positive integer `reward.points`, promotion tiers), or a promotion stack
//   alone; a `LOCK` session (with `ttl` and `ttl_unit` together); `options.expand`; an order
//   whose amounts add up, with `override` only in redemptions (validations do not store it);
// - qualifications with a `scenario`, `options.limit` 1 to 50, filters with `$is`, `$is_not`,
//   `$in`, `$not_in` conditions (never `$has_value`/`$is_unknown`, see spec-defects.test.mjs).

/** splitmix32: spreads a 32-bit seed into well-mixed words for the generator's state. */
function splitmix32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A seeded PRNG (sfc32) with helpers. The same seed always gives the same sequence. */
export function createRng(seed) {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const nextU32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i += 1) nextU32();
  const rng = {
    /** A float in [0, 1). */
    next: () => nextU32() / 4294967296,
    /** An integer in [min, max], both included. */
    int: (min, max) => min + Math.floor(rng.next() * (max - min + 1)),
    /** True with probability `p`. */
    chance: (p) => rng.next() < p,
    /** One element of a non-empty array. */
    pick: (list) => list[Math.floor(rng.next() * list.length)],
    /** `count` distinct elements of `list`, in random order. */
    sample: (list, count) => {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = Math.floor(rng.next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, count);
    },
    /** A string of `length` characters from `alphabet`. */
    chars: (length, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789") => {
      let out = "";
      for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(rng.next() * alphabet.length)];
      return out;
    },
  };
  return rng;
}

/** A 32-bit seed derived from text (FNV-1a), so that each (operation, index) has its own stream. */
export function seedOf(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Realistic pieces.

const FIRST_NAMES = ["Alice", "Bob", "Chloé", "Dawid", "Emma", "Farid", "Grace", "Hiro", "Ines", "João", "Kasia", "Liam", "Maya", "Noah", "Olga", "Priya", "Quentin", "Rosa", "Sven", "Tomás", "Uma", "Viktor", "Wen", "Yusuf", "Zoë"];
const LAST_NAMES = ["Smith", "Nowak", "García", "Müller", "Rossi", "Kowalski", "Tanaka", "O'Brien", "Dubois", "Silva", "Jensen", "Novák", "Haddad", "Kim", "Walker", "Ivanova", "Costa", "Berg", "Okafor", "Lee"];
const EMAIL_DOMAINS = ["example.com", "mail.example.org", "shop-test.io", "customers.example.net", "example.co.uk"];
const ADDRESSES = [
  { city: "New York", state: "NY", country: "United States", postal_code: "10001", phone_cc: "1", streets: ["Main St.", "W 34th Street"] },
  { city: "San Francisco", state: "CA", country: "United States", postal_code: "94105", phone_cc: "1", streets: ["Market Street", "Mission St."] },
  { city: "Warsaw", state: "Mazowieckie", country: "Poland", postal_code: "00-950", phone_cc: "48", streets: ["ul. Marszałkowska", "Aleje Jerozolimskie"] },
  { city: "Berlin", state: "Berlin", country: "Germany", postal_code: "10115", phone_cc: "49", streets: ["Unter den Linden", "Torstraße"] },
  { city: "London", state: "Greater London", country: "United Kingdom", postal_code: "SW1A 1AA", phone_cc: "44", streets: ["Baker Street", "Elm Road"] },
  { city: "Lisbon", state: "Lisboa", country: "Portugal", postal_code: "1100-148", phone_cc: "351", streets: ["Rua Augusta", "Avenida da Liberdade"] },
  { city: "Tokyo", state: "Tokyo", country: "Japan", postal_code: "100-0001", phone_cc: "81", streets: ["Chiyoda 1-chome", "Marunouchi 2-chome"] },
  { city: "São Paulo", state: "SP", country: "Brazil", postal_code: "01310-100", phone_cc: "55", streets: ["Avenida Paulista", "Rua Oscar Freire"] },
];
const PRODUCT_WORDS = ["Shirt", "Sneakers", "Phone", "Headphones", "Backpack", "Mug", "Notebook", "Lamp", "Jacket", "Watch", "Comic Book", "Coffee Beans", "Desk", "Bottle"];
const ADJECTIVES = ["Classic", "Slim", "Pro", "Eco", "Vintage", "Mini", "Deluxe", "Sport", "Organic", "Wireless"];
const COLORS = ["black", "white", "navy", "red", "olive", "silver", "golden", "purple"];
const SIZES = ["XS", "S", "M", "L", "XL"];
const CURRENCIES = ["USD", "EUR", "PLN", "GBP", "JPY"];
const CHANNELS = ["email", "sms", "myown", "in-app", "crm"];
const EVENT_NAMES = ["user_subscribed", "cart_abandoned", "review_posted", "newsletter_opened", "app_installed", "referral_shared", "profile_completed", "order_returned"];
const STATUSES = ["CREATED", "PAID", "CANCELED", "FULFILLED"];
const LANGS = ["en", "pl", "de", "pt", "ja", "fr"];

const pad = (n, width = 2) => String(n).padStart(width, "0");

/** A real calendar date `YYYY-MM-DD` between `fromYear` and `toYear`; leap days are possible. */
export function calendarDate(rng, fromYear = 1940, toYear = 2008) {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, 12);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return `${year}-${pad(month)}-${pad(rng.int(1, days))}`;
}

/** An RFC 3339 date-time with a zone, e.g. `2024-05-06T07:08:09.123Z` or `...+02:00`. */
function dateTime(rng) {
  const date = calendarDate(rng, 2019, 2025);
  const time = `${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
  const fraction = rng.chance(0.5) ? `.${pad(rng.int(0, 999), 3)}` : "";
  const zone = rng.chance(0.7) ? "Z" : `${rng.pick(["+", "-"])}${pad(rng.int(0, 12))}:${rng.pick(["00", "30"])}`;
  return `${date}T${time}${fraction}${zone}`;
}

function person(rng) {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const local = `${first}.${last}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z.]/g, "")
    .toLowerCase();
  const place = rng.pick(ADDRESSES);
  return {
    first,
    last,
    email: `${local}${rng.chance(0.3) ? rng.int(1, 99) : ""}@${rng.pick(EMAIL_DOMAINS)}`,
    phone: `+${place.phone_cc}${rng.chars(Math.min(15 - place.phone_cc.length, rng.int(9, 10)), "0123456789").replace(/^0/, "5")}`,
    place,
  };
}

function address(rng, place) {
  const out = { line_1: `${rng.int(1, 250)} ${rng.pick(place.streets)}` };
  if (rng.chance(0.4)) out.line_2 = `Apt ${rng.int(1, 40)}`;
  out.city = place.city;
  if (rng.chance(0.8)) out.state = place.state;
  out.country = place.country;
  out.postal_code = place.postal_code;
  return out;
}

/** Free metadata: strings, numbers, booleans, arrays (and ISO dates as strings). */
function metadata(rng, min = 1, max = 4) {
  const makers = [
    () => ["lang", rng.pick(LANGS)],
    () => ["vip", rng.chance(0.5)],
    () => ["loyalty_points", rng.int(0, 50000)],
    () => ["score", Math.round(rng.next() * 1000) / 100],
    () => ["favorite_brands", rng.sample(["Nike", "Fenty", "Reebok", "Adidas", "Puma"], rng.int(1, 3))],
    () => ["location_id", rng.sample(["L1", "L2", "L3", "L4"], rng.int(1, 2))],
    () => ["crm_created_date", calendarDate(rng, 2015, 2024)],
    () => ["newsletter", rng.chance(0.5)],
    () => ["segment", rng.pick(["retail", "wholesale", "b2b", "student"])],
    () => ["lucky_numbers", [rng.int(1, 49), rng.int(1, 49)]],
  ];
  const out = {};
  for (const make of rng.sample(makers, rng.int(min, max))) {
    const [key, value] = make();
    out[key] = value;
  }
  return out;
}

const customerSourceId = (rng, p) => rng.pick([() => p.email, () => `crm-${rng.chars(8, "0123456789")}`, () => `cust-src-${rng.chars(6)}`])();
const customerId = (rng) => `cust_${rng.chars(24, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}`;

/** The `CustomerBase` fields of a customer, some of them. */
function customerFields(rng, p, { full = false } = {}) {
  const out = {};
  if (full || rng.chance(0.9)) out.name = `${p.first} ${p.last}`;
  if (full || rng.chance(0.4)) out.description = rng.pick(["A frequent customer", "Newsletter signup", "Imported from CRM", "VIP since 2019"]);
  if (full || rng.chance(0.85)) out.email = p.email;
  if (full || rng.chance(0.6)) out.phone = p.phone;
  if (full || rng.chance(0.6)) out.birthdate = calendarDate(rng);
  if (full || rng.chance(0.5)) out.address = address(rng, p.place);
  if (full || rng.chance(0.7)) out.metadata = metadata(rng);
  return out;
}

/** A customer nested in another request, identified by `source_id` (or by `id` when allowed). */
function customerReference(rng, { allowId = false, detail = 0.5, full = false } = {}) {
  const p = person(rng);
  const out = allowId && !full && rng.chance(0.3) ? { id: customerId(rng) } : { source_id: customerSourceId(rng, p) };
  if (full || rng.chance(detail)) Object.assign(out, customerFields(rng, p, { full }));
  return out;
}

const productName = (rng) => `${rng.pick(ADJECTIVES)} ${rng.pick(PRODUCT_WORDS)}`;
const productSourceId = (rng) => `prod-src-${rng.chars(8)}`;
const skuSourceId = (rng) => `sku-src-${rng.chars(8)}`;
const imageUrl = (rng) => `https://images.example.com/${rng.chars(10)}.${rng.pick(["png", "jpg", "jpeg"])}`;
const cents = (rng) => rng.pick([rng.int(99, 9999), rng.int(1000, 99999), rng.int(100, 250000), 0, 1999, 20000]);

function productFields(rng, { full = false } = {}) {
  const out = {};
  if (full || rng.chance(0.9)) out.name = productName(rng);
  if (full || rng.chance(0.8)) out.price = cents(rng);
  if (full || rng.chance(0.6)) out.attributes = rng.sample(["color", "size", "memory", "material", "ranking"], rng.int(0, 3));
  if (full || rng.chance(0.6)) out.metadata = metadata(rng);
  if (full || rng.chance(0.5)) out.image_url = imageUrl(rng);
  return out;
}

function skuFields(rng, { full = false } = {}) {
  const out = {};
  if (full || rng.chance(0.9)) out.sku = `${productName(rng)} ${rng.pick(SIZES)} ${rng.pick(COLORS)}`;
  if (full || rng.chance(0.8)) out.price = cents(rng);
  if (full || rng.chance(0.6)) out.currency = rng.pick(CURRENCIES);
  if (full || rng.chance(0.7)) {
    out.attributes = { color: rng.pick(COLORS), size: rng.pick(SIZES) };
    if (rng.chance(0.4)) out.attributes.ranking = rng.int(1, 10);
    if (rng.chance(0.3)) out.attributes.limited = rng.chance(0.5);
  }
  if (full || rng.chance(0.4)) out.image_url = imageUrl(rng);
  if (full || rng.chance(0.5)) out.metadata = metadata(rng);
  return out;
}

/** Unique identifiers: `make()` until `count` distinct values are drawn. */
function uniqueIds(count, make) {
  const seen = new Set();
  while (seen.size < count) seen.add(make());
  return [...seen];
}

// ---------------------------------------------------------------------------------------------
// Orders.

/** One order item: identified one of three ways, `amount = price × quantity`. */
function orderItem(rng, { nested = 0.45, writes = true, way: forcedWay, related } = {}) {
  const item = {};
  const way = forcedWay ?? rng.pick(["product_id", "sku_id", "source_id"]);
  if (way === "product_id") item.product_id = `prod_${rng.chars(18, "0123456789abcdef")}`;
  if (way === "sku_id") item.sku_id = `sku_${rng.chars(18, "0123456789abcdef")}`;
  if (way === "source_id") {
    item.related_object = related ?? rng.pick(["product", "sku"]);
    item.source_id = item.related_object === "product" ? productSourceId(rng) : skuSourceId(rng);
  }
  const quantity = rng.chance(0.7) ? rng.int(1, 3) : rng.int(1, 40);
  const price = rng.chance(0.1) ? 0 : rng.int(50, 90000);
  item.quantity = quantity;
  item.price = price;
  item.amount = price * quantity;
  if (way === "source_id" && rng.chance(nested)) {
    // `override` writes the product or SKU, which only requests that store the order do.
    const override = writes && rng.chance(0.6);
    if (item.related_object === "product") {
      item.product = { source_id: item.source_id, name: productName(rng), price };
      if (override) item.product.override = true;
      if (rng.chance(0.5)) item.product.metadata = metadata(rng, 1, 2);
    } else {
      item.product = { source_id: productSourceId(rng), name: productName(rng) };
      item.sku = { source_id: item.source_id, sku: `${rng.pick(COLORS)} ${rng.pick(SIZES)}`, price };
      if (override) {
        item.product.override = true;
        item.sku.override = true;
      }
      if (rng.chance(0.4)) item.sku.metadata = metadata(rng, 1, 2);
    }
  }
  if (rng.chance(0.2)) item.metadata = { gift_wrap: rng.chance(0.5), note: rng.pick(["fragile", "express", "bundle"]) };
  // The API returns "object": "order_item"; some official examples send it back.
  if (rng.chance(0.1)) item.object = "order_item";
  return item;
}

/** An order (for create, update or import) whose amounts add up. */
function order(rng, { kind, itemCount, full = false } = {}) {
  const out = {};
  if (kind !== "update") {
    if (kind === "import" || rng.chance(0.85)) out.source_id = `order-${rng.chars(10, "0123456789")}`;
    else out.id = `ord_${rng.chars(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}`;
  }
  if (kind === "update" && !full && rng.chance(0.3)) {
    out.status = rng.pick(STATUSES);
    if (rng.chance(0.5)) out.metadata = metadata(rng, 1, 2);
    return out;
  }
  out.status = rng.pick(STATUSES);
  const count = itemCount ?? (rng.chance(0.85) ? rng.int(1, 6) : rng.int(7, 60));
  const items = Array.from({ length: count }, () => orderItem(rng));
  out.items = items;
  out.amount = items.reduce((sum, item) => sum + item.amount, 0);
  if (rng.chance(0.5)) out.metadata = metadata(rng);
  if (full || rng.chance(0.8)) out.customer = customerReference(rng, { allowId: true, full });
  if (full) {
    out.referrer = customerReference(rng, { full });
  } else if (rng.chance(0.3)) {
    if (rng.chance(0.6)) out.referrer = customerReference(rng, { detail: 0.6 });
    else out.referrer_id = customerId(rng);
  }
  if (kind !== "import" && (full || rng.chance(0.4))) out.created_at = dateTime(rng);
  return out;
}

// ---------------------------------------------------------------------------------------------
// One body per operation.

const eventName = (rng) =>
  rng.chance(0.8) ? rng.pick(EVENT_NAMES) : `${rng.pick(EVENT_NAMES)}_${rng.chars(rng.int(1, 40), "abcdefghijklmnopqrstuvwxyz_")}`;

function event(rng, name) {
  const out = { event: name ?? eventName(rng), customer: customerReference(rng, { detail: 0.4 }) };
  if (rng.chance(0.3)) out.referral = rng.chance(0.5) ? { code: rng.chars(8, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789") } : { code: rng.chars(8, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"), referrer_id: customerId(rng) };
  if (rng.chance(0.2)) out.loyalty = { code: `LOY-${rng.chars(6, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789")}` };
  if (rng.chance(0.7)) out.metadata = metadata(rng);
  return out;
}

function publication(rng, { count } = {}) {
  const out = {};
  const byVoucher = count === undefined && rng.chance(0.5);
  if (byVoucher) out.voucher = `${rng.pick(["SUMMER", "WELCOME", "VIP", "BF"])}-${rng.chars(8, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789")}`;
  else {
    out.campaign = { name: rng.chance(0.5) ? rng.pick(["Welcome 10%", "Summer Sale", "Referral Program", "Black Friday"]) : `camp_${rng.chars(24, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}` };
    const n = count ?? (rng.chance(0.5) ? undefined : rng.int(1, 50));
    if (n !== undefined) out.campaign.count = n;
  }
  // The API publishes a single voucher when `source_id` is given; keep it to such requests.
  if ((byVoucher || out.campaign.count === undefined || out.campaign.count === 1) && rng.chance(0.4)) {
    out.source_id = `pub-${rng.chars(10, "0123456789")}`;
  }
  out.customer = customerReference(rng, { allowId: true, detail: 0.4 });
  if (rng.chance(0.5)) out.channel = rng.pick(CHANNELS);
  if (rng.chance(0.5)) out.metadata = metadata(rng, 1, 3);
  return out;
}

function metadataUpdate(rng, makeId) {
  return { source_ids: uniqueIds(rng.int(1, 30), () => makeId(rng)), metadata: metadata(rng, 1, 4) };
}

// ---------------------------------------------------------------------------------------------
// Stackable validations and redemptions, and qualifications.

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const TTL_UNITS = ["DAYS", "HOURS", "MICROSECONDS", "MILLISECONDS", "MINUTES", "NANOSECONDS", "SECONDS"];
const STACKABLE_EXPAND = ["order", "redemption", "redeemable", "category"];
const QUALIFICATION_EXPAND = ["redeemable", "category", "validation_rules"];
const SCENARIOS = ["ALL", "CUSTOMER_WALLET", "AUDIENCE_ONLY", "PRODUCTS", "PRODUCTS_DISCOUNT", "PROMOTION_STACKS", "PRODUCTS_BY_CUSTOMER", "PRODUCTS_DISCOUNT_BY_CUSTOMER"];

/** One redeemable of `kind`, with the id `id`. */
function redeemable(rng, kind, id) {
  if (kind === "tier") return { object: "promotion_tier", id };
  if (kind === "stack") return { object: "promotion_stack", id };
  const out = { object: "voucher", id };
  if (kind === "gift") out.gift = { credits: rng.pick([rng.int(1, 99), rng.int(100, 50000), 2000]) };
  if (kind === "loyalty") out.reward = { id: `rew_${rng.chars(24, ID_ALPHABET)}`, points: rng.pick([1, rng.int(2, 500), rng.int(500, 100000)]) };
  return out;
}

/** The id a redeemable of `kind` is requested by: a code for vouchers, an API id otherwise. */
function redeemableId(rng, kind) {
  if (kind === "tier") return `promo_${rng.chars(24, ID_ALPHABET)}`;
  if (kind === "stack") return `stack_${rng.chars(24, ID_ALPHABET)}`;
  const prefix = { code: ["SUMMER", "WELCOME", "BF", "VIP", "REF"], gift: ["GIFT", "GC"], loyalty: ["LOY", "CARD"] }[kind];
  return `${rng.pick(prefix)}-${rng.chars(rng.int(4, 10), CODE_ALPHABET)}`;
}

/**
 * 1 to 30 distinct redeemables of every kind (codes, gift cards, loyalty cards, promotion tiers),
 * or a lone promotion stack. `count` forces the number; `kinds` forces the kinds.
 */
function redeemables(rng, { count, stack = false, kinds } = {}) {
  if (stack) return [redeemable(rng, "stack", redeemableId(rng, "stack"))];
  const n = count ?? (rng.chance(0.8) ? rng.int(1, 5) : rng.int(6, 30));
  const chosen = kinds ?? Array.from({ length: n }, () => rng.pick(["code", "code", "gift", "loyalty", "tier"]));
  const ids = new Set();
  return chosen.map((kind) => {
    let id;
    do id = redeemableId(rng, kind);
    while (ids.has(id));
    ids.add(id);
    return redeemable(rng, kind, id);
  });
}

/** An order inside a stackable or qualification request: `Order` = {id} ∪ `OrderBase`. */
function requestOrder(rng, { full = false, writes = false } = {}) {
  const out = {};
  const link = full ? "source_id" : rng.pick(["none", "none", "source_id", "id"]);
  if (link === "source_id") out.source_id = `order-${rng.chars(10, "0123456789")}`;
  if (link === "id") out.id = `ord_${rng.chars(20, ID_ALPHABET)}`;
  if (full || rng.chance(0.5)) out.status = rng.pick(STATUSES);
  const items = full
    ? // Every way of naming an item, and a nested product and SKU.
      [["product_id"], ["sku_id"], ["source_id", "product"], ["source_id", "sku"]].map(([way, related]) => orderItem(rng, { nested: 1, writes, way, related }))
    : Array.from({ length: rng.chance(0.85) ? rng.int(1, 6) : rng.int(7, 40) }, () => orderItem(rng, { writes }));
  out.items = items;
  out.amount = items.reduce((sum, item) => sum + item.amount, 0);
  if (full || rng.chance(0.4)) out.metadata = metadata(rng, 1, 3);
  return out;
}

/** A session lock: a type, and a key, ttl and ttl_unit some of the time. */
function session(rng, { full = false } = {}) {
  const out = { type: "LOCK" };
  if (full || rng.chance(0.6)) out.key = `ssn_${rng.chars(16, ID_ALPHABET)}`;
  if (full || rng.chance(0.5)) {
    out.ttl = rng.pick([1, 7, 15, 30, 60, 3600]);
    out.ttl_unit = rng.pick(TTL_UNITS);
  }
  return out;
}

/**
 * The body of a stackable validation or redemption. Variants: 1 holds 30 redeemables of every
 * kind and every optional field, 2 is a lone promotion stack, 3 is a single code and nothing else.
 */
function stackable(rng, variant, { writes = false } = {}) {
  if (variant === 3) return { redeemables: redeemables(rng, { count: 1, kinds: ["code"] }) };
  const full = variant === 1;
  const kinds = full ? Array.from({ length: 30 }, (_, i) => ["code", "gift", "loyalty", "tier"][i % 4]) : undefined;
  const out = { redeemables: redeemables(rng, { stack: variant === 2 || (variant > 3 && rng.chance(0.08)), kinds }) };
  if (full || rng.chance(0.75)) out.order = requestOrder(rng, { full, writes });
  if (full || rng.chance(0.7)) out.customer = customerReference(rng, { allowId: !full, detail: 0.5, full });
  if (full || rng.chance(0.5)) out.session = session(rng, { full });
  if (full || rng.chance(0.2)) out.tracking_id = `track_${rng.chars(12, ID_ALPHABET)}`;
  if (full || rng.chance(0.4)) out.metadata = metadata(rng, 1, 3);
  if (full || rng.chance(0.5)) out.options = { expand: full ? [...STACKABLE_EXPAND] : rng.sample(STACKABLE_EXPAND, rng.int(1, 4)) };
  return out;
}

/** A filter condition `{conditions: {$in: [...]}}` with one operator over `values`. */
function condition(rng, values) {
  const operator = rng.pick(["$is", "$is_not", "$in", "$not_in"]);
  return { conditions: { [operator]: rng.sample(values, rng.int(1, Math.min(3, values.length))) } };
}

const FILTERS = {
  category_id: (rng) => condition(rng, Array.from({ length: 4 }, () => `cat_${rng.chars(18, "0123456789abcdef")}`)),
  campaign_id: (rng) => condition(rng, Array.from({ length: 4 }, () => `camp_${rng.chars(24, ID_ALPHABET)}`)),
  campaign_type: (rng) => condition(rng, ["PROMOTION", "GIFT_VOUCHERS", "REFERRAL_PROGRAM", "DISCOUNT_COUPONS", "LOYALTY_PROGRAM"]),
  resource_id: (rng) => condition(rng, Array.from({ length: 4 }, () => `promo_${rng.chars(24, ID_ALPHABET)}`)),
  resource_type: (rng) => condition(rng, ["campaign", "voucher", "promotion_tier"]),
  voucher_type: (rng) => condition(rng, ["DISCOUNT_VOUCHER", "GIFT_VOUCHER", "LOYALTY_CARD"]),
  code: (rng) => condition(rng, Array.from({ length: 4 }, () => redeemableId(rng, "code"))),
  holder_role: (rng) => condition(rng, ["OWNER", "REFERRER", "REFEREE"]),
};

/** Qualification filters: a junction and some conditions (all of them when `full`). */
function filters(rng, { full = false } = {}) {
  const names = full ? Object.keys(FILTERS) : rng.sample(Object.keys(FILTERS), rng.int(1, 3));
  const out = {};
  if (full || names.length > 1) out.junction = rng.pick(["and", "or"]);
  for (const name of names) out[name] = FILTERS[name](rng);
  return out;
}

/**
 * The body of a qualification. Variants: 1 has every field (all filters), 2 the smallest and 3
 * the largest page (`limit` 1 and 50), 4 is empty (qualify with nothing but the defaults).
 */
function qualification(rng, variant) {
  if (variant === 4) return {};
  const full = variant === 1;
  const out = {};
  if (full || rng.chance(0.7)) out.customer = customerReference(rng, { allowId: !full, detail: 0.5, full });
  if (full || rng.chance(0.6)) out.order = requestOrder(rng, { full });
  if (full || rng.chance(0.2)) out.tracking_id = `track_${rng.chars(12, ID_ALPHABET)}`;
  if (full || rng.chance(0.8)) out.scenario = rng.pick(SCENARIOS);
  const options = {};
  if (full || variant === 2 || variant === 3 || rng.chance(0.6)) options.limit = variant === 2 ? 1 : variant === 3 ? 50 : rng.int(1, 50);
  if (full || rng.chance(0.2)) options.starting_after = dateTime(rng);
  if (full || rng.chance(0.5)) options.filters = filters(rng, { full });
  if (full || rng.chance(0.4)) options.expand = full ? [...QUALIFICATION_EXPAND] : rng.sample(QUALIFICATION_EXPAND, rng.int(1, 3));
  if (full || rng.chance(0.4)) options.sorting_rule = rng.pick(["BEST_DEAL", "LEAST_DEAL", "DEFAULT"]);
  if (Object.keys(options).length > 0) out.options = options;
  if (full || rng.chance(0.2)) out.session = { type: "LOCK" };
  if (full || rng.chance(0.3)) out.metadata = metadata(rng, 1, 3);
  return out;
}

/**
 * Generators by operation. `variant` is the body's index in the corpus; the first indexes give
 * the boundary cases (the largest or smallest valid values), the rest are random.
 */
const GENERATORS = {
  "POST /v1/customers": (rng, variant) => {
    const p = person(rng);
    const out = variant === 1 || rng.chance(0.85) ? { source_id: customerSourceId(rng, p) } : { id: customerId(rng) };
    return Object.assign(out, customerFields(rng, p, { full: variant === 1 }));
  },
  "PUT /v1/customers/{customerId}": (rng, variant) => {
    const p = person(rng);
    const out = customerFields(rng, p, { full: variant === 1 });
    // `address: null` clears the address (the schema declares it nullable).
    if (variant === 2 || (variant > 2 && rng.chance(0.1))) out.address = null;
    if (Object.keys(out).length === 0) out.name = `${p.first} ${p.last}`;
    return out;
  },
  "POST /v1/customers/bulk/async": (rng, variant) => {
    const count = variant === 1 ? 40 : rng.int(1, 12);
    const ids = uniqueIds(count, () => `crm-${rng.chars(8, "0123456789")}`);
    return ids.map((source_id) => ({ source_id, ...customerFields(rng, person(rng)) }));
  },
  "POST /v1/customers/metadata/async": (rng) => metadataUpdate(rng, (r) => `crm-${r.chars(8, "0123456789")}`),
  "POST /v1/products": (rng, variant) => {
    const out = variant === 1 || rng.chance(0.85) ? { source_id: productSourceId(rng) } : { id: `prod_${rng.chars(18, "0123456789abcdef")}` };
    return Object.assign(out, productFields(rng, { full: variant === 1 }));
  },
  "PUT /v1/products/{productId}": (rng, variant) => {
    const out = productFields(rng, { full: variant === 1 });
    if (Object.keys(out).length === 0) out.price = cents(rng);
    return out;
  },
  "POST /v1/products/bulk/async": (rng, variant) => {
    const ids = uniqueIds(variant === 1 ? 40 : rng.int(1, 12), () => productSourceId(rng));
    return ids.map((source_id) => ({ source_id, ...productFields(rng) }));
  },
  "POST /v1/products/metadata/async": (rng) => metadataUpdate(rng, productSourceId),
  "POST /v1/products/{productId}/skus": (rng, variant) => {
    const out = variant === 1 || rng.chance(0.85) ? { source_id: skuSourceId(rng) } : { id: `sku_${rng.chars(18, "0123456789abcdef")}` };
    return Object.assign(out, skuFields(rng, { full: variant === 1 }));
  },
  "PUT /v1/products/{productId}/skus/{skuId}": (rng, variant) => {
    const out = skuFields(rng, { full: variant === 1 });
    if (Object.keys(out).length === 0) out.price = cents(rng);
    return out;
  },
  "POST /v1/orders": (rng, variant) => order(rng, { kind: "create", itemCount: variant === 1 ? 500 : variant === 2 ? 1 : undefined, full: variant === 3 }),
  "PUT /v1/orders/{orderId}": (rng, variant) => order(rng, { kind: "update", itemCount: variant === 1 ? 500 : undefined, full: variant === 3 }),
  "POST /v1/orders/import": (rng, variant) => {
    const count = variant === 1 ? 20 : variant === 2 ? 1 : rng.int(1, 20);
    const orders = Array.from({ length: count }, (_, i) => order(rng, { kind: "import", itemCount: rng.int(1, 4), full: variant === 3 && i === 0 }));
    // Every imported order has a unique source_id.
    const ids = uniqueIds(count, () => `order-${rng.chars(10, "0123456789")}`);
    orders.forEach((o, i) => (o.source_id = ids[i]));
    return orders;
  },
  "POST /v1/events": (rng, variant) => event(rng, variant === 1 ? "x" : variant === 2 ? "e".repeat(300) : undefined),
  "POST /client/v1/events": (rng, variant) => event(rng, variant === 1 ? "e".repeat(300) : variant === 2 ? "z" : undefined),
  "POST /v1/publications": (rng, variant) => publication(rng, { count: variant === 1 ? 50 : variant === 2 ? 1 : undefined }),
  "POST /v1/validations": stackable,
  "POST /v1/redemptions": (rng, variant) => stackable(rng, variant, { writes: true }),
  "POST /v1/qualifications": qualification,
  "POST /client/v1/validations": stackable,
  "POST /client/v1/redemptions": (rng, variant) => stackable(rng, variant, { writes: true }),
  "POST /client/v1/qualifications": qualification,
};

/** The operations the generator covers. */
export const GENERATED_OPERATIONS = Object.freeze(Object.keys(GENERATORS));

/** The body number `index` of `operation`, from the corpus seed. */
export function generateBody(operation, index, seed = DEFAULT_SEED) {
  const make = GENERATORS[operation];
  if (!make) throw new Error(`no generator for ${operation}`);
  const rng = createRng((seed ^ seedOf(`${operation}#${index}`)) >>> 0);
  return make(rng, index);
}

/** The corpus seed. Change it to explore; the tests use the default. */
export const DEFAULT_SEED = 20260821;

/**
 * The valid corpus: `perOperation` bodies of every operation, as `[{ operation, index, body }]`.
 */
export function generateCorpus({ perOperation = 15, seed = DEFAULT_SEED } = {}) {
  const corpus = [];
  for (const operation of GENERATED_OPERATIONS) {
    for (let index = 0; index < perOperation; index += 1) {
      corpus.push({ operation, index, body: generateBody(operation, index, seed) });
    }
  }
  return corpus;
}
