//! Calendar entries (a holiday, a day off or a make-up working day) and the parser of the
//! `date,kind,name` files that ship them and that administrators edit.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::dates::parse_iso_date;

/// What a calendar entry makes of its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A public holiday (Labour Code 2019 Art. 112), or a day of the official Tết span.
    Holiday,
    /// A weekday off: compensation for a holiday on a weekend, a bridge or a swapped day.
    DayOff,
    /// A Saturday or Sunday worked in exchange for a day off.
    MakeupWorkday,
}

impl DayKind {
    /// The code used in data files and by serde.
    pub fn code(self) -> &'static str {
        match self {
            Self::Holiday => "holiday",
            Self::DayOff => "day_off",
            Self::MakeupWorkday => "makeup_workday",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Holiday, Self::DayOff, Self::MakeupWorkday]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// One dated entry of the calendar; `name` is Vietnamese, for the UI ("Giỗ Tổ Hùng Vương").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEntry {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

/// Why a line of a calendar file was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryProblem {
    #[error("the header must be `date,kind,name`, found `{found}`")]
    Header { found: String },
    #[error("expected three columns `date,kind,name`")]
    Columns,
    #[error("`{value}` is not a yyyy-mm-dd date")]
    Date { value: String },
    #[error("unknown kind `{value}` (expected holiday, day_off or makeup_workday)")]
    Kind { value: String },
    #[error("the name is empty")]
    EmptyName,
    #[error("{date} is already listed on line {first_line}")]
    Duplicate { date: NaiveDate, first_line: usize },
    /// Only a weekend day can be made a working day; a weekday already is one.
    #[error("a make-up working day must be a Saturday or Sunday, {date} is not")]
    MakeupOnWeekday { date: NaiveDate },
    #[error("the file has no `date,kind,name` header")]
    MissingHeader,
}

/// A rejected line, numbered from 1 as editors show it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct EntryError {
    pub line: usize,
    pub problem: EntryProblem,
}

const HEADER: [&str; 3] = ["date", "kind", "name"];

/// Parses a calendar file: a `date,kind,name` header, then one entry per line; blank lines and
/// lines starting with `#` are skipped. The name is the rest of the line (commas allowed) and
/// may be quoted as spreadsheets save it. Every bad line is reported, so an administrator's
/// edit is fixed in one pass (all or nothing, as imports are).
pub fn parse_entries(text: &str) -> Result<Vec<CalendarEntry>, Vec<EntryError>> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut seen: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    let mut header_seen = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim().trim_start_matches('\u{feff}');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = trimmed.splitn(3, ',').map(str::trim).collect();
        if !header_seen {
            header_seen = true;
            if columns != HEADER {
                errors.push(EntryError {
                    line,
                    problem: EntryProblem::Header {
                        found: trimmed.to_owned(),
                    },
                });
            }
            continue;
        }
        match parse_row(&columns) {
            Ok(entry) => match seen.get(&entry.date) {
                Some(&first_line) => errors.push(EntryError {
                    line,
                    problem: EntryProblem::Duplicate {
                        date: entry.date,
                        first_line,
                    },
                }),
                None => {
                    seen.insert(entry.date, line);
                    entries.push(entry);
                }
            },
            Err(problem) => errors.push(EntryError { line, problem }),
        }
    }
    if !header_seen {
        errors.push(EntryError {
            line: 1,
            problem: EntryProblem::MissingHeader,
        });
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

fn parse_row(columns: &[&str]) -> Result<CalendarEntry, EntryProblem> {
    let [date, kind, name] = columns else {
        return Err(EntryProblem::Columns);
    };
    let date = parse_iso_date(date).ok_or_else(|| EntryProblem::Date {
        value: (*date).to_owned(),
    })?;
    let kind = DayKind::from_code(kind).ok_or_else(|| EntryProblem::Kind {
        value: (*kind).to_owned(),
    })?;
    CalendarEntry::new(date, kind, &unquote(name))
}

impl CalendarEntry {
    /// One entry as an administrator types it: the name is trimmed and must not be empty, and
    /// only a Saturday or Sunday can be a make-up working day. The file parser applies the
    /// same rules line by line.
    pub fn new(date: NaiveDate, kind: DayKind, name: &str) -> Result<Self, EntryProblem> {
        let name = name.trim();
        if name.is_empty() {
            return Err(EntryProblem::EmptyName);
        }
        if kind == DayKind::MakeupWorkday && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
        {
            return Err(EntryProblem::MakeupOnWeekday { date });
        }
        Ok(Self {
            date,
            kind,
            name: name.to_owned(),
        })
    }
}

/// `"a ""b"", c"` → `a "b", c`, the way spreadsheets quote a cell holding commas.
fn unquote(s: &str) -> String {
    match s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\"").trim().to_owned(),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_entries_skipping_comments_and_blank_lines() {
        let text = "# source\n\ndate,kind,name\n2025-09-02,holiday,Ngày Quốc khánh\n\
                    2025-04-26, makeup_workday ,\"Làm bù, thứ Bảy\"\n";
        assert_eq!(
            parse_entries(text),
            Ok(vec![
                CalendarEntry {
                    date: d(2025, 9, 2),
                    kind: DayKind::Holiday,
                    name: "Ngày Quốc khánh".into()
                },
                CalendarEntry {
                    date: d(2025, 4, 26),
                    kind: DayKind::MakeupWorkday,
                    name: "Làm bù, thứ Bảy".into()
                },
            ])
        );
    }

    #[test]
    fn gen_01_calendar_file_reports_every_bad_line_by_number() {
        let text = "date,kind,name\n\
                    2025-02-30,holiday,Ngày sai\n\
                    2025-09-02,festival,Ngày Quốc khánh\n\
                    2025-09-01,holiday,Nghỉ lễ Quốc khánh\n\
                    2025-09-01,day_off,Lặp lại\n\
                    2025-09-03,holiday\n\
                    2025-09-04,holiday, \n\
                    2025-05-02,makeup_workday,Thứ Sáu\n";
        let problems: Vec<(usize, EntryProblem)> = parse_entries(text)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.line, e.problem))
            .collect();
        assert_eq!(
            problems,
            vec![
                (
                    2,
                    EntryProblem::Date {
                        value: "2025-02-30".into()
                    }
                ),
                (
                    3,
                    EntryProblem::Kind {
                        value: "festival".into()
                    }
                ),
                (
                    5,
                    EntryProblem::Duplicate {
                        date: d(2025, 9, 1),
                        first_line: 4
                    }
                ),
                (6, EntryProblem::Columns),
                (7, EntryProblem::EmptyName),
                (
                    8,
                    EntryProblem::MakeupOnWeekday {
                        date: d(2025, 5, 2)
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_file_needs_its_header() {
        let missing = parse_entries("# nothing\n").unwrap_err();
        assert_eq!(missing[0].problem, EntryProblem::MissingHeader);
        let wrong = parse_entries("day,kind,name\n").unwrap_err();
        assert_eq!(wrong[0].line, 1);
        assert_eq!(
            wrong[0].to_string(),
            "line 1: the header must be `date,kind,name`, found `day,kind,name`"
        );
    }

    #[test]
    fn day_kind_codes_round_trip() {
        for kind in [DayKind::Holiday, DayKind::DayOff, DayKind::MakeupWorkday] {
            assert_eq!(DayKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(DayKind::from_code("Holiday"), None);
    }
}
