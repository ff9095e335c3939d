//! Writing the warning report out: CSV (`member_key,full_name,unit_code,reason,count,
//! threshold,level`, codes as stored), JSON (an array of objects with those keys) and a table
//! for the terminal in Vietnamese.

use chibo_domain::warning::WarningRow;

use crate::AppError;

/// The CSV columns, in order.
pub const COLUMNS: [&str; 7] = WarningRow::HEADER;

pub fn to_csv(rows: &[WarningRow]) -> Result<String, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    w.write_record(COLUMNS).map_err(fail)?;
    for r in rows {
        w.write_record(r.record()).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(format!("csv: {e}")))
}

pub fn to_json(rows: &[WarningRow]) -> Result<String, AppError> {
    let mut s =
        serde_json::to_string_pretty(rows).map_err(|e| AppError::Internal(format!("json: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// Columns padded to their widest cell, Vietnamese headers and labels.
pub fn to_table(rows: &[WarningRow]) -> String {
    let header: Vec<String> = [
        "Mã đảng viên",
        "Họ và tên",
        "Chi bộ",
        "Lý do",
        "Số tháng",
        "Ngưỡng",
        "Mức",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.member_key.clone(),
                r.full_name.clone(),
                r.unit_code.clone(),
                r.reason.label().to_owned(),
                r.count.to_string(),
                r.threshold.to_string(),
                r.level.label().to_owned(),
            ]
        })
        .collect();
    let mut out = crate::text_table::render(&header, &body, header.len());
    if body.is_empty() {
        out.push_str("Không có đảng viên nào cần cảnh báo.\n");
    }
    out
}
