//! Resource Query Language: the query-string dialect of the Marketplace API.
//!
//! `parse` turns a raw query string (`and(eq(status,Active),ilike(name,*a*))&order=-name&limit=10`)
//! into a [`Query`]; `eval` decides whether a JSON resource matches a [`Filter`] and orders
//! resources. The parser never panics: every malformed input is an [`RqlError`] that names the
//! problem and where it is.

mod eval;
mod parse;

pub use eval::{compare_json, general_pattern_work, matches, value_at};
pub use parse::parse_query;

/// A literal value in an RQL expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// A string value; `quoted` tells whether it was written in quotes (quoted values are never
    /// read as numbers or booleans).
    Text { value: String, quoted: bool },
    /// `null()`: the field is absent or null.
    Null,
    /// `empty()`: the field is an empty string or an empty array.
    Empty,
}

/// One piece of an `ilike` pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum PatternPart {
    /// Literal text, matched case-insensitively.
    Text(String),
    /// An unescaped `*`: zero or more characters.
    Wildcard,
}

/// The comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

/// A filter expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    And(Vec<Filter>),
    Or(Vec<Filter>),
    Not(Box<Filter>),
    Compare {
        op: CompareOp,
        field: String,
        value: Literal,
    },
    Ilike {
        field: String,
        pattern: Vec<PatternPart>,
    },
    In {
        field: String,
        values: Vec<Literal>,
        negate: bool,
    },
    /// `any(collection, filter)`: some element of the collection matches the inner filter.
    Any {
        field: String,
        filter: Box<Filter>,
    },
}

/// One `order=` key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderKey {
    pub field: String,
    pub descending: bool,
}

/// One `select=` entry: `+field` / `field` includes, `-field` excludes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectEntry {
    pub field: String,
    pub include: bool,
}

/// A whole list query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// All top-level expressions, AND-ed; `None` when the query has no filter.
    pub filter: Option<Filter>,
    pub order: Vec<OrderKey>,
    pub select: Vec<SelectEntry>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
    /// `render()`: fill audit records' `details` templates (the official client asks for it).
    pub render: bool,
}

/// How many pattern characters of an `ilike` count as one comparison in [`Filter::cost`].
pub const ILIKE_CHARS_PER_UNIT: u64 = 16;

/// The characters of a pattern's literal parts (a wildcard counts one).
fn pattern_chars(pattern: &[PatternPart]) -> u64 {
    pattern
        .iter()
        .map(|part| match part {
            PatternPart::Text(text) => text.chars().count() as u64,
            PatternPart::Wildcard => 1,
        })
        .sum()
}

impl Filter {
    /// Every field path the filter reads (top-level paths only; `any` inner paths are relative).
    pub fn fields(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_fields(&mut out);
        out
    }

    /// How much work the filter is per resource, in comparisons: one per operator, one per
    /// listed value (`in`) and one per [`ILIKE_CHARS_PER_UNIT`] characters of a pattern, so a
    /// query's cost is this times the collection's size.
    pub fn cost(&self) -> u64 {
        match self {
            Filter::And(items) | Filter::Or(items) => {
                1 + items.iter().map(Filter::cost).sum::<u64>()
            }
            Filter::Not(inner) => 1 + inner.cost(),
            Filter::Compare { .. } => 1,
            // Matching walks the pattern over the text: a longer pattern is more work.
            Filter::Ilike { pattern, .. } => 1 + pattern_chars(pattern) / ILIKE_CHARS_PER_UNIT,
            Filter::In { values, .. } => 1 + values.len() as u64,
            Filter::Any { filter, .. } => 1 + filter.cost(),
        }
    }

    /// Whether some `ilike` needs the general matcher (more than one literal part between
    /// wildcards), whose work grows with pattern length times text length; the common shapes
    /// (`word`, `word*`, `*word`, `*word*`) take time in proportion to the text.
    pub fn has_general_pattern(&self) -> bool {
        use PatternPart::{Text, Wildcard};
        match self {
            Filter::And(items) | Filter::Or(items) => items.iter().any(Filter::has_general_pattern),
            Filter::Not(inner) | Filter::Any { filter: inner, .. } => inner.has_general_pattern(),
            Filter::Ilike { pattern, .. } => !matches!(
                pattern.as_slice(),
                [Text(_)]
                    | [Text(_), Wildcard]
                    | [Wildcard, Text(_)]
                    | [Wildcard, Text(_), Wildcard]
            ),
            Filter::Compare { .. } | Filter::In { .. } => false,
        }
    }

    fn collect_fields<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Filter::And(items) | Filter::Or(items) => {
                items.iter().for_each(|f| f.collect_fields(out))
            }
            Filter::Not(inner) => inner.collect_fields(out),
            Filter::Compare { field, .. }
            | Filter::Ilike { field, .. }
            | Filter::In { field, .. }
            | Filter::Any { field, .. } => out.push(field),
        }
    }
}

/// A malformed query: what is wrong, in words a client developer can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RqlError(pub String);

impl std::fmt::Display for RqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RqlError {}
