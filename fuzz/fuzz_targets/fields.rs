//! Any text as a date, citizen ID, card number, phone, e-mail, name or unit code: parsing
//! returns a value or a problem, never panics.
#![no_main]

use chibo_domain::person::{CardNumber, CitizenId, Email, FullName, Phone};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = chibo_domain::dates::parse_date(text);
    let _ = CitizenId::parse(text);
    let _ = CardNumber::parse(text);
    let _ = Phone::parse(text);
    let _ = Email::parse(text);
    let _ = FullName::parse(text);
    let _ = chibo_domain::org::UnitCode::parse(text);
    let _ = chibo_domain::text::search_key(text);
});
