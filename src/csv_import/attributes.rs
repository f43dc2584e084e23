//! Product `attributes` lists (`"color,size,ranking"`) and SKU `attributes` objects in the
//! templates' single-quoted form (`{'color':'blue','size':'XS','ranking':1}`).

/// The names of a product attributes cell: comma-separated, trimmed, empty ones dropped.
pub(crate) fn attribute_names(text: &str) -> impl Iterator<Item = &str> {
    text.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
}

/// The first name that appears twice in a product attributes cell.
pub(crate) fn repeated_name(text: &str) -> Option<&str> {
    let names: Vec<&str> = attribute_names(text).collect();
    names
        .iter()
        .enumerate()
        .find(|(index, name)| names.iter().take(*index).any(|earlier| earlier == *name))
        .map(|(_, name)| *name)
}

/// The keys of a SKU attributes object, in order; the error says what is malformed.
///
/// Keys and string values are quoted with `'` (or `"`), with `\` escaping the next character;
/// other values are numbers, `true`, `false` or `null`.
pub(crate) fn sku_attribute_keys(text: &str) -> Result<Vec<String>, String> {
    let mut parser = Parser {
        chars: text.char_indices().peekable(),
    };
    parser.skip_space();
    parser.expect('{')?;
    let mut keys: Vec<String> = Vec::new();
    parser.skip_space();
    if parser.eat('}') {
        return parser.end(keys);
    }
    loop {
        parser.skip_space();
        let key = match parser.peek() {
            Some(quote @ ('\'' | '"')) => {
                parser.next();
                parser.quoted(quote)?
            }
            _ => return Err(String::from("expected a quoted key such as 'color'")),
        };
        if key.trim().is_empty() {
            return Err(String::from("an attribute key is empty"));
        }
        if keys.contains(&key) {
            return Err(format!("the key '{key}' appears twice"));
        }
        parser.skip_space();
        parser.expect(':')?;
        parser.skip_space();
        parser.value()?;
        keys.push(key);
        parser.skip_space();
        if parser.eat(',') {
            continue;
        }
        parser.expect('}')?;
        return parser.end(keys);
    }
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
}

impl Parser<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    fn next(&mut self) -> Option<char> {
        self.chars.next().map(|(_, c)| c)
    }

    fn eat(&mut self, wanted: char) -> bool {
        if self.peek() == Some(wanted) {
            self.next();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, wanted: char) -> Result<(), String> {
        match self.next() {
            Some(c) if c == wanted => Ok(()),
            Some(c) => Err(format!("expected '{wanted}' but found '{c}'")),
            None => Err(format!("expected '{wanted}' but the text ended")),
        }
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.next();
        }
    }

    fn end(&mut self, keys: Vec<String>) -> Result<Vec<String>, String> {
        self.skip_space();
        match self.next() {
            None => Ok(keys),
            Some(c) => Err(format!("unexpected '{c}' after the closing '}}'")),
        }
    }

    fn quoted(&mut self, quote: char) -> Result<String, String> {
        let mut text = String::new();
        loop {
            match self.next() {
                None => return Err(format!("a {quote}-quoted text is not closed")),
                Some('\\') => match self.next() {
                    Some(c) => text.push(c),
                    None => return Err(String::from("the text ends after a \\")),
                },
                Some(c) if c == quote => return Ok(text),
                Some(c) => text.push(c),
            }
        }
    }

    fn value(&mut self) -> Result<(), String> {
        match self.peek() {
            Some(quote @ ('\'' | '"')) => {
                self.next();
                self.quoted(quote).map(drop)
            }
            Some(_) => {
                let mut word = String::new();
                while let Some(c) = self.peek() {
                    if c == ',' || c == '}' || c.is_whitespace() {
                        break;
                    }
                    word.push(c);
                    self.next();
                }
                let is_number = word
                    .bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
                    && crate::decimal::parse_f64(&word).is_some_and(f64::is_finite);
                if is_number || matches!(word.as_str(), "true" | "false" | "null") {
                    Ok(())
                } else if word.is_empty() {
                    Err(String::from("a value is missing"))
                } else {
                    Err(format!(
                        "the value {word} is neither quoted text nor a number"
                    ))
                }
            }
            None => Err(String::from("a value is missing")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_template_objects() {
        assert_eq!(
            sku_attribute_keys("{'color':'blue','size':'XS','ranking':1}").unwrap(),
            ["color", "size", "ranking"]
        );
        assert_eq!(
            sku_attribute_keys(r#" { "color" : "it\"s", 'n': -1.5 } "#).unwrap(),
            ["color", "n"]
        );
        assert_eq!(sku_attribute_keys("{}").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn explains_malformed_objects() {
        for bad in [
            "color:blue",
            "{'color':'blue'",
            "{'color':blue}",
            "{'color' 'blue'}",
            "{'color':'blue',}",
            "{'a':1,'a':2}",
            "{'color':'blue'} x",
            "{'':1}",
            "{'color':'blue}",
        ] {
            assert!(sku_attribute_keys(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lists_product_attribute_names() {
        let names: Vec<&str> = attribute_names(" color, size,,ranking ").collect();
        assert_eq!(names, ["color", "size", "ranking"]);
        assert_eq!(repeated_name("color,size,color"), Some("color"));
        assert_eq!(repeated_name("color,size"), None);
    }
}
