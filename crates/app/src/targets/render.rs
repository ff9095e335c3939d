//! Writing the targets report out: CSV (a dot before the two decimals), JSON, and a table for
//! the terminal in the Vietnamese number format (1.234 and 106,24).

use super::{TargetReport, TargetRow};
use crate::AppError;

/// The CSV header.
pub const COLUMNS: [&str; 6] = [
    "unit_code",
    "unit_name",
    "target",
    "admitted",
    "percent",
    "forecast",
];

/// Hundredths of a percent as `106.24` (`decimal` is the separator before the two decimals).
pub fn percent_text(hundredths: i64, decimal: char) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let h = hundredths.abs();
    format!("{sign}{}{decimal}{:02}", h / 100, h % 100)
}

fn csv_cells(r: &TargetRow) -> [String; 6] {
    [
        r.unit_code.clone(),
        r.unit_name.clone(),
        r.target.map(|t| t.to_string()).unwrap_or_default(),
        r.admitted.to_string(),
        r.percent_hundredths
            .map(|p| percent_text(p, '.'))
            .unwrap_or_default(),
        r.forecast.to_string(),
    ]
}

pub fn to_csv(report: &TargetReport) -> Result<String, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    w.write_record(COLUMNS).map_err(fail)?;
    for r in &report.rows {
        w.write_record(csv_cells(r)).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(format!("csv: {e}")))
}

pub fn to_json(report: &TargetReport) -> Result<String, AppError> {
    let mut s = serde_json::to_string_pretty(report)
        .map_err(|e| AppError::Internal(format!("json: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// A whole number with dots between thousands: 1.234.567.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn vi_percent(hundredths: i64) -> String {
    format!(
        "{},{:02}",
        thousands(hundredths / 100),
        (hundredths % 100).abs()
    )
}

/// Columns padded, numbers right-aligned, in the Vietnamese number format.
pub fn to_table(report: &TargetReport) -> String {
    let header: Vec<String> = [
        "Mã",
        "Tổ chức đảng",
        "Chỉ tiêu",
        "Đã kết nạp",
        "Đạt (%)",
        "Dự báo cuối năm",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    let body: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| {
            vec![
                r.unit_code.clone(),
                r.unit_name.clone(),
                r.target.map(thousands).unwrap_or_default(),
                thousands(r.admitted),
                r.percent_hundredths.map(vi_percent).unwrap_or_default(),
                thousands(r.forecast),
            ]
        })
        .collect();
    crate::text_table::render(&header, &body, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_vietnamese_way_in_tables_and_with_a_dot_in_csv() {
        assert_eq!(percent_text(10_624, '.'), "106.24");
        assert_eq!(percent_text(5, '.'), "0.05");
        assert_eq!(vi_percent(123_456), "1.234,56");
        assert_eq!(thousands(64_403), "64.403");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1.000.000");
    }
}
