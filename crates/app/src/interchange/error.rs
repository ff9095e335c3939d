//! What is wrong with an interchange data set, row by row: `file:line:column`, a stable code
//! and the facts the Vietnamese message needs.

use chibo_domain::field::Problem;
use chibo_domain::member::TransitionError;
use chibo_domain::org::TreeError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ImportProblem {
    /// One of the three files is not in the data set.
    MissingFile,
    /// The file has no header row.
    EmptyFile,
    /// The data set is neither a folder nor a readable .zip.
    NotADataSet,
    NotUtf8,
    MalformedCsv {
        detail: String,
    },
    FieldCount {
        expected: usize,
        found: usize,
    },
    MissingColumn,
    UnknownColumn,
    DuplicateColumn,
    /// A cell's value (types, formats, code lists).
    Field(Problem),
    /// A key repeated in the file.
    Duplicate {
        first_line: u64,
    },
    /// A key, code, citizen ID or card number the registry already has.
    AlreadyInRegistry,
    UnknownUnit,
    UnknownMember,
    /// A member row with no event.
    NoEvents,
    /// A card for someone never recognised official (MEM-05).
    CardNeedsOfficial,
    /// An event its member's history does not allow.
    Transition(TransitionError),
    /// Unit versions that do not make a valid tree.
    Tree(TreeError),
    /// A unit outside the importer's scope.
    OutOfScope,
}

impl ImportProblem {
    /// The stable error code, for scripts and the error CSV.
    pub fn code(&self) -> String {
        match self {
            Self::MissingFile => "missing_file".into(),
            Self::EmptyFile => "empty_file".into(),
            Self::NotADataSet => "not_a_data_set".into(),
            Self::NotUtf8 => "not_utf8".into(),
            Self::MalformedCsv { .. } => "malformed_csv".into(),
            Self::FieldCount { .. } => "field_count".into(),
            Self::MissingColumn => "missing_column".into(),
            Self::UnknownColumn => "unknown_column".into(),
            Self::DuplicateColumn => "duplicate_column".into(),
            Self::Field(p) => serde_json::to_value(p)
                .ok()
                .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_owned))
                .unwrap_or_else(|| "invalid_value".into()),
            Self::Duplicate { .. } => "duplicate".into(),
            Self::AlreadyInRegistry => "already_in_registry".into(),
            Self::UnknownUnit => "unknown_unit".into(),
            Self::UnknownMember => "unknown_member".into(),
            Self::NoEvents => "no_events".into(),
            Self::CardNeedsOfficial => "card_needs_official".into(),
            Self::Transition(_) => "event_order".into(),
            Self::Tree(_) => "tree".into(),
            Self::OutOfScope => "out_of_scope".into(),
        }
    }
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportError {
    pub file: &'static str,
    /// 1-based; the header is line 1; 0 for the file as a whole.
    pub line: u64,
    /// Column name, empty for the row or file as a whole.
    pub column: String,
    pub problem: ImportProblem,
}

impl ImportError {
    pub fn new(file: &'static str, line: u64, column: &str, problem: ImportProblem) -> Self {
        Self {
            file,
            line,
            column: column.to_owned(),
            problem,
        }
    }
}

/// Keeps every error up to a bound (a broken file of millions of rows must not exhaust
/// memory) and counts the rest.
#[derive(Debug, Default)]
pub struct Errors {
    pub kept: Vec<ImportError>,
    pub total: u64,
}

impl Errors {
    pub const KEEP: usize = 10_000;

    pub fn push(&mut self, e: ImportError) {
        self.total += 1;
        if self.kept.len() < Self::KEEP {
            self.kept.push(e);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}
