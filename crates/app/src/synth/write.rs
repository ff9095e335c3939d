//! Stores a synthetic data set as the three interchange v1 files in a directory: UTF-8, a
//! header row, commas, RFC 4180 quoting by the `csv` crate, columns in the order of
//! `UNIT_COLUMNS`, `MEMBER_COLUMNS` and `EVENT_COLUMNS`. Each file is written under a
//! temporary name and renamed once complete, so a failed run leaves no half data set.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use chibo_domain::interchange::{
    EVENT_COLUMNS, EVENTS_FILE, EventRecord, MEMBER_COLUMNS, MEMBERS_FILE, MemberRecord,
    UNIT_COLUMNS, UNITS_FILE, UnitRecord,
};

use super::{SynthCounts, SynthError, SynthOptions, SynthSink, generate};

/// What `write` produced.
#[derive(Debug, Clone)]
pub struct SynthFiles {
    /// The three files, in the order units, members, events, with their sizes in bytes.
    pub files: Vec<(PathBuf, u64)>,
    pub counts: SynthCounts,
}

struct CsvFile {
    path: PathBuf,
    temp: PathBuf,
    writer: csv::Writer<BufWriter<File>>,
}

impl CsvFile {
    fn create(dir: &Path, name: &str, header: &[&str]) -> Result<Self, SynthError> {
        let path = dir.join(name);
        let temp = dir.join(format!(".{name}.partial"));
        let file = File::create(&temp).map_err(|e| fault(&temp, e))?;
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(BufWriter::with_capacity(1 << 20, file));
        writer.write_record(header).map_err(|e| fault(&temp, e))?;
        Ok(Self { path, temp, writer })
    }

    fn row<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) -> Result<(), SynthError> {
        self.writer
            .write_record(cells)
            .map_err(|e| fault(&self.temp, e))
    }

    fn finish(self) -> Result<(PathBuf, u64), SynthError> {
        let Self { path, temp, writer } = self;
        let buffered = writer
            .into_inner()
            .map_err(|e| fault(&temp, e.error().to_string()))?;
        let file = buffered
            .into_inner()
            .map_err(|e| fault(&temp, e.error().to_string()))?;
        file.sync_all().map_err(|e| fault(&temp, e))?;
        drop(file);
        std::fs::rename(&temp, &path).map_err(|e| fault(&path, e))?;
        let size = std::fs::metadata(&path).map_err(|e| fault(&path, e))?.len();
        Ok((path, size))
    }
}

fn fault(path: &Path, e: impl ToString) -> SynthError {
    SynthError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

struct Files {
    units: CsvFile,
    members: CsvFile,
    events: CsvFile,
}

impl SynthSink for Files {
    fn unit(&mut self, unit: &UnitRecord) -> Result<(), SynthError> {
        self.units.row(unit.cells())
    }

    fn member(&mut self, member: &MemberRecord, events: &[EventRecord]) -> Result<(), SynthError> {
        self.members.row(member.cells())?;
        for e in events {
            self.events.row(e.cells())?;
        }
        Ok(())
    }
}

/// Generates the data set and writes it into `dir` (created if missing; the three files
/// replaced).
pub fn write(options: &SynthOptions, dir: &Path) -> Result<SynthFiles, SynthError> {
    std::fs::create_dir_all(dir).map_err(|e| fault(dir, e))?;
    let mut files = Files {
        units: CsvFile::create(dir, UNITS_FILE, UNIT_COLUMNS)?,
        members: CsvFile::create(dir, MEMBERS_FILE, MEMBER_COLUMNS)?,
        events: CsvFile::create(dir, EVENTS_FILE, EVENT_COLUMNS)?,
    };
    let counts = match generate(options, &mut files) {
        Ok(c) => c,
        Err(e) => {
            for f in [&files.units, &files.members, &files.events] {
                let _ = std::fs::remove_file(&f.temp);
            }
            return Err(e);
        }
    };
    let Files {
        units,
        members,
        events,
    } = files;
    Ok(SynthFiles {
        files: vec![units.finish()?, members.finish()?, events.finish()?],
        counts,
    })
}
