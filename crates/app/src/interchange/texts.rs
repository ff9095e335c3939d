//! The decision references and reasons of an import's events, kept on disk between the checks
//! and the write. A national events.csv has some 16 million of them (about 700 MB held as
//! strings); the checks never look at them again, so they go to a scratch file as they are
//! read and only an offset per text stays in memory. A dry run keeps none.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::os::unix::fs::FileExt;

use crate::AppError;

/// "No text" in an event's text slot.
pub(super) const NO_TEXT: u32 = u32::MAX;

/// A field that is absent, in a record's length slots.
const ABSENT: u16 = u16::MAX;

/// The texts written so far. Each record is the two lengths (little-endian `u16`, `ABSENT` for
/// none; the fields are capped at 100 and 500 characters) followed by the two texts.
pub(super) struct TextSpill {
    out: BufWriter<File>,
    written: u64,
    offsets: Vec<u64>,
    /// The first write error; reported when the texts are read back.
    failed: Option<std::io::Error>,
}

impl TextSpill {
    pub(super) fn new() -> Result<Self, AppError> {
        let file = tempfile::tempfile()
            .map_err(|e| AppError::Internal(format!("import scratch file: {e}")))?;
        Ok(Self {
            out: BufWriter::with_capacity(1 << 20, file),
            written: 0,
            offsets: Vec::new(),
            failed: None,
        })
    }

    /// Stores the texts of one event and returns their slot (`NO_TEXT` when both are absent).
    pub(super) fn push(&mut self, decision: Option<&str>, reason: Option<&str>) -> u32 {
        if decision.is_none() && reason.is_none() {
            return NO_TEXT;
        }
        let len = |t: Option<&str>| t.map_or(ABSENT, |t| t.len() as u16);
        let mut record =
            Vec::with_capacity(4 + decision.map_or(0, str::len) + reason.map_or(0, str::len));
        record.extend_from_slice(&len(decision).to_le_bytes());
        record.extend_from_slice(&len(reason).to_le_bytes());
        record.extend_from_slice(decision.unwrap_or("").as_bytes());
        record.extend_from_slice(reason.unwrap_or("").as_bytes());
        if self.failed.is_none()
            && let Err(e) = self.out.write_all(&record)
        {
            self.failed = Some(e);
        }
        self.offsets.push(self.written);
        self.written += record.len() as u64;
        (self.offsets.len() - 1) as u32
    }

    /// Ends the writing; the texts can be read back.
    pub(super) fn finish(self) -> Result<TextReader, AppError> {
        let fail = |e: std::io::Error| AppError::Internal(format!("import scratch file: {e}"));
        if let Some(e) = self.failed {
            return Err(fail(e));
        }
        let file = self.out.into_inner().map_err(|e| fail(e.into_error()))?;
        Ok(TextReader {
            file,
            end: self.written,
            offsets: self.offsets,
            window: Vec::new(),
            window_start: 0,
        })
    }
}

/// Reads texts back through a window of the file: the write goes member by member, and
/// files written member by member (as exports are) read the scratch file straight through.
pub(super) struct TextReader {
    file: File,
    end: u64,
    offsets: Vec<u64>,
    window: Vec<u8>,
    window_start: u64,
}

/// Bytes read from the scratch file at a time.
const WINDOW: u64 = 1 << 20;

impl TextReader {
    /// The decision reference and reason in slot `slot`.
    pub(super) fn get(&mut self, slot: u32) -> Result<(Option<String>, Option<String>), AppError> {
        let Some(&at) = self.offsets.get(slot as usize) else {
            return Ok((None, None));
        };
        let head = self.bytes(at, 4)?;
        let d = u16::from_le_bytes([head[0], head[1]]);
        let r = u16::from_le_bytes([head[2], head[3]]);
        let size = |l: u16| if l == ABSENT { 0 } else { u64::from(l) };
        let body = self.bytes(at + 4, size(d) + size(r))?;
        let text = |from: usize, l: u16| -> Result<Option<String>, AppError> {
            if l == ABSENT {
                return Ok(None);
            }
            let bytes = &body[from..from + l as usize];
            String::from_utf8(bytes.to_vec())
                .map(Some)
                .map_err(|_| AppError::Internal("import scratch file damaged".into()))
        };
        Ok((text(0, d)?, text(size(d) as usize, r)?))
    }

    /// `len` bytes at `at`, reloading the window when they are outside it.
    fn bytes(&mut self, at: u64, len: u64) -> Result<&[u8], AppError> {
        let inside =
            at >= self.window_start && at + len <= self.window_start + self.window.len() as u64;
        if !inside {
            let want = WINDOW.max(len).min(self.end.saturating_sub(at));
            self.window.resize(want as usize, 0);
            self.file
                .read_exact_at(&mut self.window, at)
                .map_err(|e| AppError::Internal(format!("import scratch file: {e}")))?;
            self.window_start = at;
        }
        let from = (at - self.window_start) as usize;
        Ok(&self.window[from..from + len as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn texts_come_back_as_they_went_in_whatever_the_order(
            texts in prop::collection::vec((prop::option::of("[a-zA-Zđệ/ 0-9-]{0,40}"), prop::option::of(".{0,60}")), 0..300),
            order in prop::collection::vec(any::<prop::sample::Index>(), 0..300),
        ) {
            let mut spill = TextSpill::new().unwrap();
            let slots: Vec<u32> = texts.iter().map(|(d, r)| spill.push(d.as_deref(), r.as_deref())).collect();
            let mut reader = spill.finish().unwrap();
            // In order, then in any order.
            for (slot, (d, r)) in slots.iter().zip(&texts) {
                prop_assert_eq!(reader.get(*slot).unwrap(), (d.clone(), r.clone()));
            }
            if !texts.is_empty() {
                for i in order {
                    let k = i.index(texts.len());
                    prop_assert_eq!(reader.get(slots[k]).unwrap(), texts[k].clone());
                }
            }
        }
    }

    #[test]
    fn an_event_without_texts_takes_no_slot() {
        let mut spill = TextSpill::new().unwrap();
        assert_eq!(spill.push(None, None), NO_TEXT);
        let slot = spill.push(Some("12-QĐ/HU"), None);
        let mut reader = spill.finish().unwrap();
        assert_eq!(reader.get(NO_TEXT).unwrap(), (None, None));
        assert_eq!(reader.get(slot).unwrap(), (Some("12-QĐ/HU".into()), None));
    }
}
