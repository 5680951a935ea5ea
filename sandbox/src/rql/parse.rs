//! The RQL parser: raw query string -> [`Query`].

use super::{CompareOp, Filter, Literal, OrderKey, PatternPart, Query, RqlError, SelectEntry};
use percent_encoding::percent_decode_str;

/// Deepest nesting accepted, so a hostile query cannot exhaust the stack.
const MAX_DEPTH: usize = 32;

/// Parses a raw (still percent-encoded) query string.
pub fn parse_query(raw: &str) -> Result<Query, RqlError> {
    let mut query = Query::default();
    let mut filters = Vec::new();
    for part in raw.split('&').filter(|p| !p.is_empty()) {
        // `+` is literal in RQL (`order=+name`), never a form-encoded space.
        let plus_kept = part.replace('+', "%2B");
        let decoded = percent_decode_str(&plus_kept)
            .decode_utf8()
            .map_err(|_| RqlError(format!("Query part `{part}` is not valid UTF-8.")))?;
        let decoded = decoded.as_ref();
        if decoded == "render()" {
            query.render = true;
            continue;
        }
        if starts_with_call(decoded) {
            filters.push(parse_expression(decoded)?);
            continue;
        }
        let Some((key, value)) = decoded.split_once('=') else {
            return Err(RqlError(format!(
                "Query part `{decoded}` is neither an RQL expression nor a key=value pair."
            )));
        };
        match key {
            "limit" => query.limit = Some(parse_count("limit", value)?),
            "offset" => query.offset = Some(parse_count("offset", value)?),
            "order" => query.order.extend(parse_order(value)?),
            "select" => query.select.extend(parse_select(value)?),
            field => {
                check_field(field)?;
                let value = parse_standalone_literal(value)?;
                filters.push(Filter::Compare {
                    op: CompareOp::Eq,
                    field: field.to_string(),
                    value,
                });
            }
        }
    }
    query.filter = match filters.len() {
        0 => None,
        1 => filters.pop(),
        _ => Some(Filter::And(filters)),
    };
    Ok(query)
}

fn starts_with_call(text: &str) -> bool {
    let name_len = text.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
    name_len > 0 && text.as_bytes().get(name_len) == Some(&b'(')
}

fn parse_count(key: &str, value: &str) -> Result<u64, RqlError> {
    value.parse::<u64>().map_err(|_| {
        RqlError(format!(
            "`{key}` must be a non-negative whole number, got `{value}`."
        ))
    })
}

fn parse_order(value: &str) -> Result<Vec<OrderKey>, RqlError> {
    value
        .split(',')
        .map(|key| {
            let (descending, field) = match key.as_bytes().first() {
                Some(b'-') => (true, &key[1..]),
                Some(b'+') => (false, &key[1..]),
                _ => (false, key),
            };
            check_field(field)?;
            Ok(OrderKey {
                field: field.to_string(),
                descending,
            })
        })
        .collect()
}

fn parse_select(value: &str) -> Result<Vec<SelectEntry>, RqlError> {
    value
        .split(',')
        .map(|entry| {
            let (include, field) = match entry.as_bytes().first() {
                Some(b'-') => (false, &entry[1..]),
                Some(b'+') => (true, &entry[1..]),
                _ => (true, entry),
            };
            check_field(field)?;
            Ok(SelectEntry {
                field: field.to_string(),
                include,
            })
        })
        .collect()
}

fn check_field(field: &str) -> Result<(), RqlError> {
    let valid = !field.is_empty()
        && field.split('.').all(|seg| {
            !seg.is_empty()
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        });
    if valid {
        Ok(())
    } else {
        Err(RqlError(format!("`{field}` is not a valid field name.")))
    }
}

fn parse_standalone_literal(text: &str) -> Result<Literal, RqlError> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        pos: 0,
    };
    let literal = parser.literal()?;
    parser.expect_end()?;
    Ok(literal.into_literal())
}

fn parse_expression(text: &str) -> Result<Filter, RqlError> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        pos: 0,
    };
    let filter = parser.call(0)?;
    parser.expect_end()?;
    Ok(filter)
}

/// A token read as a value: its text, whether it was quoted, and for unquoted or quoted text,
/// the positions of unescaped `*` (which only `ilike` treats as wildcards).
struct RawValue {
    parts: Vec<PatternPart>,
    quoted: bool,
    special: Option<Literal>,
}

impl RawValue {
    fn text(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                PatternPart::Text(t) => t.as_str(),
                PatternPart::Wildcard => "*",
            })
            .collect()
    }

    fn into_literal(self) -> Literal {
        if let Some(special) = self.special {
            return special;
        }
        Literal::Text {
            value: self.text(),
            quoted: self.quoted,
        }
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn error(&self, what: &str) -> RqlError {
        let at: String = self.chars.iter().skip(self.pos).take(20).collect();
        if at.is_empty() {
            RqlError(format!("{what} at the end of the query."))
        } else {
            RqlError(format!("{what} at position {} (`{at}`).", self.pos + 1))
        }
    }

    fn expect(&mut self, c: char) -> Result<(), RqlError> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(&format!("Expected `{c}`")))
        }
    }

    fn expect_end(&self) -> Result<(), RqlError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("Unexpected text after the expression")),
        }
    }

    fn name(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn field(&mut self) -> Result<String, RqlError> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '$'))
        {
            self.pos += 1;
        }
        let field: String = self.chars[start..self.pos].iter().collect();
        if field.is_empty() {
            return Err(self.error("Expected a field name"));
        }
        check_field(&field)?;
        Ok(field)
    }

    /// `name(args)` where name is an operator.
    fn call(&mut self, depth: usize) -> Result<Filter, RqlError> {
        if depth > MAX_DEPTH {
            return Err(self.error(&format!("Expression nested deeper than {MAX_DEPTH} levels")));
        }
        let op_start = self.pos;
        let name = self.name();
        self.expect('(')?;
        let filter = match name.as_str() {
            "and" | "or" => {
                let mut items = vec![self.call(depth + 1)?];
                while self.peek() == Some(',') {
                    self.pos += 1;
                    items.push(self.call(depth + 1)?);
                }
                if name == "and" {
                    Filter::And(items)
                } else {
                    Filter::Or(items)
                }
            }
            "not" => Filter::Not(Box::new(self.call(depth + 1)?)),
            "any" => {
                let field = self.field()?;
                self.expect(',')?;
                let inner = self.call(depth + 1)?;
                Filter::Any {
                    field,
                    filter: Box::new(inner),
                }
            }
            "eq" | "ne" | "gt" | "ge" | "lt" | "le" => {
                let field = self.field()?;
                self.expect(',')?;
                let value = self.literal()?.into_literal();
                let op = match name.as_str() {
                    "eq" => CompareOp::Eq,
                    "ne" => CompareOp::Ne,
                    "gt" => CompareOp::Gt,
                    "ge" => CompareOp::Ge,
                    "lt" => CompareOp::Lt,
                    _ => CompareOp::Le,
                };
                Filter::Compare { op, field, value }
            }
            "ilike" | "like" => {
                let field = self.field()?;
                self.expect(',')?;
                let value = self.literal()?;
                if value.special.is_some() {
                    return Err(self.error("`ilike` needs a text pattern"));
                }
                Filter::Ilike {
                    field,
                    pattern: value.parts,
                }
            }
            "in" | "out" => {
                let field = self.field()?;
                self.expect(',')?;
                let values = self.literal_list()?;
                Filter::In {
                    field,
                    values,
                    negate: name == "out",
                }
            }
            "" => {
                self.pos = op_start;
                return Err(self.error("Expected an operator"));
            }
            other => {
                self.pos = op_start;
                return Err(self.error(&format!("Unknown operator `{other}`")));
            }
        };
        self.expect(')')?;
        Ok(filter)
    }

    /// `(a,b,c)` or a single value.
    fn literal_list(&mut self) -> Result<Vec<Literal>, RqlError> {
        if self.peek() != Some('(') {
            return Ok(vec![self.literal()?.into_literal()]);
        }
        self.pos += 1;
        let mut values = vec![self.literal()?.into_literal()];
        while self.peek() == Some(',') {
            self.pos += 1;
            values.push(self.literal()?.into_literal());
        }
        self.expect(')')?;
        Ok(values)
    }

    fn literal(&mut self) -> Result<RawValue, RqlError> {
        match self.peek() {
            Some(q @ ('"' | '\'')) => self.quoted(q),
            _ => self.bare(),
        }
    }

    fn quoted(&mut self, quote: char) -> Result<RawValue, RqlError> {
        self.pos += 1;
        let mut parts = Vec::new();
        let mut text = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(self.error(&format!("Unterminated quoted value (missing {quote})")))
                }
                Some(c) if c == quote => {
                    self.pos += 1;
                    break;
                }
                Some('\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(escaped) => {
                            text.push(escaped);
                            self.pos += 1;
                        }
                        None => {
                            return Err(self.error("A backslash must be followed by a character"))
                        }
                    }
                }
                Some('*') => {
                    self.pos += 1;
                    flush(&mut parts, &mut text);
                    parts.push(PatternPart::Wildcard);
                }
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        flush(&mut parts, &mut text);
        Ok(RawValue {
            parts,
            quoted: true,
            special: None,
        })
    }

    fn bare(&mut self) -> Result<RawValue, RqlError> {
        let start = self.pos;
        if self.remaining_starts_with("null()") {
            self.pos += 6;
            return Ok(RawValue {
                parts: vec![],
                quoted: false,
                special: Some(Literal::Null),
            });
        }
        if self.remaining_starts_with("empty()") {
            self.pos += 7;
            return Ok(RawValue {
                parts: vec![],
                quoted: false,
                special: Some(Literal::Empty),
            });
        }
        let mut parts = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            match c {
                ',' | ')' => break,
                '(' | '"' | '\'' => {
                    return Err(self.error(&format!(
                        "Unexpected `{c}` in a value; quote values with special characters"
                    )))
                }
                '\\' => {
                    self.pos += 1;
                    match self.peek() {
                        Some(escaped) => {
                            text.push(escaped);
                            self.pos += 1;
                        }
                        None => {
                            return Err(self.error("A backslash must be followed by a character"))
                        }
                    }
                }
                '*' => {
                    self.pos += 1;
                    flush(&mut parts, &mut text);
                    parts.push(PatternPart::Wildcard);
                }
                c => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        if self.pos == start {
            return Err(self.error("Expected a value"));
        }
        flush(&mut parts, &mut text);
        Ok(RawValue {
            parts,
            quoted: false,
            special: None,
        })
    }

    fn remaining_starts_with(&self, s: &str) -> bool {
        let rest = self.chars.get(self.pos..).unwrap_or_default();
        rest.len() >= s.chars().count() && s.chars().zip(rest).all(|(a, b)| a == *b)
    }
}

fn flush(parts: &mut Vec<PatternPart>, text: &mut String) {
    if !text.is_empty() {
        parts.push(PatternPart::Text(std::mem::take(text)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example() {
        let q = parse_query("and(eq(status,Active),ilike(name,*Microsoft*))&limit=100&offset=0")
            .unwrap();
        assert_eq!(q.limit, Some(100));
        let Some(Filter::And(items)) = q.filter else {
            panic!("expected and")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[1],
            Filter::Ilike {
                field: "name".into(),
                pattern: vec![
                    PatternPart::Wildcard,
                    PatternPart::Text("Microsoft".into()),
                    PatternPart::Wildcard
                ]
            }
        );
    }

    #[test]
    fn escaped_star_is_literal_text() {
        let q = parse_query("ilike(name,%22The%5C**%22)").unwrap();
        assert_eq!(
            q.filter,
            Some(Filter::Ilike {
                field: "name".into(),
                pattern: vec![PatternPart::Text("The*".into()), PatternPart::Wildcard]
            })
        );
    }

    #[test]
    fn quoted_values_keep_commas_and_parentheses() {
        let q = parse_query("eq(name,%22a),or(eq(status,Disabled)%22)").unwrap();
        assert_eq!(
            q.filter,
            Some(Filter::Compare {
                op: CompareOp::Eq,
                field: "name".into(),
                value: Literal::Text {
                    value: "a),or(eq(status,Disabled)".into(),
                    quoted: true
                }
            })
        );
    }

    #[test]
    fn in_takes_a_parenthesised_list_and_null_is_special() {
        let q = parse_query("in(status,(Active,Disabled))&eq(description,null())").unwrap();
        let Some(Filter::And(items)) = q.filter else {
            panic!("expected and")
        };
        assert!(matches!(&items[0], Filter::In { values, negate: false, .. } if values.len() == 2));
        assert!(matches!(
            &items[1],
            Filter::Compare {
                value: Literal::Null,
                ..
            }
        ));
    }

    #[test]
    fn render_is_a_flag_not_a_filter() {
        let q = parse_query("render()&eq(object.id,TKN-1)").unwrap();
        assert!(q.render);
        assert!(matches!(q.filter, Some(Filter::Compare { .. })));
        assert!(!parse_query("eq(object.id,TKN-1)").unwrap().render);
    }

    #[test]
    fn order_and_select_lists() {
        let q = parse_query("order=-audit.created.at,name&select=audit,-modules").unwrap();
        assert_eq!(q.order.len(), 2);
        assert!(q.order[0].descending);
        assert_eq!(
            q.select[1],
            SelectEntry {
                field: "modules".into(),
                include: false
            }
        );
    }

    #[test]
    fn malformed_queries_say_what_is_wrong() {
        for (raw, expected) in [
            ("eq(name,foo", "Expected `)`"),
            ("frob(name,1)", "Unknown operator `frob`"),
            ("limit=-1", "`limit` must be"),
            ("eq(name,%22foo)", "Unterminated quoted value"),
            ("eq(,foo)", "Expected a field name"),
        ] {
            let err = parse_query(raw).unwrap_err();
            assert!(err.0.contains(expected), "{raw}: {err}");
        }
    }

    proptest::proptest! {
        /// Whatever a client sends, the parser answers Ok or a message: it never panics.
        #[test]
        fn never_panics_on_arbitrary_input(raw in "\\PC{0,80}|[a-z(),\"'*\\\\%=&+-]{0,60}") {
            let _ = parse_query(&raw);
        }

        #[test]
        fn never_panics_on_operator_soup(parts in proptest::collection::vec(
            proptest::sample::select(vec!["and(", "or(", "not(", "eq(", "ilike(", "in(", "any(", "name", ",", ")", "(", "\"", "'", "*", "\\", "null()", "empty()", "%22", "%2", "&", "=", "limit=", "order=-"]),
            0..40,
        )) {
            let _ = parse_query(&parts.concat());
        }
    }

    #[test]
    fn deep_nesting_is_rejected_not_overflowed() {
        let raw = "not(".repeat(10_000) + "eq(a,b)" + &")".repeat(10_000);
        assert!(parse_query(&raw).unwrap_err().0.contains("nested deeper"));
    }
}
