//! Writing a statistics table out: CSV (header row, one row per line, RFC 4180 quoting) and
//! an aligned plain-text table for the terminal. JSON is the API's document.

use chibo_domain::stats::StatsResult;

use crate::AppError;

pub fn to_csv(r: &StatsResult) -> Result<String, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    w.write_record(r.columns()).map_err(fail)?;
    for row in &r.rows {
        let values = row.values.iter().map(i64::to_string);
        w.write_record(row.dims.iter().cloned().chain(values))
            .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(format!("csv: {e}")))
}

/// Columns padded to their widest cell; numbers right-aligned.
pub fn to_table(r: &StatsResult) -> String {
    let header: Vec<String> = r.columns().iter().map(|c| (*c).to_owned()).collect();
    let body: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|row| {
            row.dims
                .iter()
                .cloned()
                .chain(row.values.iter().map(i64::to_string))
                .collect()
        })
        .collect();
    let dims = r.dim_columns.len();
    crate::text_table::render(&header, &body, dims)
}
