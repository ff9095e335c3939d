//! Collation keys in Vietnamese order (ICU locale `vi`: a ă â b c d đ e ê …), stored beside the
//! text so both database engines sort with a plain byte comparison.

use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

fn collator() -> Option<&'static CollatorBorrowed<'static>> {
    static COLLATOR: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    COLLATOR
        .get_or_init(|| Collator::try_new(locale!("vi").into(), CollatorOptions::default()).ok())
        .as_ref()
}

/// Sort key of a text in Vietnamese collation order.
pub fn text_sort_key(s: &str) -> Vec<u8> {
    let mut key = Vec::new();
    match collator() {
        Some(c) => {
            let Ok(()) = c.write_sort_key_to(s, &mut key);
        }
        // The baked collation data always loads; this keeps ordering sane if it ever did not.
        None => key.extend_from_slice(super::search_key(s).as_bytes()),
    }
    key
}

/// Sort key of a person's name: Vietnamese lists order by given name (the last word), then
/// the family and middle names, so "Trần Văn An" comes before "Lê Thị Bình".
pub fn name_sort_key(full_name: &str) -> Vec<u8> {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    match words.split_last() {
        Some((given, rest)) if !rest.is_empty() => {
            text_sort_key(&format!("{given} {}", rest.join(" ")))
        }
        _ => text_sort_key(full_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_letters_sort_in_alphabet_order() {
        let mut words = vec!["đào", "dung", "ân", "an", "ăn", "bình"];
        words.sort_by_key(|w| text_sort_key(w));
        assert_eq!(words, vec!["an", "ăn", "ân", "bình", "dung", "đào"]);
    }

    #[test]
    fn names_sort_by_given_name_first() {
        let mut names = vec!["Lê Thị Bình", "Trần Văn An", "Nguyễn Văn An"];
        names.sort_by_key(|n| name_sort_key(n));
        assert_eq!(names, vec!["Nguyễn Văn An", "Trần Văn An", "Lê Thị Bình"]);
    }
}
