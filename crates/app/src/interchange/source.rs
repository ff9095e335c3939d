//! Where a data set comes from: a folder holding the three files, or a .zip of them (read
//! from a temporary folder it is unpacked into).

use std::fs::File;
use std::path::{Path, PathBuf};

use super::error::{ImportError, ImportProblem};

pub struct Source {
    dir: PathBuf,
    _unpacked: Option<tempfile::TempDir>,
}

impl Source {
    /// Opens a folder or unpacks a .zip; the error names the path.
    pub fn open(path: &Path) -> Result<Source, ImportError> {
        let not_a_set = || ImportError::new("", 0, "", ImportProblem::NotADataSet);
        if path.is_dir() {
            return Ok(Source {
                dir: path.to_owned(),
                _unpacked: None,
            });
        }
        let file = File::open(path).map_err(|_| not_a_set())?;
        let mut archive = zip::ZipArchive::new(file).map_err(|_| not_a_set())?;
        let temp = tempfile::tempdir().map_err(|_| not_a_set())?;
        for name in [
            chibo_domain::interchange::UNITS_FILE,
            chibo_domain::interchange::MEMBERS_FILE,
            chibo_domain::interchange::EVENTS_FILE,
        ] {
            // The files may sit in a folder inside the archive.
            let entry = (0..archive.len()).find(|&i| {
                archive.by_index(i).ok().is_some_and(|e| {
                    e.is_file()
                        && e.name()
                            .ok()
                            .is_some_and(|n| n.rsplit('/').next() == Some(name))
                })
            });
            if let Some(i) = entry {
                let mut from = archive.by_index(i).map_err(|_| not_a_set())?;
                let mut to = File::create(temp.path().join(name)).map_err(|_| not_a_set())?;
                std::io::copy(&mut from, &mut to).map_err(|_| not_a_set())?;
            }
        }
        Ok(Source {
            dir: temp.path().to_owned(),
            _unpacked: Some(temp),
        })
    }

    /// The path of one of the files, if the data set has it.
    pub fn file(&self, name: &str) -> Option<PathBuf> {
        let p = self.dir.join(name);
        p.is_file().then_some(p)
    }
}
