//! Doubles as decimal text, written and read exactly as `core` does (`format!("{x}")` and
//! `str::parse::<f64>`), without `core`'s float formatting and parsing code and tables: about
//! 23 KB of the storefront's gzipped WebAssembly once no module calls `core`'s. Writing goes
//! through serde_json's shortest round-trip digits, which the package links anyway; reading is
//! exact big-integer arithmetic, short for the short numbers messages and metadata hold.

use std::cmp::Ordering;

/// `value` as `format!("{value}")` writes it: the shortest digits that read back as `value`
/// (the upper of two equally near), never in exponent form (`1e21` is
/// `1000000000000000000000`, `1e-7` is `0.0000001`), `-0` for negative zero, `NaN`, `inf` and
/// `-inf`.
pub(crate) fn display_f64(value: f64) -> String {
    if value.is_nan() {
        return String::from("NaN");
    }
    let mut text = String::from(if value.is_sign_negative() { "-" } else { "" });
    if value.is_infinite() {
        text.push_str("inf");
        return text;
    }
    // serde_json writes the same shortest digits as core, laid out as `1.5e-7` or `123.0`.
    let shortest = serde_json::Number::from_f64(value.abs()).map(|number| number.to_string());
    let Some(mut decimal) = shortest.and_then(|shortest| Decimal::parse(shortest.as_bytes()))
    else {
        return text;
    };
    if decimal.digits.is_empty() {
        text.push('0');
        return text;
    }
    if decimal.is_halfway_below(value.abs()) {
        // serde_json breaks the tie to the even digit, core to the upper one.
        decimal.round_up_last_digit();
    }
    let Decimal { digits, point } = decimal;
    let digit = |d: u8| char::from(b'0'.wrapping_add(d));
    match usize::try_from(point) {
        Ok(0) | Err(_) => {
            text.push_str("0.");
            text.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
            text.extend(digits.iter().map(|&d| digit(d)));
        }
        Ok(point) => {
            for (index, &d) in digits.iter().enumerate() {
                if index == point {
                    text.push('.');
                }
                text.push(digit(d));
            }
            text.extend(std::iter::repeat_n('0', point.saturating_sub(digits.len())));
        }
    }
    text
}

/// Reads `text` as `text.parse::<f64>().ok()` does: an optional sign, then decimal digits with
/// an optional point and exponent (`1.`, `.5` and `1E+3` included), or `inf`, `infinity` or
/// `nan` in any case; rounded to the nearest double, ties to even, as core does.
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes().split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        Some(_) => (false, text.as_bytes()),
        None => return None,
    };
    let magnitude = match Decimal::parse(rest) {
        Some(decimal) => decimal.to_f64(),
        None => special(rest)?,
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// `inf`, `infinity` and `nan`, in any case.
fn special(bytes: &[u8]) -> Option<f64> {
    if bytes.eq_ignore_ascii_case(b"inf") || bytes.eq_ignore_ascii_case(b"infinity") {
        Some(f64::INFINITY)
    } else if bytes.eq_ignore_ascii_case(b"nan") {
        Some(f64::NAN)
    } else {
        None
    }
}

/// Significant digits kept; a nonzero digit beyond them only matters as a sticky digit, since
/// every value halfway between two doubles has at most 767 significant digits.
const MAX_DIGITS: usize = 800;

/// A decimal number `0.DIGITS × 10^point`, digits without leading zeros.
struct Decimal {
    /// Digit values 0–9; empty for zero.
    digits: Vec<u8>,
    /// The decimal exponent of the point before the first digit.
    point: i64,
}

impl Decimal {
    /// Digits with an optional point and exponent; at least one digit before the exponent.
    fn parse(bytes: &[u8]) -> Option<Decimal> {
        let mut digits = Vec::new();
        let mut point: i64 = 0;
        let mut any_digit = false;
        let mut seen_point = false;
        let mut dropped_nonzero = false;
        let mut rest = bytes;
        while let Some((&byte, tail)) = rest.split_first() {
            match byte {
                b'0'..=b'9' => {
                    any_digit = true;
                    let digit = byte.wrapping_sub(b'0');
                    if digits.is_empty() && digit == 0 {
                        // A leading zero: after the point it moves the point.
                        if seen_point {
                            point = point.saturating_sub(1);
                        }
                    } else {
                        if !seen_point {
                            point = point.saturating_add(1);
                        }
                        if digits.len() < MAX_DIGITS {
                            digits.push(digit);
                        } else if digit != 0 {
                            dropped_nonzero = true;
                        }
                    }
                }
                b'.' if !seen_point => seen_point = true,
                _ => break,
            }
            rest = tail;
        }
        if !any_digit {
            return None;
        }
        if let Some((&(b'e' | b'E'), tail)) = rest.split_first() {
            let (negative, tail) = match tail.split_first() {
                Some((b'-', tail)) => (true, tail),
                Some((b'+', tail)) => (false, tail),
                _ => (false, tail),
            };
            if tail.is_empty() || !tail.iter().all(u8::is_ascii_digit) {
                return None;
            }
            // Core stops reading the exponent once it reaches 2^16 (zero or infinity then,
            // unless the digits are as many), and so does this.
            let exponent = tail.iter().fold(0i64, |acc, &b| {
                if acc < 0x10000 {
                    acc.saturating_mul(10)
                        .saturating_add(i64::from(b.wrapping_sub(b'0')))
                } else {
                    acc
                }
            });
            point = if negative {
                point.saturating_sub(exponent)
            } else {
                point.saturating_add(exponent)
            };
        } else if !rest.is_empty() {
            return None;
        }
        if dropped_nonzero {
            digits.push(1);
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
        Some(Decimal { digits, point })
    }

    /// Whether a finite, positive `value` is exactly halfway between this number and the next
    /// one with as many digits. Only a fraction can be: an integer halfway point would need a
    /// gap between neighbouring doubles wider than the last digit's unit.
    fn is_halfway_below(&self, value: f64) -> bool {
        let count = i64::try_from(self.digits.len()).unwrap_or(i64::MAX);
        let exponent = self.point.saturating_sub(count);
        if exponent >= 0 {
            return false;
        }
        let bits = value.to_bits();
        let biased = (bits >> 52) & 0x7ff;
        let fraction = bits & ((1u64 << 52) - 1);
        let (mantissa, power) = if biased == 0 {
            (fraction, -1074i64)
        } else {
            (
                fraction | (1u64 << 52),
                i64::try_from(biased).unwrap_or(0).saturating_sub(1075),
            )
        };
        // value = mantissa × 2^power = (2 × DIGITS + 1) / 2 × 10^exponent
        //   ⇔ mantissa × 10^-exponent × 2^(power + 1) = 2 × DIGITS + 1
        let mut left = Big::from_u64(mantissa);
        left.mul_pow10(u32::try_from(exponent.unsigned_abs()).unwrap_or(u32::MAX));
        let mut right = Big::from_digits(&self.digits);
        right.mul_add_small(2, 1);
        let twos = power.saturating_add(1);
        let shift = usize::try_from(twos.unsigned_abs()).unwrap_or(usize::MAX);
        if twos >= 0 {
            left.shl(shift);
        } else {
            right.shl(shift);
        }
        left.compare(&right) == Ordering::Equal
    }

    /// Adds one unit of the last digit: `0.129` becomes `0.13`, `0.99` becomes `1`.
    fn round_up_last_digit(&mut self) {
        while self.digits.last() == Some(&9) {
            self.digits.pop();
        }
        match self.digits.last_mut() {
            Some(last) => *last = last.wrapping_add(1),
            None => {
                self.digits.push(1);
                self.point = self.point.saturating_add(1);
            }
        }
    }

    /// The nearest double, ties to even.
    fn to_f64(&self) -> f64 {
        if self.digits.is_empty() || self.point < -324 {
            // Below 10^-324, under half the smallest subnormal.
            return 0.0;
        }
        if self.point > 310 {
            return f64::INFINITY;
        }
        let count = i64::try_from(self.digits.len()).unwrap_or(i64::MAX);
        // value = D × 10^exponent, D the digits as an integer.
        let exponent = self.point.saturating_sub(count);
        let mut numerator = Big::from_digits(&self.digits);
        let mut denominator = Big::from_u32(1);
        let ten_power = u32::try_from(exponent.unsigned_abs()).unwrap_or(u32::MAX);
        if exponent >= 0 {
            numerator.mul_pow10(ten_power);
        } else {
            denominator.mul_pow10(ten_power);
        }
        // Scale by 2^shift so the quotient has 55 or 56 bits: 53 for the mantissa, one to round
        // on, and the remainder as the sticky bit.
        let numerator_bits = i64::try_from(numerator.bit_len()).unwrap_or(0);
        let denominator_bits = i64::try_from(denominator.bit_len()).unwrap_or(0);
        let shift = 55i64.saturating_sub(numerator_bits.saturating_sub(denominator_bits));
        let shift_bits = usize::try_from(shift.unsigned_abs()).unwrap_or(0);
        if shift >= 0 {
            numerator.shl(shift_bits);
        } else {
            denominator.shl(shift_bits);
        }
        let (quotient, inexact) = numerator.div_small_quotient(&denominator);
        round_to_f64(quotient, shift.saturating_neg(), inexact)
    }
}

/// `(quotient + a nonzero fraction if inexact) × 2^exponent` rounded to the nearest double,
/// ties to even; `quotient` has at least 54 bits.
fn round_to_f64(quotient: u64, exponent: i64, inexact: bool) -> f64 {
    let bits = i64::from(64u32.saturating_sub(quotient.leading_zeros()));
    // The exponent of the mantissa's last bit: normal, or the subnormals' fixed one.
    let last_bit = exponent.saturating_add(bits.saturating_sub(53)).max(-1074);
    let drop = u32::try_from(last_bit.saturating_sub(exponent)).unwrap_or(u32::MAX);
    if drop > 63 {
        return 0.0;
    }
    let mut mantissa = quotient.checked_shr(drop).unwrap_or(0);
    // The dropped bits against half of the last kept one (drop ≥ 2: the quotient has 55 bits).
    let half = 1u64.wrapping_shl(drop.saturating_sub(1));
    let dropped = quotient & half.wrapping_shl(1).wrapping_sub(1);
    let round_up = dropped > half || (dropped == half && (inexact || mantissa & 1 == 1));
    if round_up {
        mantissa = mantissa.wrapping_add(1);
    }
    let mut last_bit = last_bit;
    if mantissa >> 53 != 0 {
        mantissa >>= 1;
        last_bit = last_bit.saturating_add(1);
    }
    if last_bit > 971 {
        return f64::INFINITY;
    }
    // m × 2^e with m < 2^53 and e ≥ -1074 is the bit pattern ((e + 1074) << 52) + m: the
    // mantissa's top bit carries into the exponent field, and subnormals have e = -1074.
    let biased = u64::try_from(last_bit.saturating_add(1074)).unwrap_or(0);
    f64::from_bits((biased << 52).wrapping_add(mantissa))
}

/// A non-negative big integer, 32-bit limbs, least significant first, no high zero limbs.
struct Big {
    limbs: Vec<u32>,
}

impl Big {
    fn from_u32(value: u32) -> Big {
        Big::from_u64(u64::from(value))
    }

    fn from_u64(value: u64) -> Big {
        let mut big = Big {
            limbs: vec![value as u32, (value >> 32) as u32],
        };
        big.trim();
        big
    }

    /// The integer the decimal digits (0–9 each) write.
    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big { limbs: Vec::new() };
        for chunk in digits.chunks(9) {
            let (scale, value) = chunk.iter().fold((1u32, 0u32), |(scale, value), &digit| {
                (
                    scale.wrapping_mul(10),
                    value.wrapping_mul(10).wrapping_add(u32::from(digit)),
                )
            });
            big.mul_add_small(scale, value);
        }
        big
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    /// self = self × factor + addend.
    fn mul_add_small(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.limbs {
            let product = u64::from(*limb)
                .wrapping_mul(u64::from(factor))
                .wrapping_add(carry);
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
        self.trim();
    }

    /// self = self × 10^power.
    fn mul_pow10(&mut self, power: u32) {
        let mut left = power;
        while left >= 9 {
            self.mul_add_small(1_000_000_000, 0);
            left = left.wrapping_sub(9);
        }
        if left > 0 {
            self.mul_add_small(10u32.pow(left), 0);
        }
    }

    /// self = self × 2^bits.
    fn shl(&mut self, bits: usize) {
        if self.limbs.is_empty() {
            return;
        }
        let (words, bits) = (bits / 32, (bits % 32) as u32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.limbs {
                let shifted = (*limb << bits) | carry;
                carry = *limb >> 32u32.wrapping_sub(bits);
                *limb = shifted;
            }
            if carry != 0 {
                self.limbs.push(carry);
            }
        }
        if words > 0 {
            let mut limbs = vec![0; words];
            limbs.append(&mut self.limbs);
            self.limbs = limbs;
        }
    }

    fn bit_len(&self) -> usize {
        match self.limbs.last() {
            Some(&top) => self
                .limbs
                .len()
                .saturating_sub(1)
                .saturating_mul(32)
                .saturating_add(32usize.saturating_sub(top.leading_zeros() as usize)),
            None => 0,
        }
    }

    /// Bit `index` (0 is the least significant).
    fn bit(&self, index: usize) -> bool {
        self.limbs
            .get(index / 32)
            .is_some_and(|limb| (limb >> (index % 32)) & 1 == 1)
    }

    fn compare(&self, other: &Big) -> Ordering {
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }

    /// self = self - other, for other ≤ self.
    fn sub(&mut self, other: &Big) {
        let mut borrow = false;
        for (index, limb) in self.limbs.iter_mut().enumerate() {
            let subtrahend = other.limbs.get(index).copied().unwrap_or(0);
            let (value, under) = limb.overflowing_sub(subtrahend);
            let (value, under_borrow) = value.overflowing_sub(u32::from(borrow));
            *limb = value;
            borrow = under || under_borrow;
        }
        self.trim();
    }

    /// self = self × 2 + bit.
    fn shl1_add(&mut self, bit: bool) {
        let mut carry = u32::from(bit);
        for limb in &mut self.limbs {
            let next = *limb >> 31;
            *limb = (*limb << 1) | carry;
            carry = next;
        }
        if carry != 0 {
            self.limbs.push(carry);
        }
    }

    /// The quotient `self / divisor`, which must fit in 64 bits, and whether a remainder is
    /// left: binary long division, one bit of `self` at a time.
    fn div_small_quotient(&self, divisor: &Big) -> (u64, bool) {
        let mut remainder = Big { limbs: Vec::new() };
        let mut quotient = 0u64;
        for index in (0..self.bit_len()).rev() {
            remainder.shl1_add(self.bit(index));
            let fits = remainder.compare(divisor) != Ordering::Less;
            if fits {
                remainder.sub(divisor);
            }
            quotient = (quotient << 1) | u64::from(fits);
        }
        (quotient, !remainder.limbs.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same_parse(text: &str) {
        let ours = parse_f64(text);
        let core = text.parse::<f64>().ok();
        match (ours, core) {
            (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {
                assert_eq!(a.is_sign_negative(), b.is_sign_negative(), "{text:?}")
            }
            (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{text:?}: {a:e} vs {b:e}"),
            _ => assert_eq!(ours, core, "{text:?}"),
        }
    }

    fn same_display(value: f64) {
        assert_eq!(display_f64(value), value.to_string(), "{value:e}");
    }

    #[test]
    fn displays_like_core() {
        for value in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            -1.5,
            123.0,
            1e15,
            1e16,
            1e21,
            1e22,
            1.5e300,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            1e-7,
            1.5e-7,
            0.000123,
            9007199254740993.0,
            692981999476196.0 + 0.25,
            692981999476196.0 + 0.75,
            999999999999999.9,
            2f64.powi(60),
            f64::EPSILON,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            same_display(value);
        }
    }

    #[test]
    fn parses_like_core() {
        // Separated by `|`; the first is the empty text.
        let texts = concat!(
            "|+|-|.|e5|1e|1e+|1e-|1.2.3|1_000| 1|1 |0x10|++1|+-1|0|-0|+0|00|0.0|1.|.5|-.5|",
            "+.5e1|1e5|1E5|1e+5|1e-5|1.5e300|1e308|1.7976931348623157e308|",
            "1.7976931348623158e308|1.7976931348623159e308|1e309|2.2250738585072014e-308|",
            "4.9e-324|5e-324|2.4703282292062327e-324|2.4703282292062328e-324|",
            "2.4703282292062328e-324|1e-324|1e-400|1e99999999999999999999|",
            "1e-99999999999999999999|0.000000000000000000000000000000000000000000001|",
            "9007199254740993|9007199254740992.5|",
            "9007199254740993.0000000000000000000000000000001|0.1|0.2|0.3|",
            "123456789012345678901234567890|inf|-inf|INF|Infinity|-infinity|infinit|nan|NaN|",
            "-nan|+NAN|nana|90|-90.0|180.000000000000001|52.520008|13.404954",
        );
        for text in texts.split('|') {
            same_parse(text);
        }
        // A halfway case whose deciding digit comes after 800 digits.
        let long = format!("9007199254740993{}1", "0".repeat(1000));
        same_parse(&format!("{long}e-1000"));
        same_parse(&format!("0.{}", "0".repeat(2000)));
        same_parse(&format!("1{}", "0".repeat(400)));
    }

    #[test]
    fn parses_exact_halfway_points() {
        // The decimal expansion of halfway points between neighbouring doubles (ties to even).
        for value in [
            1.0f64,
            2f64.powi(60),
            1e300,
            f64::MIN_POSITIVE,
            5e-324,
            1e-310,
        ] {
            let next = f64::from_bits(value.to_bits() + 1);
            let halfway = format!("{:.1100e}", (value / 2.0) + (next / 2.0));
            same_parse(&halfway);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn displays_every_double_like_core(bits in any::<u64>()) {
            same_display(f64::from_bits(bits));
        }

        #[test]
        fn breaks_ties_to_the_upper_digit_like_core(
            whole in (1u64 << 40)..(1u64 << 52),
            sixty_fourths in 0u64..64,
        ) {
            // Doubles with a short binary fraction are where two shortest digit strings can be
            // equally near (692981999476196.25 is .2 or .3).
            same_display(whole as f64 + sixty_fourths as f64 / 64.0);
            same_display((whole as f64 + sixty_fourths as f64 / 64.0) / 1024.0);
        }

        #[test]
        fn reads_back_every_double_like_core(bits in any::<u64>()) {
            let value = f64::from_bits(bits);
            same_parse(&value.to_string());
            same_parse(&format!("{value:e}"));
            same_parse(&format!("{value:.25e}"));
        }

        #[test]
        fn parses_decimal_text_like_core(
            sign in "[+-]?",
            whole in "[0-9]{0,25}",
            fraction in proptest::option::of("[0-9]{0,25}"),
            exponent in proptest::option::of("[eE][+-]?[0-9]{1,4}"),
        ) {
            let text = format!(
                "{sign}{whole}{}{}",
                fraction.map(|f| format!(".{f}")).unwrap_or_default(),
                exponent.unwrap_or_default()
            );
            same_parse(&text);
        }

        #[test]
        fn parses_any_short_text_like_core(text in "[-+0-9.eEinfatyINFATY]{0,12}") {
            same_parse(&text);
        }
    }
}
