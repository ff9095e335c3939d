//! Stores a demonstration data set in one transaction and creates one demo account per role.

use std::collections::HashMap;

use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::member::{EventKind, Status};
use chibo_domain::org::{PathSpan, UnitName, UnitVersion, unit_spans};
use chibo_domain::person::ProfileInput;
use chibo_storage::{members, now, paths, residential, units};
use serde::Serialize;

use super::generate::DemoData;
use crate::audit::{self, About, Action, By};
use crate::members::{NewLife, project_new, write_new};
use crate::users::{NewUserInput, add_user};
use crate::{App, AppError, clock};

/// The password of every demo account (printed at start-up; demo data only).
pub const DEMO_PASSWORD: &str = "chibo-demo";

#[derive(Debug, Clone, Serialize)]
pub struct DemoLogin {
    pub username: String,
    pub role: String,
    pub unit: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DemoReport {
    pub units: usize,
    pub members: usize,
    pub events: usize,
    pub logins: Vec<DemoLogin>,
}

fn corrupt(what: String) -> AppError {
    AppError::Internal(format!("demo data: {what}"))
}

/// Writes `data` into an empty registry and adds the demo accounts.
pub async fn write(app: &App, data: &DemoData) -> Result<DemoReport, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let at = now();
    let mut ids: HashMap<&str, UnitId> = HashMap::new();
    let mut spans: HashMap<UnitId, Vec<PathSpan>> = HashMap::new();
    for u in &data.units {
        let id = units::insert_unit(&mut tx, &u.code, at).await?;
        ids.insert(&u.code, id);
        let mut versions = Vec::new();
        for v in &u.versions {
            let parent = match &v.parent {
                Some(code) => Some(
                    *ids.get(code.as_str())
                        .ok_or_else(|| corrupt(format!("parent {code} of {}", u.code)))?,
                ),
                None => None,
            };
            let name = UnitName::parse(&v.name).map_err(|_| corrupt(format!("name {}", v.name)))?;
            let version = UnitVersion {
                unit: id,
                parent,
                name,
                kind: v.kind,
                admin_unit_code: v.admin_unit_code.clone(),
                valid_from: v.valid_from,
                valid_to: v.valid_to,
            };
            units::insert_version(&mut tx, &version, at).await?;
            versions.push(version);
        }
        let mine = unit_spans(&versions, &|p| spans.get(&p).cloned().unwrap_or_default())?;
        paths::replace_spans(&mut tx, id, &mine).await?;
        spans.insert(id, mine);
    }
    for u in &data.units {
        if let Some((into, on)) = &u.merged_into {
            let (Some(from), Some(to)) = (ids.get(u.code.as_str()), ids.get(into.as_str())) else {
                return Err(corrupt(format!("merge of {}", u.code)));
            };
            units::insert_link(&mut tx, *from, *to, "merged_into", *on).await?;
        }
    }
    let mut area_ids = Vec::with_capacity(data.areas.len());
    for a in &data.areas {
        let covering = a.covering.as_deref().and_then(|c| ids.get(c).copied());
        area_ids.push(
            residential::insert(&mut tx, &a.commune_code, &a.name, a.kind, covering, at).await?,
        );
    }
    let mut report = DemoReport {
        units: data.units.len(),
        ..DemoReport::default()
    };
    let mut member_of_cell: HashMap<UnitId, MemberId> = HashMap::new();
    for m in &data.members {
        let profile = ProfileInput {
            full_name: Some(m.full_name.clone()),
            sex: Some(if m.female { "F" } else { "M" }.to_owned()),
            birth_date: Some(m.birth_date.to_string()),
            citizen_id: m.citizen_id.clone(),
            card_number: m.card_number.clone(),
            ethnicity: Some(m.ethnicity.clone()),
            religion: m.religion.clone(),
            education: Some(m.education.clone()),
            professional_level: m.professional_level.map(str::to_owned),
            political_theory: m.political_theory.map(str::to_owned),
            occupation: Some(m.occupation.clone()),
            residence_admin_code: Some(m.residence_admin_code.clone()),
            hometown: Some(m.hometown.clone()),
            phone: m.phone.clone(),
            email: m.email.clone(),
            ..ProfileInput::default()
        }
        .parse(today)
        .map_err(|e| corrupt(format!("{}: {e:?}", m.key)))?;
        let mut events = Vec::with_capacity(m.events.len());
        for e in &m.events {
            let unit = match &e.unit {
                Some(code) => Some(
                    *ids.get(code.as_str())
                        .ok_or_else(|| corrupt(format!("unit {code}")))?,
                ),
                None => None,
            };
            events.push(NewLife {
                kind: e.kind,
                on: e.on,
                unit,
                decision_ref: e.decision_ref.clone(),
                reason: None,
            });
        }
        let (state, periods) = project_new(&events)?;
        let area = m.area.and_then(|i| area_ids.get(i).copied());
        let id = members::insert(&mut tx, &m.key, &profile, area, &state, at).await?;
        write_new(&mut tx, id, &events, &periods, None).await?;
        report.members += 1;
        report.events += events.len();
        if matches!(state.status, Status::Member(_))
            && state.transit.is_none()
            && !events.iter().any(|e| e.kind == EventKind::TransferOut)
        {
            member_of_cell.entry(state.cell).or_insert(id);
        }
    }
    let about = About {
        kind: "registry",
        id: None,
        label: Some("demo".into()),
        unit_path: None,
    };
    // Written in bulk: statistics indexes reload everything rather than member by member.
    chibo_storage::stats::record_change(&mut tx, chibo_storage::stats::Change::Everything).await?;
    audit::record(
        &mut tx,
        By::System("demo"),
        Action::DemoGenerate,
        about,
        None::<&()>,
        Some(&report),
    )
    .await?;
    tx.commit().await?;
    report.logins = add_logins(app, data, &ids, &member_of_cell).await?;
    // So that the secretary's pipeline board is not empty.
    super::candidates::add_candidates(app, today).await?;
    Ok(report)
}

/// One account per role: the first province and its first commune, one of that commune's
/// hamlet cells and one of its members.
async fn add_logins(
    app: &App,
    data: &DemoData,
    ids: &HashMap<&str, UnitId>,
    member_of_cell: &HashMap<UnitId, MemberId>,
) -> Result<Vec<DemoLogin>, AppError> {
    use chibo_domain::org::UnitKind;
    let first =
        |pred: &dyn Fn(&super::generate::DemoUnit) -> bool| data.units.iter().find(|u| pred(u));
    let province = first(&|u| u.versions[0].kind == UnitKind::ProvinceCommittee);
    let commune = first(&|u| {
        u.versions[0].kind == UnitKind::CommuneCommittee && u.versions[0].valid_to.is_none()
    });
    let cell = commune.and_then(|c| {
        data.units.iter().find(|u| {
            u.versions.last().is_some_and(|v| {
                v.kind == UnitKind::GrassrootsCell && v.parent.as_deref() == Some(&c.code)
            }) && ids
                .get(u.code.as_str())
                .is_some_and(|id| member_of_cell.contains_key(id))
        })
    });
    let (Some(province), Some(commune), Some(cell)) = (province, commune, cell) else {
        return Err(corrupt(
            "no province, commune or cell for the demo accounts".into(),
        ));
    };
    let member_key = {
        let id = ids
            .get(cell.code.as_str())
            .and_then(|u| member_of_cell.get(u))
            .copied();
        let mut tx = app.db.read().await?;
        let key = match id {
            Some(m) => members::get(&mut tx, m).await?.map(|r| r.member_key),
            None => None,
        };
        tx.commit().await?;
        key
    };
    let name = |u: &super::generate::DemoUnit| {
        u.versions
            .last()
            .map(|v| v.name.clone())
            .unwrap_or_default()
    };
    let accounts = [
        (
            "admin",
            "Quản trị hệ thống",
            "admin",
            None,
            None,
            "toàn hệ thống".to_owned(),
        ),
        (
            "tinh",
            "Ban Tổ chức Tỉnh ủy",
            "officer",
            Some(province.code.clone()),
            None,
            name(province),
        ),
        (
            "dangbo",
            "Ban Tổ chức Đảng ủy xã",
            "officer",
            Some(commune.code.clone()),
            None,
            name(commune),
        ),
        (
            "bithu",
            "Bí thư chi bộ",
            "secretary",
            Some(cell.code.clone()),
            None,
            name(cell),
        ),
        (
            "thanhtra",
            "Kiểm tra viên",
            "inspector",
            Some(commune.code.clone()),
            None,
            name(commune),
        ),
        (
            "dangvien",
            "Đảng viên",
            "member",
            None,
            member_key,
            name(cell),
        ),
    ];
    let mut logins = Vec::new();
    let mut secretary = None;
    for (username, display, role, unit_code, member_key, unit) in accounts {
        let cell_code = unit_code.clone();
        let input = NewUserInput {
            username: username.into(),
            display_name: display.into(),
            password: DEMO_PASSWORD.into(),
            role: role.into(),
            unit_code,
            member_key,
        };
        let id = add_user(app, By::System("demo"), &input).await?;
        if role == "secretary" {
            secretary = cell_code.map(|c| (id, c));
        }
        logins.push(DemoLogin {
            username: username.into(),
            role: role.into(),
            unit,
        });
    }
    // The cell's party life (a letter in transit, a member away, fees), then its past
    // meetings, recorded by the secretary as they would be.
    if let Some((id, cell)) = secretary
        && let Some(actor) = crate::users::actor_for(app, id).await?
    {
        let life = super::party_life::add_party_life(app, &actor, &cell).await?;
        super::meetings::add_meetings(app, &actor, &cell, &life.away_unexcused).await?;
    }
    Ok(logins)
}
