//! Any bytes as the three files of a data set: the import checks must report errors, never
//! panic. The input is split into units, members and events at the first two 0xFF bytes
//! (which valid UTF-8 never contains).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0xFF);
    let units = parts.next().unwrap_or_default();
    let members = parts.next().unwrap_or_default();
    let events = parts.next().unwrap_or_default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
    let _ = chibo_app::interchange::check_bytes(units, members, events, today);
});
