//! Demo candidates for admission in the secretary's cell, at different stages of the pipeline,
//! written through the candidates service so that every step passes the rule checks and is
//! audited like one typed in. Dates count back from the day the data is made.

use chibo_domain::access::Scope;
use chibo_domain::ids::UserId;
use chibo_storage::{units, users};
use chrono::{Datelike, Days, NaiveDate};

use crate::candidates::{NewCandidateInput, StepInput, add_candidate, record_step};
use crate::users::actor_for;
use crate::{App, AppError};

/// Name, sex, age in years, youth union member, and days ago of each recorded stage after the
/// listing (the listing first).
const CANDIDATES: &[(&str, &str, i32, bool, &[u64])] = &[
    ("Nguyễn Thị Thu Hà", "F", 24, true, &[40]),
    ("Trần Minh Khoa", "M", 27, true, &[220, 160]),
    ("Lê Hoàng Yến", "F", 31, false, &[300, 240, 200]),
    ("Phạm Quốc Bảo", "M", 22, true, &[150, 90, 60]),
    ("Võ Thị Ngọc Trâm", "F", 35, false, &[20]),
];

/// The stages after the listing, in order, as the steps above record them.
const STAGES: &[&str] = &["awareness_class", "application"];

fn vn(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Adds the demo candidates to the cell of the `bithu` account, as that account; nothing when
/// the account is missing.
pub async fn add_candidates(app: &App, today: NaiveDate) -> Result<usize, AppError> {
    let mut tx = app.db.read().await?;
    let user = users::by_username(&mut tx, "bithu").await?;
    tx.commit().await?;
    let Some(user) = user else { return Ok(0) };
    let Some(actor) = actor_for(app, UserId(user.id)).await? else {
        return Ok(0);
    };
    let Scope::Subtree(path) = &actor.scope else {
        return Ok(0);
    };
    let Some(cell) = path.units().last().copied() else {
        return Ok(0);
    };
    let mut tx = app.db.read().await?;
    let cell_code = units::code_of(&mut tx, cell).await?;
    tx.commit().await?;
    let Some(cell_code) = cell_code else {
        return Ok(0);
    };
    let ago = |days: u64| today.checked_sub_days(Days::new(days)).unwrap_or(today);
    for (i, (name, sex, age, youth, days)) in CANDIDATES.iter().enumerate() {
        let Some((listed, steps)) = days.split_first() else {
            continue;
        };
        let birth = NaiveDate::from_ymd_opt(today.year() - age, 1 + (i as u32 * 2) % 12, 10)
            .ok_or_else(|| AppError::Internal("demo birth date".into()))?;
        let key = add_candidate(
            app,
            &actor,
            &NewCandidateInput {
                candidate_key: Some(format!("demo-qc-{}", i + 1)),
                cell_code: cell_code.clone(),
                full_name: (*name).to_owned(),
                sex: (*sex).to_owned(),
                birth_date: vn(birth),
                citizen_id: None,
                youth_union_member: *youth,
                listed_on: vn(ago(*listed)),
                document_ref: Some(format!("DS-{}/CB", today.year())),
                education: Some("upper_secondary".to_owned()),
                ..NewCandidateInput::default()
            },
        )
        .await?;
        for (stage, d) in STAGES.iter().zip(steps) {
            record_step(
                app,
                &actor,
                &key,
                &StepInput {
                    stage: (*stage).to_owned(),
                    on: vn(ago(*d)),
                    ..StepInput::default()
                },
            )
            .await?;
        }
    }
    Ok(CANDIDATES.len())
}
