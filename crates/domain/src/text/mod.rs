//! Vietnamese text: folding for diacritic-insensitive search and collation keys for sorting.

mod search_key;
mod sort_key;

pub use search_key::{clean_text, search_key};
pub use sort_key::{name_sort_key, text_sort_key};
