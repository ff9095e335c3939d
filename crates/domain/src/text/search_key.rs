//! The ASCII-folded search key of the glossary: lowercase, NFD, combining marks dropped,
//! đ/Đ mapped to d (NFD does not split it), spaces collapsed. "Nguyễn Thị Đào" → "nguyen thi dao".

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The search key of `s`; used both for stored names and for what the user types.
pub fn search_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfd() {
        if ('\u{0300}'..='\u{036F}').contains(&c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Text as stored: Unicode NFC (so "ế" typed with combining marks equals the precomposed one),
/// control characters taken as spaces, trimmed, inner whitespace collapsed to single spaces.
/// No stored text holds a control character, so bulk reads may use them as separators.
pub fn clean_text(s: &str) -> String {
    // Nearly every stored text is clean already; an import checks tens of millions.
    if is_nfc_quick(s.chars()) == IsNormalized::Yes && single_spaced(s) {
        return s.to_owned();
    }
    let nfc: String = s
        .nfc()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// No whitespace or control character but single inner spaces.
fn single_spaced(s: &str) -> bool {
    let mut after_space = true;
    for c in s.chars() {
        if c.is_control() {
            return false;
        }
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_vietnamese_names_as_the_glossary_says() {
        assert_eq!(search_key("Nguyễn Thị Đào"), "nguyen thi dao");
        assert_eq!(search_key("Chi bộ Ấp A"), "chi bo ap a");
        assert_eq!(search_key("  ĐẶNG   Văn  Ơn "), "dang van on");
        assert_eq!(search_key("Nguyen Van An"), search_key("Nguyễn Văn An"));
    }

    #[test]
    fn decomposed_and_precomposed_input_fold_alike() {
        let decomposed = "Nguye\u{0302}\u{0303}n";
        assert_eq!(search_key(decomposed), "nguyen");
        assert_eq!(clean_text(decomposed), "Nguyễn");
    }

    proptest! {
        #[test]
        fn search_key_is_idempotent_and_ascii_for_vietnamese(s in "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐ ]{0,40}") {
            let k = search_key(&s);
            prop_assert_eq!(search_key(&k), k.clone());
            prop_assert!(k.is_ascii());
            prop_assert!(!k.starts_with(' ') && !k.ends_with(' ') && !k.contains("  "));
        }

        #[test]
        fn clean_text_takes_its_shortcut_only_for_clean_text(s in "[a-zA-Zàáạăằêếệđ\u{0300}\u{0301}\u{0303} \t\n\u{00A0}\u{1e}\u{1f}\u{7f}]{0,30}") {
            let slow = s
                .nfc()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            prop_assert_eq!(clean_text(&s), slow);
        }

        #[test]
        fn clean_text_never_keeps_a_control_character(s in "\\PC{0,10}[\u{0}-\u{1f}\u{7f}-\u{9f}]{1,3}\\PC{0,10}") {
            prop_assert!(!clean_text(&s).chars().any(char::is_control));
        }
    }
}
