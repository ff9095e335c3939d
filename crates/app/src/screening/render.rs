//! Writing the screening list out: CSV (`member_key,full_name,unit_code,state,flagged_on,
//! responsible_member,review_due,overdue`, codes and ISO dates), JSON (an array of the rows)
//! and a table for the terminal in Vietnamese with dd/mm/yyyy dates.

use chrono::NaiveDate;

use super::ScreeningRow;
use crate::AppError;

/// The CSV columns, in order.
pub const COLUMNS: [&str; 8] = [
    "member_key",
    "full_name",
    "unit_code",
    "state",
    "flagged_on",
    "responsible_member",
    "review_due",
    "overdue",
];

/// A state's Vietnamese label (`ScreeningRow::state`).
pub fn state_label(code: &str) -> &'static str {
    match code {
        "flagged" => "Đã biểu quyết đưa vào diện giúp đỡ",
        "helping" => "Đang giúp đỡ",
        "kept" => "Tiến bộ: tiếp tục sinh hoạt",
        "exit_proposed" => "Không tiến bộ: đề nghị đưa ra khỏi Đảng",
        "removed" => "Đã xóa tên",
        _ => "Không rõ",
    }
}

pub fn to_csv(rows: &[ScreeningRow]) -> Result<String, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    w.write_record(COLUMNS).map_err(fail)?;
    let iso = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    for r in rows {
        w.write_record([
            r.member_key.as_str(),
            &r.full_name,
            &r.unit_code,
            r.state,
            &r.flagged_on.format("%Y-%m-%d").to_string(),
            r.responsible_member.as_deref().unwrap_or(""),
            &iso(r.review_due).unwrap_or_default(),
            if r.overdue { "true" } else { "false" },
        ])
        .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(format!("csv: {e}")))
}

pub fn to_json(rows: &[ScreeningRow]) -> Result<String, AppError> {
    let mut s =
        serde_json::to_string_pretty(rows).map_err(|e| AppError::Internal(format!("json: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// Columns padded to their widest cell, Vietnamese headers and labels.
pub fn to_table(rows: &[ScreeningRow]) -> String {
    let header: Vec<String> = [
        "Mã đảng viên",
        "Họ và tên",
        "Chi bộ",
        "Tình trạng",
        "Ngày biểu quyết",
        "Người giúp đỡ",
        "Hạn xem xét",
        "Quá hạn",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    let dmy = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.member_key.clone(),
                r.full_name.clone(),
                r.unit_code.clone(),
                state_label(r.state).to_owned(),
                dmy(r.flagged_on),
                r.responsible_member.clone().unwrap_or_default(),
                r.review_due.map(dmy).unwrap_or_default(),
                if r.overdue { "Quá hạn" } else { "" }.to_owned(),
            ]
        })
        .collect();
    let mut out = crate::text_table::render(&header, &body, header.len());
    if body.is_empty() {
        out.push_str("Không có đảng viên nào đang rà soát, sàng lọc.\n");
    }
    out
}
