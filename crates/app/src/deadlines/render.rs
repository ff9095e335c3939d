//! Writing deadlines out: CSV (`kind,subject_key,subject_name,unit_code,due_date,status`, ISO
//! dates), JSON (an array of objects with those keys) and a table for the terminal in
//! Vietnamese with dd/mm/yyyy dates.

use chibo_domain::calendar::DeadlineStatus;

use super::{Deadline, DeadlineKind};
use crate::AppError;

/// The CSV columns, in order.
pub const COLUMNS: [&str; 6] = [
    "kind",
    "subject_key",
    "subject_name",
    "unit_code",
    "due_date",
    "status",
];

pub fn to_csv(rows: &[Deadline]) -> Result<String, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    w.write_record(COLUMNS).map_err(fail)?;
    for d in rows {
        let due = d.due_date.format("%Y-%m-%d").to_string();
        w.write_record([
            d.kind.code(),
            &d.subject_key,
            &d.subject_name,
            &d.unit_code,
            &due,
            d.status.code(),
        ])
        .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(format!("csv: {e}")))
}

pub fn to_json(rows: &[Deadline]) -> Result<String, AppError> {
    let mut s =
        serde_json::to_string_pretty(rows).map_err(|e| AppError::Internal(format!("json: {e}")))?;
    s.push('\n');
    Ok(s)
}

fn kind_label(k: DeadlineKind) -> &'static str {
    match k {
        DeadlineKind::RecognitionReview => "Xét công nhận chính thức",
        DeadlineKind::RecognitionDecision => "Quyết định công nhận chính thức",
        DeadlineKind::AwarenessCertificate => "Giấy chứng nhận lớp nhận thức về Đảng hết hạn",
        DeadlineKind::AdmissionDecision => "Quyết định kết nạp",
        DeadlineKind::AdmissionCeremony => "Lễ kết nạp",
        DeadlineKind::ScreeningReview => "Xem xét sau thời gian giúp đỡ",
        DeadlineKind::ComplaintSettlement => "Giải quyết khiếu nại",
    }
}

fn status_label(s: DeadlineStatus) -> &'static str {
    match s {
        DeadlineStatus::NotYetDue => "Chưa đến hạn",
        DeadlineStatus::DueSoon => "Sắp đến hạn",
        DeadlineStatus::Due => "Đến hạn hôm nay",
        DeadlineStatus::Overdue => "Quá hạn",
    }
}

/// Columns padded to their widest cell, Vietnamese headers, dd/mm/yyyy dates.
pub fn to_table(rows: &[Deadline]) -> String {
    let header: Vec<String> = [
        "Loại hạn",
        "Mã",
        "Họ và tên",
        "Chi bộ",
        "Hạn cuối",
        "Tình trạng",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|d| {
            vec![
                kind_label(d.kind).to_owned(),
                d.subject_key.clone(),
                d.subject_name.clone(),
                d.unit_code.clone(),
                d.due_date.format("%d/%m/%Y").to_string(),
                status_label(d.status).to_owned(),
            ]
        })
        .collect();
    let mut out = crate::text_table::render(&header, &body, header.len());
    if body.is_empty() {
        out.push_str("Không có hạn nào sắp đến, đến hạn hoặc quá hạn.\n");
    }
    out
}
