//! Writing fee totals out for `chibo fees report`: CSV
//! (`unit_code,unit_name,members,due,collected,arrears`, amounts in whole đồng), JSON (an array
//! of objects with those keys) and a terminal table in Vietnamese (1.234.567 đ). The first row
//! is the unit asked for, then each unit directly under it.

use serde::Serialize;

use super::{FeeTotals, UnitFeeTotal};
use crate::AppError;

/// The CSV columns, in order.
pub const COLUMNS: [&str; 6] = [
    "unit_code",
    "unit_name",
    "members",
    "due",
    "collected",
    "arrears",
];

#[derive(Serialize)]
struct Row<'a> {
    unit_code: &'a str,
    unit_name: &'a str,
    members: u64,
    due: u64,
    collected: u64,
    arrears: u64,
}

fn rows(t: &FeeTotals) -> Vec<Row<'_>> {
    std::iter::once(&t.unit)
        .chain(&t.children)
        .map(|u: &UnitFeeTotal| Row {
            unit_code: &u.unit_code,
            unit_name: &u.unit_name,
            members: u.members,
            due: u.due_dong,
            collected: u.collected_dong,
            arrears: u.arrears_dong,
        })
        .collect()
}

pub fn to_csv(t: &FeeTotals) -> Result<String, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    w.write_record(COLUMNS).map_err(fail)?;
    for r in rows(t) {
        w.write_record([
            r.unit_code.to_owned(),
            r.unit_name.to_owned(),
            r.members.to_string(),
            r.due.to_string(),
            r.collected.to_string(),
            r.arrears.to_string(),
        ])
        .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(format!("csv: {e}")))
}

pub fn to_json(t: &FeeTotals) -> Result<String, AppError> {
    let mut s = serde_json::to_string_pretty(&rows(t))
        .map_err(|e| AppError::Internal(format!("json: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// `1234567` → `1.234.567 đ`.
pub fn dong(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out.push_str(" đ");
    out
}

/// Columns padded to their widest cell, Vietnamese headers, amounts as `1.234.567 đ`.
pub fn to_table(t: &FeeTotals) -> String {
    let header: Vec<String> = [
        "Mã",
        "Tổ chức đảng",
        "Đảng viên",
        "Phải thu",
        "Đã thu",
        "Còn nợ",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    let body: Vec<Vec<String>> = rows(t)
        .into_iter()
        .map(|r| {
            vec![
                r.unit_code.to_owned(),
                r.unit_name.to_owned(),
                r.members.to_string(),
                dong(r.due),
                dong(r.collected),
                dong(r.arrears),
            ]
        })
        .collect();
    let mut out = format!("Đảng phí tháng {}\n", t.month.label());
    out.push_str(&crate::text_table::render(&header, &body, 2));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_by_thousands_with_dots() {
        assert_eq!(dong(0), "0 đ");
        assert_eq!(dong(5_000), "5.000 đ");
        assert_eq!(dong(1_234_567), "1.234.567 đ");
    }
}
