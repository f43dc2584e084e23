//! Unicode lowercase, exactly as `str::to_lowercase` maps it (`Σ` to `ς` at the end of a word
//! included), from tables build.rs derives from the toolchain's own `to_lowercase`: 4 KB where
//! the standard library's case tables take 13 KB, which a browser would download.

include!(concat!(env!("OUT_DIR"), "/lowercase_tables.rs"));

/// `text` lowercased, as `text.to_lowercase()` does.
pub(crate) fn to_lowercase(text: &str) -> String {
    let mut lower = String::with_capacity(text.len());
    for (index, c) in text.char_indices() {
        if c.is_ascii() {
            lower.push(c.to_ascii_lowercase());
        } else if c == 'Σ' {
            let before = text.get(..index).unwrap_or_default().chars().rev();
            let after = text
                .get(index.saturating_add(c.len_utf8())..)
                .unwrap_or_default()
                .chars();
            let word_final = cased_after_ignorable(before) && !cased_after_ignorable(after);
            lower.push(if word_final { 'ς' } else { 'σ' });
        } else if let Some(&(_, several)) = MULTI.iter().find(|&&(from, _)| from == c) {
            lower.push_str(several);
        } else {
            lower.push(lowercase_char(c));
        }
    }
    lower
}

/// The one-character lowercase of `c`, or `c`.
fn lowercase_char(c: char) -> char {
    let code = u32::from(c);
    let index = RUNS.partition_point(|&(packed, _)| packed & 0x1f_ffff <= code);
    let Some(&(packed, delta)) = index.checked_sub(1).and_then(|last| RUNS.get(last)) else {
        return c;
    };
    let start = packed & 0x1f_ffff;
    let count = ((packed >> 21) & 0x3ff).wrapping_add(1);
    // Every character (0) or every other one (1).
    let stride_shift = packed >> 31;
    let offset = code.wrapping_sub(start);
    if offset & stride_shift != 0 || offset >> stride_shift >= count {
        return c;
    }
    code.checked_add_signed(delta)
        .and_then(char::from_u32)
        .unwrap_or(c)
}

/// Whether the first character of `chars` that is not case-ignorable is cased: the test of
/// Unicode's Final_Sigma condition, on the text before a `Σ` (reversed) and after it.
fn cased_after_ignorable(mut chars: impl Iterator<Item = char>) -> bool {
    const CASE_IGNORABLE: u32 = 1;
    const CASED: u32 = 2;
    chars.find_map(|c| Some(sigma_class(c)).filter(|&class| class != CASE_IGNORABLE)) == Some(CASED)
}

/// The final-sigma class of `c`: 0 other, 1 case-ignorable, 2 cased. A linear walk, since it
/// only runs next to a `Σ`.
fn sigma_class(c: char) -> u32 {
    let code = u32::from(c);
    sigma_class_runs()
        .take_while(|&(first, _)| first <= code)
        .last()
        .map_or(0, |(_, class)| class)
}

/// The final-sigma classes as runs, in order: `(first character, class)`, the class holding up
/// to the next run's first character.
fn sigma_class_runs() -> impl Iterator<Item = (u32, u32)> {
    let mut entries = SIGMA_CLASSES.iter();
    let mut first = 0u32;
    std::iter::from_fn(move || {
        let &entry = entries.next()?;
        let packed = if entry & 0x8000 == 0 {
            u32::from(entry)
        } else {
            let low = entries.next().copied().unwrap_or_default();
            (u32::from(entry & 0x7fff) << 16) | u32::from(low)
        };
        first = first.wrapping_add(packed >> 2);
        Some((first, packed & 3))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn lowercases_every_character_like_std() {
        let mut text = String::new();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            text.clear();
            text.push(c);
            assert_eq!(
                to_lowercase(&text),
                text.to_lowercase(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    /// The final-sigma class std gives `c`, found as build.rs finds it: whether a `Σ` before
    /// `c`, and before `c` and a cased letter, stays `σ`.
    fn std_sigma_class(c: char) -> u32 {
        let stays = |text: String| text.to_lowercase().chars().nth(1) == Some('σ');
        if stays(format!("AΣ{c}")) {
            2
        } else if stays(format!("AΣ{c}A")) {
            1
        } else {
            0
        }
    }

    #[test]
    fn knows_the_final_sigma_class_of_every_character() {
        let mut runs = sigma_class_runs().peekable();
        let mut class = 0;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            while let Some(&(_, next)) = runs.peek().filter(|&&(first, _)| first <= u32::from(c)) {
                class = next;
                runs.next();
            }
            assert_eq!(class, std_sigma_class(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn places_final_sigma_like_std_next_to_every_kind_of_character() {
        // Both sides of every change of class, and every 97th character.
        let edges = sigma_class_runs().flat_map(|(first, _)| [first.wrapping_sub(1), first]);
        let sample = (0..=u32::from(char::MAX)).step_by(97);
        let mut text = String::new();
        for c in edges.chain(sample).filter_map(char::from_u32) {
            for (before, after) in [("AΣ", ""), ("AΣ", "A"), ("A", "Σ"), ("", "Σ"), ("Σ", "")]
            {
                text.clear();
                text.push_str(before);
                text.push(c);
                text.push_str(after);
                assert_eq!(to_lowercase(&text), text.to_lowercase(), "{text:?}");
            }
        }
    }

    #[test]
    fn lowercases_words_like_std() {
        for text in [
            "ὈΔΥΣΣΕΎΣ",
            "ΣΑΣ ΣΑΣ. Σ",
            "AΣ'Σ' Σ̈Σ A\u{301}Σ\u{301}",
            "İSTANBUL",
            "ǅUNGLA ǈ ǋ",
            "ÅNGSTRÖM K Ω",
            "ann.smith@BÜCHER.DE",
            "ⰀⰁ ꙀꙂ Ꭰ 𐐀 𞤀",
            "",
        ] {
            assert_eq!(to_lowercase(text), text.to_lowercase(), "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn lowercases_text_like_std(text in "[AaΣσ'.\u{301}\u{300}\u{0130} ΑΒΓİÅǅ\u{10400}x-]{0,12}") {
            prop_assert_eq!(to_lowercase(&text), text.to_lowercase());
        }

        #[test]
        fn lowercases_any_text_like_std(text in any::<String>()) {
            prop_assert_eq!(to_lowercase(&text), text.to_lowercase());
        }
    }
}
