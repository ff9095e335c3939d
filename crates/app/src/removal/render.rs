//! The open procedures as `chibo removals` prints them: CSV, JSON or a table.

use super::OpenCase;
use crate::AppError;

/// The CSV columns (and the JSON keys).
pub const COLUMNS: [&str; 7] = [
    "member_key",
    "full_name",
    "unit_code",
    "procedure",
    "state",
    "opened_on",
    "next_due",
];

fn iso(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// CSV with [`COLUMNS`], ISO dates, `next_due` empty when there is none.
pub fn to_csv(rows: &[OpenCase]) -> Result<String, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    w.write_record(COLUMNS).map_err(fail)?;
    for r in rows {
        w.write_record([
            r.member_key.as_str(),
            &r.full_name,
            &r.unit_code,
            &r.procedure,
            r.state,
            &iso(Some(r.opened_on)),
            &iso(r.next_due),
        ])
        .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(format!("csv: {e}")))
}

/// A JSON array of objects with the CSV's keys.
pub fn to_json(rows: &[OpenCase]) -> Result<String, AppError> {
    let mut s =
        serde_json::to_string_pretty(rows).map_err(|e| AppError::Internal(format!("json: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// Columns padded to their widest cell, Vietnamese headers, dd/mm/yyyy dates.
pub fn to_table(rows: &[OpenCase]) -> String {
    let header: Vec<String> = [
        "Mã đảng viên",
        "Họ và tên",
        "Chi bộ",
        "Thủ tục",
        "Tình trạng",
        "Ngày mở",
        "Hạn tiếp theo",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    let date = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.member_key.clone(),
                r.full_name.clone(),
                r.unit_code.clone(),
                format!("{} ({})", r.procedure, r.rule),
                r.state.to_owned(),
                date(r.opened_on),
                r.next_due.map(date).unwrap_or_default(),
            ]
        })
        .collect();
    let mut out = crate::text_table::render(&header, &body, 7);
    if body.is_empty() {
        out.push_str("Không có hồ sơ xóa tên, khiếu nại hay xin ra khỏi Đảng đang giải quyết.\n");
    }
    out
}
