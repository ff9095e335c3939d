//! Plain-text tables for the terminal (`--format table`): every column padded to its widest
//! cell, two spaces between columns, no trailing spaces.

/// `header` and `body` as lines; columns from `right_from` on (numbers) are right-aligned.
pub(crate) fn render(header: &[String], body: &[Vec<String>], right_from: usize) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in body {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
            if i < right_from {
                out.push_str(cell);
                out.push_str(&pad);
            } else {
                out.push_str(&pad);
                out.push_str(cell);
            }
        }
        out.trim_end().to_owned()
    };
    let mut out = line(header);
    out.push('\n');
    for row in body {
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::render;

    fn s(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn pads_text_left_and_numbers_right_by_characters_not_bytes() {
        let out = render(
            &s(&["Chi bộ", "Số"]),
            &[s(&["Ấp A", "1.234"]), s(&["Đông", "5"])],
            1,
        );
        assert_eq!(out, "Chi bộ     Số\nẤp A    1.234\nĐông        5\n");
    }
}
