//! Reading one CSV file of a data set: the header is checked against the known and required
//! columns, then rows come with their line number and cells by column name. A UTF-8 BOM and
//! Windows line endings are accepted; bytes that are not UTF-8 are an error at their cell.

use std::io::Read;

use super::error::{Errors, ImportError, ImportProblem};

/// What a table is read from: a file, or bytes in memory.
pub type Input = Box<dyn Read + Send>;

pub struct Table {
    pub file: &'static str,
    reader: csv::Reader<Input>,
    /// For each known column, its position in the file's header.
    positions: Vec<Option<usize>>,
    width: usize,
    /// The row being read, reused from row to row: a national file has 23 million.
    row: Row,
}

/// One data row: line number and the cells of the known columns (trimmed; empty is `None`).
/// The cells stay in the record as read; only `take` copies one out.
pub struct Row {
    pub line: u64,
    /// Bytes of the file read up to the end of this row.
    pub offset: u64,
    record: csv::ByteRecord,
    /// For each known column, its field in `record` when present and not blank.
    fields: Vec<Option<usize>>,
}

impl Row {
    pub fn get(&self, column: usize) -> Option<&str> {
        let field = (*self.fields.get(column)?)?;
        // Checked as UTF-8 when the row was read.
        std::str::from_utf8(&self.record[field]).ok().map(str::trim)
    }

    /// The cell, copied out; it reads as absent afterwards.
    pub fn take(&mut self, column: usize) -> Option<String> {
        let cell = self.get(column).map(str::to_owned);
        if let Some(f) = self.fields.get_mut(column) {
            *f = None;
        }
        cell
    }
}

impl Table {
    /// Opens `input` and checks its header. `None` (with the errors recorded) when the rows
    /// cannot be read meaningfully: no header, or a required column missing.
    pub fn open(
        input: Input,
        file: &'static str,
        known: &[&str],
        required: &[&str],
        errors: &mut Errors,
    ) -> Option<Table> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(input);
        let header = match reader.byte_headers() {
            // A header of nothing, or of one empty name, is no header.
            Ok(h) if !(h.is_empty() || (h.len() == 1 && h[0].is_empty())) => h.clone(),
            Ok(_) => {
                errors.push(ImportError::new(file, 1, "", ImportProblem::EmptyFile));
                return None;
            }
            Err(e) => {
                errors.push(ImportError::new(file, 1, "", csv_problem(&e)));
                return None;
            }
        };
        let mut names = Vec::with_capacity(header.len());
        for (i, raw) in header.iter().enumerate() {
            match std::str::from_utf8(raw) {
                Ok(name) => names.push(name.trim().to_owned()),
                Err(_) => {
                    errors.push(ImportError::new(
                        file,
                        1,
                        &format!("#{}", i + 1),
                        ImportProblem::NotUtf8,
                    ));
                    names.push(String::new());
                }
            }
        }
        for (i, name) in names.iter().enumerate() {
            if names[..i].contains(name) {
                errors.push(ImportError::new(
                    file,
                    1,
                    name,
                    ImportProblem::DuplicateColumn,
                ));
            } else if !known.contains(&name.as_str()) {
                errors.push(ImportError::new(
                    file,
                    1,
                    name,
                    ImportProblem::UnknownColumn,
                ));
            }
        }
        let mut fatal = false;
        for r in required {
            if !names.iter().any(|n| n == r) {
                errors.push(ImportError::new(file, 1, r, ImportProblem::MissingColumn));
                fatal = true;
            }
        }
        if fatal {
            return None;
        }
        let positions = known
            .iter()
            .map(|k| names.iter().position(|n| n == k))
            .collect();
        Some(Table {
            file,
            reader,
            positions,
            width: names.len(),
            row: Row {
                line: 0,
                offset: 0,
                record: csv::ByteRecord::new(),
                fields: Vec::with_capacity(known.len()),
            },
        })
    }

    /// The next data row; rows that cannot be read are recorded in `errors` and skipped.
    pub fn next_row(&mut self, errors: &mut Errors) -> Option<&mut Row> {
        let row = &mut self.row;
        loop {
            match self.reader.read_byte_record(&mut row.record) {
                Ok(false) => return None,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    errors.push(ImportError::new(self.file, line, "", csv_problem(&e)));
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        return None;
                    }
                }
                Ok(true) => {
                    let record = &row.record;
                    let line = record.position().map_or(0, |p| p.line());
                    if record.len() != self.width {
                        // A trailing empty line reads as one empty field; it is not a row.
                        if record.len() == 1 && record[0].is_empty() {
                            continue;
                        }
                        errors.push(ImportError::new(
                            self.file,
                            line,
                            "",
                            ImportProblem::FieldCount {
                                expected: self.width,
                                found: record.len(),
                            },
                        ));
                        continue;
                    }
                    row.fields.clear();
                    let mut ok = true;
                    for p in &self.positions {
                        let field = match p {
                            None => None,
                            Some(i) => match std::str::from_utf8(&record[*i]) {
                                Ok(s) => (!s.trim().is_empty()).then_some(*i),
                                Err(_) => {
                                    ok = false;
                                    None
                                }
                            },
                        };
                        row.fields.push(field);
                    }
                    if !ok {
                        errors.push(ImportError::new(
                            self.file,
                            line,
                            "",
                            ImportProblem::NotUtf8,
                        ));
                        continue;
                    }
                    row.line = line;
                    row.offset = self.reader.position().byte();
                    return Some(row);
                }
            }
        }
    }
}

fn csv_problem(e: &csv::Error) -> ImportProblem {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => ImportProblem::NotUtf8,
        other => ImportProblem::MalformedCsv {
            detail: format!("{other:?}").chars().take(120).collect(),
        },
    }
}
