//! The regular expressions of libphonenumber's metadata, on digits: a backtracking matcher for
//! the subset the metadata uses (digits, `\d`, `[...]` classes, `(...)`, `(?:...)`, `|`, `?`,
//! `{n}`, `{n,m}`, `$`), first alternative and longest repetition first, as JavaScript's
//! `RegExp` (which libphonenumber-js uses) chooses among matches.

use std::slice;

/// The digits a position admits: bit `n` for the digit `n`.
type Digits = u16;

/// The spans of the capturing groups of a match, group 1 first.
pub type Captures = [Option<(usize, usize)>; 3];

/// One element of a parsed pattern.
enum Node {
    Digit(Digits),
    End,
    Group {
        alternatives: Vec<Vec<Node>>,
        capture: Option<usize>,
    },
    Repeat {
        node: Box<Node>,
        min: u8,
        max: u8,
    },
}

/// A pattern parsed for matching; `None` from [`Pattern::parse`] for syntax outside the subset.
pub struct Pattern {
    root: Vec<Vec<Node>>,
    /// How many capturing groups the pattern has.
    pub groups: usize,
}

impl Pattern {
    /// Parses `source`; `None` when it uses syntax the metadata does not.
    pub fn parse(source: &str) -> Option<Pattern> {
        let mut parser = Parser {
            bytes: source.as_bytes(),
            at: 0,
            groups: 0,
        };
        let root = parser.alternatives()?;
        (parser.at == source.len()).then_some(Pattern {
            root,
            groups: parser.groups,
        })
    }

    /// The first match (in JavaScript's order) that starts at the start of `text`: where it ends
    /// and its groups.
    pub fn match_start(&self, text: &str) -> Option<(usize, Captures)> {
        let mut found = None;
        let mut captures = Captures::default();
        Matcher(text.as_bytes()).group(&self.root, None, &[], 0, &mut captures, &mut |end, c| {
            found = Some((end, *c));
            true
        });
        found
    }

    /// Whether the whole of `text` matches.
    pub fn matches_entirely(&self, text: &str) -> bool {
        let mut captures = Captures::default();
        Matcher(text.as_bytes()).group(&self.root, None, &[], 0, &mut captures, &mut |end, _| {
            end == text.len()
        })
    }
}

/// Whether the whole of `text` matches `pattern` (false for a pattern outside the subset).
pub fn matches_entirely(pattern: &str, text: &str) -> bool {
    Pattern::parse(pattern).is_some_and(|pattern| pattern.matches_entirely(text))
}

struct Parser<'p> {
    bytes: &'p [u8],
    at: usize,
    groups: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at = self.at.saturating_add(1);
        Some(byte)
    }

    fn digit(&mut self) -> Option<u8> {
        self.bump()
            .filter(u8::is_ascii_digit)
            .map(|d| d.saturating_sub(b'0'))
    }

    fn alternatives(&mut self) -> Option<Vec<Vec<Node>>> {
        let mut alternatives = vec![self.sequence()?];
        while self.peek() == Some(b'|') {
            self.bump();
            alternatives.push(self.sequence()?);
        }
        Some(alternatives)
    }

    fn sequence(&mut self) -> Option<Vec<Node>> {
        let mut nodes = Vec::new();
        while !matches!(self.peek(), None | Some(b'|' | b')')) {
            let atom = self.atom()?;
            nodes.push(self.quantified(atom)?);
        }
        Some(nodes)
    }

    fn atom(&mut self) -> Option<Node> {
        Some(match self.bump()? {
            b'(' => {
                let capture = if self
                    .bytes
                    .get(self.at..)
                    .is_some_and(|r| r.starts_with(b"?:"))
                {
                    self.at = self.at.saturating_add(2);
                    None
                } else {
                    self.groups = self.groups.saturating_add(1);
                    Some(self.groups)
                };
                let alternatives = self.alternatives()?;
                if self.bump()? != b')' {
                    return None;
                }
                Node::Group {
                    alternatives,
                    capture,
                }
            }
            b'[' => Node::Digit(self.class()?),
            b'\\' => Node::Digit(self.escape()?),
            b'$' => Node::End,
            d @ b'0'..=b'9' => Node::Digit(1 << d.saturating_sub(b'0')),
            _ => return None,
        })
    }

    fn escape(&mut self) -> Option<Digits> {
        (self.bump()? == b'd').then_some(0x3ff)
    }

    fn class(&mut self) -> Option<Digits> {
        let mut set: Digits = 0;
        loop {
            match self.peek()? {
                b']' => {
                    self.bump();
                    return Some(set);
                }
                b'\\' => {
                    self.bump();
                    set |= self.escape()?;
                }
                _ => {
                    let low = self.digit()?;
                    let high = if self.peek() == Some(b'-') {
                        self.bump();
                        self.digit()?
                    } else {
                        low
                    };
                    for d in low..=high {
                        set |= 1 << d;
                    }
                }
            }
        }
    }

    fn number(&mut self) -> Option<u8> {
        let mut value: u8 = self.digit()?;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            value = value.checked_mul(10)?.checked_add(self.digit()?)?;
        }
        Some(value)
    }

    fn quantified(&mut self, node: Node) -> Option<Node> {
        let (min, max) = match self.peek() {
            Some(b'?') => {
                self.bump();
                (0, 1)
            }
            Some(b'{') => {
                self.bump();
                let min = self.number()?;
                let max = if self.peek() == Some(b',') {
                    self.bump();
                    self.number()?
                } else {
                    min
                };
                if self.bump()? != b'}' || max < min {
                    return None;
                }
                (min, max)
            }
            _ => return Some(node),
        };
        Some(Node::Repeat {
            node: Box::new(node),
            min,
            max,
        })
    }
}

/// What to do once a part has matched: the position it ended at and the groups so far; true
/// ends the search.
type Next<'n> = dyn FnMut(usize, &mut Captures) -> bool + 'n;

struct Matcher<'t>(&'t [u8]);

impl Matcher<'_> {
    fn sequence(
        &self,
        nodes: &[Node],
        at: usize,
        captures: &mut Captures,
        next: &mut Next,
    ) -> bool {
        let Some((node, rest)) = nodes.split_first() else {
            return next(at, captures);
        };
        match node {
            Node::Digit(set) => match self.0.get(at) {
                Some(&b) if b.is_ascii_digit() && set & (1 << b.saturating_sub(b'0')) != 0 => {
                    self.sequence(rest, at.saturating_add(1), captures, next)
                }
                _ => false,
            },
            Node::End => at == self.0.len() && self.sequence(rest, at, captures, next),
            Node::Group {
                alternatives,
                capture,
            } => self.group(alternatives, *capture, rest, at, captures, next),
            Node::Repeat { node, min, max } => {
                self.repeat(node, (*min, *max), 0, rest, at, captures, next)
            }
        }
    }

    fn group(
        &self,
        alternatives: &[Vec<Node>],
        capture: Option<usize>,
        rest: &[Node],
        at: usize,
        captures: &mut Captures,
        next: &mut Next,
    ) -> bool {
        let slot = capture.and_then(|n| n.checked_sub(1));
        alternatives.iter().any(|alternative| {
            self.sequence(alternative, at, captures, &mut |end, captures| {
                let saved = slot.and_then(|i| captures.get(i).copied()).flatten();
                if let Some(entry) = slot.and_then(|i| captures.get_mut(i)) {
                    *entry = Some((at, end));
                }
                if self.sequence(rest, end, captures, next) {
                    return true;
                }
                if let Some(entry) = slot.and_then(|i| captures.get_mut(i)) {
                    *entry = saved;
                }
                false
            })
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &self,
        node: &Node,
        (min, max): (u8, u8),
        count: u8,
        rest: &[Node],
        at: usize,
        captures: &mut Captures,
        next: &mut Next,
    ) -> bool {
        if count < max {
            let more = count.saturating_add(1);
            let once = slice::from_ref(node);
            if self.sequence(once, at, captures, &mut |end, captures| {
                self.repeat(node, (min, max), more, rest, end, captures, next)
            }) {
                return true;
            }
        }
        count >= min && self.sequence(rest, at, captures, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_numbers_as_javascript_does() {
        let pattern = "[2-9]\\d{9}|3\\d{6}";
        assert!(matches_entirely(pattern, "2125550123"));
        assert!(matches_entirely(pattern, "3123456"));
        assert!(!matches_entirely(pattern, "212555012"));
        assert!(!matches_entirely(pattern, "1125550123"));
        assert!(matches_entirely("8\\d{5}(?:\\d{2,4})?", "81234567"));
        assert!(!matches_entirely("8\\d{5}(?:\\d{2,4})?", "8123456"));
    }

    #[test]
    fn finds_the_first_prefix_match_and_its_groups() {
        // Australia's international prefixes: 0011 is found, not only 00.
        let idd = Pattern::parse("001[14-689]|14(?:1[14]|34|4[17]|[56]6|7[47]|88)0011").unwrap();
        assert_eq!(idd.match_start("001161412345678").map(|m| m.0), Some(4));
        assert_eq!(idd.match_start("0061412345678"), None);
        // Japan's national prefix: the group, anchored at the end, wins over the plain 0.
        let japan = Pattern::parse("(000[2569]\\d{4,6})$|(?:(?:003768)0?)|0").unwrap();
        assert_eq!(japan.groups, 1);
        assert_eq!(
            japan.match_start("000512345"),
            Some((9, [Some((0, 9)), None, None]))
        );
        assert_eq!(
            japan.match_start("00051234567"),
            Some((1, [None, None, None]))
        );
        assert_eq!(
            japan.match_start("0312345678"),
            Some((1, [None, None, None]))
        );
    }

    #[test]
    fn refuses_syntax_outside_the_subset() {
        for pattern in ["a", "[^0]", "\\w", "(?=1)", "1{3,2}", "(1", "1)"] {
            assert!(Pattern::parse(pattern).is_none(), "{pattern}");
        }
    }
}
