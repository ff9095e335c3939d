//! The in-transit list (TRF-02, TRF-03): every official letter issued on or before a day and
//! not closed by then, under the sending cell and every unit above it, with the days in
//! transit and the overdue ones flagged against TRF-02's limit on the working calendar. A
//! letter stays listed until presentation or confirmation closes it: members in transit are
//! never lost. Also the host cells' list of temporary arrivals (TRF-05). Scope is resolved as
//! for statistics: a unit outside the caller's scope is not found; without a unit an officer
//! sees their own unit, an administrator (and the CLI) the whole registry.

use chibo_domain::access::{Actor, Permission, Target, authorize};
use chibo_domain::ids::UnitId;
use chibo_domain::org::UnitPath;
use chibo_storage::transfers as repo;
use chibo_storage::{Tx, paths};
use chrono::NaiveDate;
use serde::Serialize;

use super::domain_letter;
use crate::audit::By;
use crate::stats::scope_unit;
use crate::{App, AppError};

/// The CSV columns of `chibo transfers --in-transit`, in order.
pub const COLUMNS: [&str; 7] = [
    "member_key",
    "full_name",
    "from_unit_code",
    "to_unit_code",
    "issued_on",
    "days_in_transit",
    "overdue",
];

/// One member in transit. Serialises to the JSON object of `--format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InTransit {
    #[serde(skip)]
    pub letter_id: i64,
    #[serde(skip)]
    pub member_id: i64,
    pub member_key: String,
    pub full_name: String,
    pub from_unit_code: String,
    /// The receiving unit's code; for an organisation outside the registry, its name as
    /// printed on the letter.
    pub to_unit_code: String,
    /// The destination is outside the registry (closed by confirmation, not reception).
    #[serde(skip)]
    pub outside: bool,
    #[serde(skip)]
    pub letter_number: String,
    pub issued_on: NaiveDate,
    pub days_in_transit: u32,
    /// TRF-02: the last day to present the letter.
    #[serde(skip)]
    pub due_on: Option<NaiveDate>,
    /// TRF-02's limit has passed with the letter not presented.
    pub overdue: bool,
}

/// The path of the scope's unit on `day` (its last one if it had none that day); `None`
/// for the whole registry.
async fn scope_path(
    tx: &mut Tx,
    unit: Option<UnitId>,
    day: NaiveDate,
) -> Result<Option<Option<UnitPath>>, AppError> {
    Ok(match unit {
        None => Some(None),
        Some(u) => paths::latest_path(tx, u, day).await?.map(Some),
    })
}

fn within(scope: &Option<UnitPath>, path: Option<&UnitPath>) -> bool {
    match (scope, path) {
        (None, _) => true,
        (Some(s), Some(p)) => s.contains(p),
        (Some(_), None) => false,
    }
}

/// The members in transit on `as_of` from the scope's cells, by letter date and member key.
pub async fn in_transit(
    app: &App,
    by: By<'_>,
    as_of: NaiveDate,
    unit: Option<&str>,
) -> Result<Vec<InTransit>, AppError> {
    let unit = scope_unit(app, by, unit).await?;
    let calendar = crate::calendar::working_calendar(app).await?;
    let mut tx = app.db.read().await?;
    let rules = crate::settings::timeline(&mut tx).await?;
    let Some(scope) = scope_path(&mut tx, unit, as_of).await? else {
        tx.commit().await?;
        return Ok(Vec::new()); // the unit did not exist by that day
    };
    let mut out = Vec::new();
    for row in repo::in_transit_on(&mut tx, as_of).await? {
        // The cell left, in the tree as valid on the day (its last version if it ended).
        let from = paths::latest_path(&mut tx, UnitId(row.from_unit_id), as_of).await?;
        if !within(&scope, from.as_ref()) {
            continue;
        }
        let letter = domain_letter(&row);
        let p = rules.on(row.issued_on).transfer;
        out.push(InTransit {
            letter_id: row.id,
            member_id: row.member_id,
            member_key: row.member_key,
            full_name: row.full_name,
            from_unit_code: row.from_unit_code,
            outside: row.to_unit_id.is_none(),
            to_unit_code: row.to_unit_code.or(row.to_outside).unwrap_or_default(),
            letter_number: row.letter_number,
            issued_on: row.issued_on,
            days_in_transit: letter.days_in_transit(as_of),
            due_on: letter.presentation_due(&calendar, &p),
            overdue: letter.on_screening_list(as_of, &calendar, &p),
        });
    }
    tx.commit().await?;
    Ok(out)
}

/// A member attending a host cell on a temporary transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HostArrival {
    pub temporary_transfer_id: i64,
    pub member_id: i64,
    pub member_key: String,
    pub full_name: String,
    pub home_unit_code: String,
    pub host_unit_code: String,
    pub reason: String,
    pub from: NaiveDate,
    pub until: NaiveDate,
}

/// The members attending, on `as_of`, host cells the caller may see (TRF-05: listed at the
/// host, counted at home), by host code and member key.
pub async fn host_list(
    app: &App,
    actor: &Actor,
    as_of: NaiveDate,
) -> Result<Vec<HostArrival>, AppError> {
    if !actor.can(Permission::ViewMembers) {
        return Err(AppError::Forbidden(Permission::ViewMembers));
    }
    let mut tx = app.db.read().await?;
    let mut out = Vec::new();
    for row in repo::temporaries_open_on(&mut tx, as_of).await? {
        let Some(path) = paths::latest_path(&mut tx, UnitId(row.host_unit_id), as_of).await? else {
            continue;
        };
        if authorize(actor, Permission::ViewMembers, Target::Unit(&path)).is_err() {
            continue;
        }
        let view = super::temporary::view(&mut tx, row).await?;
        if view.effective_until < as_of {
            continue; // past its end, waiting for the home cell to record the return
        }
        let t = view.transfer;
        out.push(HostArrival {
            temporary_transfer_id: t.id,
            member_id: t.member_id,
            member_key: t.member_key,
            full_name: t.full_name,
            home_unit_code: t.home_unit_code,
            host_unit_code: t.host_unit_code,
            reason: t.reason,
            from: t.from_on,
            until: view.effective_until,
        });
    }
    tx.commit().await?;
    Ok(out)
}

/// CSV with [`COLUMNS`], ISO dates, `overdue` as `true`/`false`.
pub fn to_csv(rows: &[InTransit]) -> Result<String, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    w.write_record(COLUMNS).map_err(fail)?;
    for r in rows {
        w.write_record([
            r.member_key.as_str(),
            &r.full_name,
            &r.from_unit_code,
            &r.to_unit_code,
            &r.issued_on.format("%Y-%m-%d").to_string(),
            &r.days_in_transit.to_string(),
            if r.overdue { "true" } else { "false" },
        ])
        .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(format!("csv: {e}")))
}

/// A JSON array of objects with the CSV's keys.
pub fn to_json(rows: &[InTransit]) -> Result<String, AppError> {
    let mut s =
        serde_json::to_string_pretty(rows).map_err(|e| AppError::Internal(format!("json: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// Columns padded to their widest cell, Vietnamese headers, dd/mm/yyyy dates.
pub fn to_table(rows: &[InTransit]) -> String {
    let header: Vec<String> = [
        "Mã đảng viên",
        "Họ và tên",
        "Chi bộ chuyển đi",
        "Nơi chuyển đến",
        "Ngày cấp giấy",
        "Số ngày",
        "Quá hạn",
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
                r.from_unit_code.clone(),
                r.to_unit_code.clone(),
                r.issued_on.format("%d/%m/%Y").to_string(),
                r.days_in_transit.to_string(),
                if r.overdue { "Quá hạn" } else { "" }.to_owned(),
            ]
        })
        .collect();
    let mut out = crate::text_table::render(&header, &body, 5);
    if body.is_empty() {
        out.push_str("Không có đảng viên nào đang chuyển sinh hoạt.\n");
    }
    out
}
