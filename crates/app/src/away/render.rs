//! Writing the no-contact list out: CSV and JSON with the columns below (ISO dates), and a
//! table for the terminal in Vietnamese with dd/mm/yyyy dates.

use super::AwayLine;
use crate::AppError;

/// The columns, in order.
pub const NO_CONTACT_COLUMNS: [&str; 7] = [
    "member_key",
    "full_name",
    "unit_code",
    "place",
    "since",
    "last_contact",
    "months_without_contact",
];

fn cells(l: &AwayLine, date: &str) -> [String; 7] {
    [
        l.member_key.clone(),
        l.full_name.clone(),
        l.unit_code.clone(),
        l.place.clone(),
        l.since.format(date).to_string(),
        l.status
            .last_contact
            .map(|d| d.format(date).to_string())
            .unwrap_or_default(),
        l.status.months_without_contact.to_string(),
    ]
}

pub fn no_contact_csv(rows: &[AwayLine]) -> Result<String, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    w.write_record(NO_CONTACT_COLUMNS).map_err(fail)?;
    for l in rows {
        w.write_record(cells(l, "%Y-%m-%d")).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(format!("csv: {e}")))
}

pub fn no_contact_json(rows: &[AwayLine]) -> Result<String, AppError> {
    let objects: Vec<serde_json::Value> = rows
        .iter()
        .map(|l| {
            serde_json::json!({
                "member_key": l.member_key,
                "full_name": l.full_name,
                "unit_code": l.unit_code,
                "place": l.place,
                "since": l.since,
                "last_contact": l.status.last_contact,
                "months_without_contact": l.status.months_without_contact,
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&objects)
        .map_err(|e| AppError::Internal(format!("json: {e}")))?;
    s.push('\n');
    Ok(s)
}

pub fn no_contact_table(rows: &[AwayLine], gap_months: u32) -> String {
    let header: Vec<String> = [
        "Mã đảng viên",
        "Họ và tên",
        "Chi bộ",
        "Nơi làm ăn",
        "Từ ngày",
        "Liên hệ gần nhất",
        "Số tháng chưa liên hệ",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    let body: Vec<Vec<String>> = rows.iter().map(|l| cells(l, "%d/%m/%Y").to_vec()).collect();
    let mut out = crate::text_table::render(&header, &body, header.len() - 1);
    if body.is_empty() {
        out.push_str(&format!(
            "Không có đảng viên làm ăn xa nào quá {gap_months} tháng chưa liên hệ.\n"
        ));
    }
    out
}
