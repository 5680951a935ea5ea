//! Evaluating a [`Filter`] against a JSON resource, and ordering resources.

use super::{CompareOp, Filter, Literal, PatternPart};
use serde_json::Value;
use std::cmp::Ordering;

/// Whether `resource` satisfies `filter`.
pub fn matches(filter: &Filter, resource: &Value) -> bool {
    match filter {
        Filter::And(items) => items.iter().all(|f| matches(f, resource)),
        Filter::Or(items) => items.iter().any(|f| matches(f, resource)),
        Filter::Not(inner) => !matches(inner, resource),
        Filter::Compare { op, field, value } => {
            let found = resolve(resource, field);
            match (op, value) {
                (CompareOp::Eq, Literal::Null) => found.iter().all(|v| v.is_null()),
                (CompareOp::Ne, Literal::Null) => found.iter().any(|v| !v.is_null()),
                (CompareOp::Eq, Literal::Empty) => found.iter().all(|v| is_empty(v)),
                (CompareOp::Ne, Literal::Empty) => found.iter().any(|v| !is_empty(v)),
                (_, Literal::Null | Literal::Empty) => false,
                (op, Literal::Text { value, quoted }) => {
                    let hit = |v: &&Value| {
                        compare_literal(v, value, *quoted).is_some_and(|ord| op_holds(*op, ord))
                    };
                    if *op == CompareOp::Ne {
                        // ne holds when no value equals the literal.
                        !found
                            .iter()
                            .any(|v| compare_literal(v, value, *quoted) == Some(Ordering::Equal))
                    } else {
                        found.iter().any(hit)
                    }
                }
            }
        }
        Filter::Ilike { field, pattern } => resolve(resource, field)
            .iter()
            .filter_map(|v| v.as_str())
            .any(|text| ilike(text, pattern)),
        Filter::In {
            field,
            values,
            negate,
        } => {
            let found = resolve(resource, field);
            let hit = values.iter().any(|literal| match literal {
                Literal::Text { value, quoted } => found
                    .iter()
                    .any(|v| compare_literal(v, value, *quoted) == Some(Ordering::Equal)),
                Literal::Null => found.iter().all(|v| v.is_null()),
                Literal::Empty => found.iter().all(|v| is_empty(v)),
            });
            hit != *negate
        }
        Filter::Any { field, filter } => resolve(resource, field)
            .iter()
            .any(|element| matches(filter, element)),
    }
}

/// The work of the filter's general `ilike` patterns (see [`Filter::has_general_pattern`])
/// on one resource, in character steps: the pattern's length times the text's, each. The
/// common shapes are left out: they take time in proportion to the text alone.
pub fn general_pattern_work(filter: &Filter, resource: &Value) -> u64 {
    match filter {
        Filter::And(items) | Filter::Or(items) => items
            .iter()
            .map(|f| general_pattern_work(f, resource))
            .fold(0, u64::saturating_add),
        Filter::Not(inner) => general_pattern_work(inner, resource),
        Filter::Any { field, filter } => resolve(resource, field)
            .iter()
            .map(|element| general_pattern_work(filter, element))
            .fold(0, u64::saturating_add),
        Filter::Ilike { field, pattern } if filter.has_general_pattern() => {
            let pattern_len: u64 = pattern
                .iter()
                .map(|part| match part {
                    PatternPart::Text(text) => text.len() as u64,
                    PatternPart::Wildcard => 1,
                })
                .sum();
            resolve(resource, field)
                .iter()
                .filter_map(|v| v.as_str())
                .map(|text| (text.len() as u64).saturating_mul(pattern_len))
                .fold(0, u64::saturating_add)
        }
        Filter::Ilike { .. } | Filter::Compare { .. } | Filter::In { .. } => 0,
    }
}

fn op_holds(op: CompareOp, ord: Ordering) -> bool {
    match op {
        CompareOp::Eq => ord == Ordering::Equal,
        CompareOp::Ne => ord != Ordering::Equal,
        CompareOp::Gt => ord == Ordering::Greater,
        CompareOp::Ge => ord != Ordering::Less,
        CompareOp::Lt => ord == Ordering::Less,
        CompareOp::Le => ord != Ordering::Greater,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// All values at a dotted path; arrays met on the way are flattened (so `modules.id` reads
/// every module's id). A missing field resolves to a single `null`.
fn resolve<'a>(resource: &'a Value, path: &str) -> Vec<&'a Value> {
    static NULL: Value = Value::Null;
    let mut current = vec![resource];
    for segment in path.split('.') {
        let mut next = Vec::new();
        for value in current {
            match value {
                Value::Object(map) => next.push(map.get(segment).unwrap_or(&NULL)),
                Value::Array(items) => {
                    next.extend(items.iter().map(|item| item.get(segment).unwrap_or(&NULL)))
                }
                _ => next.push(&NULL),
            }
        }
        current = next;
    }
    // A collection at the end of the path is compared element by element.
    current
        .into_iter()
        .flat_map(|v| match v {
            Value::Array(items) if !items.is_empty() => items.iter().collect(),
            other => vec![other],
        })
        .collect()
}

/// Compares a JSON value with an RQL literal, reading the literal in the value's type.
fn compare_literal(v: &Value, literal: &str, quoted: bool) -> Option<Ordering> {
    match v {
        Value::String(s) => Some(s.as_str().cmp(literal)),
        Value::Number(n) if !quoted => {
            let lhs = n.as_f64()?;
            let rhs: f64 = literal.parse().ok()?;
            lhs.partial_cmp(&rhs)
        }
        Value::Bool(b) if !quoted => {
            let rhs: bool = literal.parse().ok()?;
            Some(b.cmp(&rhs))
        }
        _ => None,
    }
}

/// Case-insensitive glob match where only [`PatternPart::Wildcard`] is special.
fn ilike(text: &str, pattern: &[PatternPart]) -> bool {
    // The common shapes (`*word*`, `word*`, `*word`, `word`) need no general glob.
    use PatternPart::{Text, Wildcard};
    let lower = text.to_lowercase();
    match pattern {
        [Wildcard, Text(t), Wildcard] => return lower.contains(&t.to_lowercase()),
        [Text(t), Wildcard] => return lower.starts_with(&t.to_lowercase()),
        [Wildcard, Text(t)] => return lower.ends_with(&t.to_lowercase()),
        [Text(t)] => return lower == t.to_lowercase(),
        _ => {}
    }
    let text: Vec<char> = lower.chars().collect();
    let pieces: Vec<Option<Vec<char>>> = pattern
        .iter()
        .map(|p| match p {
            PatternPart::Text(t) => Some(t.to_lowercase().chars().collect()),
            PatternPart::Wildcard => None,
        })
        .collect();
    glob(&text, &pieces)
}

/// Iterative glob over pre-split pieces (`None` = wildcard) with single backtrack point.
/// Runs of wildcards count as one, and a pattern needing more characters than the text has
/// fails at once, so a long hostile pattern costs about as much as a short one.
fn glob(text: &[char], pieces: &[Option<Vec<char>>]) -> bool {
    // Expand pieces into a char-level pattern: Some(c) literal, None wildcard.
    let mut pattern: Vec<Option<char>> = pieces
        .iter()
        .flat_map(|p| match p {
            Some(chars) => chars.iter().map(|c| Some(*c)).collect::<Vec<_>>(),
            None => vec![None],
        })
        .collect();
    pattern.dedup_by(|a, b| a.is_none() && b.is_none());
    if pattern.iter().filter(|c| c.is_some()).count() > text.len() {
        return false;
    }
    let (mut t, mut p) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(Some(c)) if *c == text[t] => {
                t += 1;
                p += 1;
            }
            Some(None) => {
                star = Some((p, t));
                p += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|c| c.is_none())
}

/// Orders two JSON values for `order=`: nulls last, numbers numerically, strings by text
/// (ISO-8601 timestamps sort correctly as text), case-insensitively with a stable tie-break.
pub fn compare_json(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Greater,
        (_, Value::Null) => Ordering::Less,
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .unwrap_or(0.0)
            .partial_cmp(&y.as_f64().unwrap_or(0.0))
            .unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x
            .chars()
            .flat_map(char::to_lowercase)
            .cmp(y.chars().flat_map(char::to_lowercase))
            .then_with(|| x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Array(x), Value::Array(y)) => x.len().cmp(&y.len()),
        _ => Ordering::Equal,
    }
}

/// The single value at a dotted path (no flattening), for ordering.
pub fn value_at<'a>(resource: &'a Value, path: &str) -> &'a Value {
    static NULL: Value = Value::Null;
    path.split('.')
        .try_fold(resource, |v, seg| v.get(seg))
        .unwrap_or(&NULL)
}

#[cfg(test)]
mod tests {
    use super::super::parse_query;
    use super::*;
    use serde_json::json;

    fn hit(query: &str, resource: &Value) -> bool {
        matches(&parse_query(query).unwrap().filter.unwrap(), resource)
    }

    #[test]
    fn general_patterns_cost_pattern_times_text_and_common_shapes_nothing() {
        let work = |query: &str, resource: &Value| {
            general_pattern_work(&parse_query(query).unwrap().filter.unwrap(), resource)
        };
        let resource = json!({"name": "a".repeat(100), "tags": [{"t": "abcd"}, {"t": "ab"}]});
        assert_eq!(work("ilike(name,*ab*c)", &resource), 100 * 5);
        assert_eq!(work("ilike(name,*abc*)", &resource), 0);
        assert_eq!(
            work("and(eq(x,1),not(ilike(name,a*b)))", &resource),
            100 * 3
        );
        assert_eq!(work("any(tags,ilike(t,a*b*))", &resource), (4 + 2) * 4);
    }

    #[test]
    fn operators_over_a_token() {
        let t = json!({
            "name": "Robot (prod), v2", "status": "Active", "description": null,
            "modules": [{"id": "MOD-1001"}, {"id": "MOD-1002"}],
            "audit": {"created": {"at": "2026-01-02T03:04:05.000Z"}}
        });
        assert!(hit("eq(status,Active)", &t));
        assert!(hit("ne(status,Disabled)", &t));
        assert!(hit("ilike(name,*PROD*)", &t));
        assert!(!hit("ilike(name,prod*)", &t));
        assert!(hit("ilike(name,%22*(prod), v2%22)", &t));
        assert!(hit("eq(description,null())", &t));
        assert!(hit("in(status,(Active,Disabled))", &t));
        assert!(hit("out(status,(Disabled))", &t));
        assert!(hit("any(modules,eq(id,MOD-1002))", &t));
        assert!(hit("eq(modules.id,MOD-1001)", &t));
        assert!(hit("gt(audit.created.at,2026-01-01T00:00:00.000Z)", &t));
        assert!(hit(
            "not(lt(audit.created.at,2026-01-01T00:00:00.000Z))",
            &t
        ));
        assert!(hit(
            "or(eq(status,Disabled),eq(name,%22Robot (prod), v2%22))",
            &t
        ));
        assert!(!hit("and(eq(status,Active),eq(modules,empty()))", &t));
    }

    #[test]
    fn escaped_star_matches_only_a_star() {
        assert!(hit("ilike(name,%22a%5C*b%22)", &json!({"name": "a*b"})));
        assert!(!hit("ilike(name,%22a%5C*b%22)", &json!({"name": "axxb"})));
    }

    #[test]
    fn glob_backtracks() {
        assert!(hit("ilike(name,*ab*ab)", &json!({"name": "xabyabab"})));
        assert!(!hit("ilike(name,*ab*abc)", &json!({"name": "xabyabab"})));
    }
}
