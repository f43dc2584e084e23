//! JSON pointers (RFC 6901) built as a borrowed chain while walking a value, rendered only when an
//! issue needs one.

/// One step into a JSON value.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Segment<'a> {
    /// An object key.
    Key(&'a str),
    /// An array index.
    Index(usize),
}

/// A location in the value being checked: the root, or a step below a parent location.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Option<Segment<'a>>,
}

impl<'a> Path<'a> {
    /// The whole document.
    pub(crate) const ROOT: Path<'static> = Path {
        parent: None,
        segment: None,
    };

    /// The location of an object member below this one.
    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Some(Segment::Key(key)),
        }
    }

    /// The location of an array element below this one.
    pub(crate) fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Some(Segment::Index(index)),
        }
    }

    /// Renders the RFC 6901 pointer, escaping `~` as `~0` and `/` as `~1`.
    pub(crate) fn render(&self) -> String {
        let mut segments = Vec::new();
        let mut cursor = Some(self);
        while let Some(path) = cursor {
            if let Some(segment) = path.segment {
                segments.push(segment);
            }
            cursor = path.parent;
        }
        let mut out = String::new();
        for segment in segments.iter().rev() {
            out.push('/');
            match segment {
                Segment::Key(key) => {
                    for ch in key.chars() {
                        match ch {
                            '~' => out.push_str("~0"),
                            '/' => out.push_str("~1"),
                            other => out.push(other),
                        }
                    }
                }
                Segment::Index(index) => out.push_str(&index.to_string()),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_the_empty_pointer() {
        assert_eq!(Path::ROOT.render(), "");
    }

    #[test]
    fn escapes_tilde_and_slash() {
        let root = Path::ROOT;
        let metadata = root.key("metadata");
        let key = metadata.key("a/b~c");
        let item = key.index(3);
        assert_eq!(item.render(), "/metadata/a~1b~0c/3");
    }
}
