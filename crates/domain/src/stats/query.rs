//! A statistics question as the CLI flags and the API parameters state it, parsed into a query
//! that is valid by construction. Errors name the field (`as_of`, `unit`, `by`, `from`, `to`,
//! `compare`, `format`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Dimension;
use crate::dates::{EARLIEST_DAY, parse_date};
use crate::field::{FieldErrors, Problem, optional};

/// How a result is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputFormat {
    Csv,
    Json,
    Table,
}

impl OutputFormat {
    pub const CODES: &'static [&'static str] = &["csv", "json", "table"];

    pub fn parse(input: &str) -> Result<Self, Problem> {
        match input.trim() {
            "csv" => Ok(Self::Csv),
            "json" => Ok(Self::Json),
            "table" => Ok(Self::Table),
            _ => Err(Problem::NotOneOf {
                allowed: Self::CODES,
            }),
        }
    }
}

/// A validated statistics query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatsQuery {
    /// The day the as-of measures are counted on.
    pub as_of: NaiveDate,
    /// The unit whose subtree is counted (by code); `None`: the caller's own scope.
    pub unit: Option<String>,
    /// Breakdown dimensions, in column order.
    pub by: Vec<Dimension>,
    /// Inclusive period of the period measures.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// A second day whose as-of measures are shown beside, with the difference.
    pub compare: Option<NaiveDate>,
    /// Requested output format; each delivery has its own default.
    pub format: Option<OutputFormat>,
}

impl StatsQuery {
    /// The whole scope on `as_of`, no breakdown.
    pub fn on(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            unit: None,
            by: Vec::new(),
            period: None,
            compare: None,
            format: None,
        }
    }
}

/// The query as typed: every field a string, any of them possibly missing or wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatsInput {
    /// dd/mm/yyyy or yyyy-mm-dd; empty: today.
    pub as_of: Option<String>,
    pub unit: Option<String>,
    /// Comma-separated dimension codes.
    pub by: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub compare: Option<String>,
    pub format: Option<String>,
}

/// A reporting day: a real date, not in the future, not before the registry's first day.
fn day(input: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let d = parse_date(input).map_err(|_| Problem::InvalidDate)?;
    if d > today {
        return Err(Problem::DateInFuture);
    }
    if d < EARLIEST_DAY {
        return Err(Problem::DateTooEarly);
    }
    Ok(d)
}

fn dimensions(input: &str) -> Result<Vec<Dimension>, Problem> {
    let mut out: Vec<Dimension> = Vec::new();
    for part in input.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let d = Dimension::parse(part)?;
        if out.contains(&d) {
            return Err(Problem::Repeated {
                value: part.to_owned(),
            });
        }
        out.push(d);
    }
    Ok(out)
}

impl StatsInput {
    /// Parses every field and reports every problem at once.
    pub fn parse(&self, today: NaiveDate) -> Result<StatsQuery, Vec<crate::field::FieldError>> {
        let mut e = FieldErrors::new();
        let as_of = match optional(self.as_of.as_deref()) {
            None => Some(today),
            Some(s) => e.take("as_of", day(s, today)),
        };
        let unit = optional(self.unit.as_deref()).map(str::to_owned);
        let by = e.take(
            "by",
            dimensions(optional(self.by.as_deref()).unwrap_or_default()),
        );
        let from = optional(self.from.as_deref()).map(|s| e.take("from", day(s, today)));
        let to = optional(self.to.as_deref()).map(|s| e.take("to", day(s, today)));
        let period = match (from, to) {
            (None, None) => Some(None),
            (Some(_), None) => {
                e.push("to", Problem::Required);
                None
            }
            (None, Some(_)) => {
                e.push("from", Problem::Required);
                None
            }
            (Some(Some(f)), Some(Some(t))) if t < f => {
                e.push(
                    "to",
                    Problem::DateBefore {
                        other_field: "from",
                    },
                );
                None
            }
            (Some(Some(f)), Some(Some(t))) => Some(Some((f, t))),
            _ => None,
        };
        let compare = match optional(self.compare.as_deref()) {
            None => Some(None),
            Some(s) => e.take("compare", day(s, today)).map(Some),
        };
        let format = match optional(self.format.as_deref()) {
            None => Some(None),
            Some(s) => e.take("format", OutputFormat::parse(s)).map(Some),
        };
        e.finish(|| {
            Some(StatsQuery {
                as_of: as_of?,
                unit,
                by: by?,
                period: period?,
                compare: compare?,
                format: format?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::FieldError;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn input(pairs: &[(&str, &str)]) -> StatsInput {
        let get = |k: &str| pairs.iter().find(|p| p.0 == k).map(|p| p.1.to_owned());
        StatsInput {
            as_of: get("as_of"),
            unit: get("unit"),
            by: get("by"),
            from: get("from"),
            to: get("to"),
            compare: get("compare"),
            format: get("format"),
        }
    }

    #[test]
    fn a_full_query_parses() {
        let q = input(&[
            ("as_of", "31/12/2024"),
            ("unit", " T01 "),
            ("by", "unit, sex,age_band"),
            ("from", "2024-01-01"),
            ("to", "31/12/2024"),
            ("compare", "31/12/2023"),
            ("format", "table"),
        ])
        .parse(d(2025, 6, 1))
        .unwrap();
        assert_eq!(q.as_of, d(2024, 12, 31));
        assert_eq!(q.unit.as_deref(), Some("T01"));
        assert_eq!(q.by, [Dimension::Unit, Dimension::Sex, Dimension::AgeBand]);
        assert_eq!(q.period, Some((d(2024, 1, 1), d(2024, 12, 31))));
        assert_eq!(q.compare, Some(d(2023, 12, 31)));
        assert_eq!(q.format, Some(OutputFormat::Table));
        let empty = StatsInput::default().parse(d(2025, 6, 1)).unwrap();
        assert_eq!(empty, StatsQuery::on(d(2025, 6, 1)));
    }

    #[test]
    fn every_bad_field_is_named() {
        let errors = input(&[
            ("as_of", "32/12/2024"),
            ("by", "unit,district"),
            ("from", "2024-01-01"),
            ("compare", "01/01/2099"),
            ("format", "xml"),
        ])
        .parse(d(2025, 6, 1))
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["as_of", "by", "to", "compare", "format"]);
        assert_eq!(errors[0].problem, Problem::InvalidDate);
        assert_eq!(errors[3].problem, Problem::DateInFuture);
        let backwards = input(&[("from", "2024-02-01"), ("to", "2024-01-01")])
            .parse(d(2025, 6, 1))
            .unwrap_err();
        assert_eq!(
            backwards,
            [FieldError::new(
                "to",
                Problem::DateBefore {
                    other_field: "from"
                }
            )]
        );
        let twice = input(&[("by", "sex,sex")])
            .parse(d(2025, 6, 1))
            .unwrap_err();
        assert_eq!(
            twice[0].problem,
            Problem::Repeated {
                value: "sex".into()
            }
        );
    }

    proptest! {
        #[test]
        fn any_list_of_distinct_dimensions_round_trips(
            picks in proptest::sample::subsequence(Dimension::ALL.to_vec(), 0..=Dimension::ALL.len())
                .prop_shuffle()
        ) {
            let text = picks.iter().map(|d| d.code()).collect::<Vec<_>>().join(",");
            let q = input(&[("by", &text)]).parse(d(2025, 6, 1)).unwrap();
            prop_assert_eq!(q.by, picks);
        }
    }
}
