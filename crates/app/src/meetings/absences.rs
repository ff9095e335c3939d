//! REM-02 counts the months in which a member missed a meeting without a reason (MTG-06: an
//! absence recorded without one is unexcused). These give, per member and calendar year, the
//! months with at least one unexcused absence from a meeting whose base they were in.

use std::collections::{BTreeMap, BTreeSet};

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::Problem;
use chibo_domain::ids::MemberId;
use chibo_storage::meetings as repo;
use chrono::{Datelike, NaiveDate};

use crate::scope::find_member;
use crate::{App, AppError, clock};

fn span(year: i32) -> Result<(NaiveDate, NaiveDate), AppError> {
    match (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(AppError::field("year", Problem::InvalidDate)),
    }
}

/// The months (1–12) of `year` in which a member in the caller's scope had an unexcused
/// absence, in order, each once.
pub async fn unexcused_absence_months(
    app: &App,
    actor: &Actor,
    member: MemberId,
    year: i32,
) -> Result<Vec<u32>, AppError> {
    let (from, to) = span(year)?;
    let mut tx = app.db.read().await?;
    find_member(
        &mut tx,
        actor,
        Permission::ViewMembers,
        member,
        clock::today(),
    )
    .await?;
    let days = repo::unexcused_days(&mut tx, member, from, to).await?;
    tx.commit().await?;
    let months: BTreeSet<u32> = days.iter().map(Datelike::month).collect();
    Ok(months.into_iter().collect())
}

/// For the early-warning sweep (no caller to check: it runs over the whole registry): every
/// member with an unexcused absence in `year`, with the months of them.
pub async fn unexcused_months_by_member(
    app: &App,
    year: i32,
) -> Result<BTreeMap<MemberId, Vec<u32>>, AppError> {
    let (from, to) = span(year)?;
    let mut tx = app.db.read().await?;
    let rows = repo::unexcused_absences(&mut tx, from, to).await?;
    tx.commit().await?;
    let mut out: BTreeMap<MemberId, BTreeSet<u32>> = BTreeMap::new();
    for (member, day) in rows {
        out.entry(MemberId(member)).or_default().insert(day.month());
    }
    Ok(out
        .into_iter()
        .map(|(m, s)| (m, s.into_iter().collect()))
        .collect())
}
