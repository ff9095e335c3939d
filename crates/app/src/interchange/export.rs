//! Exporting interchange v1: the whole registry or a subtree, optionally as of a day (events
//! up to that day, unit versions begun by then). A subtree's export carries every unit its
//! events name and their ancestors, so it imports on its own. Voided events and their
//! corrections are left out: the export is the history as it stands.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Write;
use std::path::Path;

use chibo_domain::access::{Permission, Scope};
use chibo_domain::interchange::{
    EVENT_COLUMNS, EVENTS_FILE, EventRecord, MEMBER_COLUMNS, MEMBERS_FILE, MemberRecord,
    UNIT_COLUMNS, UNITS_FILE, UnitRecord,
};
use chibo_storage::db::prefix_range;
use chibo_storage::events::VOID_KIND;
use chibo_storage::export as repo;
use chibo_storage::paths;
use chrono::NaiveDate;
use serde::Serialize;

use crate::audit::{self, About, Action, By};
use crate::scope::find_unit;
use crate::{App, AppError, clock};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Three files in a folder.
    Dir,
    /// The three files in one .zip.
    Zip,
}

#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Only this unit's subtree (by today's tree).
    pub unit: Option<String>,
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportReport {
    pub unit_versions: usize,
    pub members: usize,
    pub events: usize,
}

const BATCH: i64 = 2_000;

fn io(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("export: {e}"))
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Writes the export to `dest` (a folder, created if needed, or a .zip file).
pub async fn export(
    app: &App,
    by: By<'_>,
    dest: &Path,
    format: ExportFormat,
    opts: &ExportOptions,
) -> Result<ExportReport, AppError> {
    let today = clock::today();
    let mut tx = app.db.read().await?;
    // The subtree: the unit asked for (inside the caller's scope), else the caller's scope.
    let (range, about_path) = match (&opts.unit, by) {
        (Some(code), By::User(actor)) => {
            let (_, path, _) =
                find_unit(&mut tx, actor, Permission::ViewMembers, code, today).await?;
            (
                Some(prefix_range(path.as_str())),
                Some(path.as_str().to_owned()),
            )
        }
        (Some(code), By::System(_)) => {
            let unit = chibo_storage::units::id_by_code(&mut tx, code.trim())
                .await?
                .ok_or(AppError::NotFound)?;
            let path = crate::scope::unit_path(&mut tx, unit, today).await?;
            (
                Some(prefix_range(path.as_str())),
                Some(path.as_str().to_owned()),
            )
        }
        (None, By::User(actor)) => {
            if !actor.can(Permission::ViewMembers) {
                return Err(AppError::Forbidden(Permission::ViewMembers));
            }
            match &actor.scope {
                Scope::Everything => (None, None),
                Scope::Subtree(p) => (Some(prefix_range(p.as_str())), Some(p.as_str().to_owned())),
                Scope::OwnRecord(_) | Scope::Nothing => return Err(AppError::NotFound),
            }
        }
        (None, By::System(_)) => (None, None),
    };
    let work = match format {
        ExportFormat::Dir => {
            std::fs::create_dir_all(dest).map_err(io)?;
            None
        }
        ExportFormat::Zip => Some(tempfile::tempdir().map_err(io)?),
    };
    let dir = work.as_ref().map_or(dest, |w| w.path());
    let mut members_out = csv::Writer::from_path(dir.join(MEMBERS_FILE)).map_err(io)?;
    let mut events_out = csv::Writer::from_path(dir.join(EVENTS_FILE)).map_err(io)?;
    members_out.write_record(MEMBER_COLUMNS).map_err(io)?;
    events_out.write_record(EVENT_COLUMNS).map_err(io)?;
    let mut report = ExportReport::default();
    let mut named_units: HashSet<i64> = HashSet::new();
    let mut after = String::new();
    loop {
        let page = repo::members(&mut tx, range.as_ref(), today, &after, BATCH).await?;
        let (Some(first), Some(last)) = (page.first(), page.last()) else {
            break;
        };
        let events = repo::events(&mut tx, &first.member_key, &last.member_key).await?;
        after = last.member_key.clone();
        let voided: HashSet<i64> = events.iter().filter_map(|e| e.voids_event_id).collect();
        let mut by_member: HashMap<i64, Vec<&repo::EventOut>> = HashMap::new();
        for e in &events {
            let live = e.kind != VOID_KIND
                && !voided.contains(&e.id)
                && opts.as_of.is_none_or(|d| e.effective_on <= d);
            if live {
                by_member.entry(e.member_id).or_default().push(e);
            }
        }
        for m in &page {
            let Some(mine) = by_member.get(&m.id) else {
                continue;
            };
            members_out
                .write_record(member_record(m).cells())
                .map_err(io)?;
            report.members += 1;
            for e in mine {
                named_units.extend(e.unit_id);
                let record = EventRecord {
                    member_key: m.member_key.clone(),
                    date: date(e.effective_on),
                    kind: e.kind.clone(),
                    unit_code: e.unit_code.clone(),
                    decision_ref: e.decision_ref.clone(),
                    reason: e.reason.clone(),
                };
                events_out.write_record(record.cells()).map_err(io)?;
                report.events += 1;
            }
        }
    }
    members_out.flush().map_err(io)?;
    events_out.flush().map_err(io)?;

    // Units: the subtree (any unit that ever stood in it), those the events name, and the
    // ancestors of all of them.
    let all = repo::units(&mut tx).await?;
    let mut wanted: HashSet<i64> = match &range {
        None => all.iter().map(|u| u.id).collect(),
        Some((lo, hi)) => {
            let spans = paths::all_spans(&mut tx).await?;
            spans
                .iter()
                .filter(|s| s.path.as_str() >= lo.as_str() && s.path.as_str() < hi.as_str())
                .map(|s| s.unit.0)
                .collect()
        }
    };
    wanted.extend(named_units);
    loop {
        let parents: Vec<i64> = all
            .iter()
            .filter(|u| wanted.contains(&u.id))
            .filter_map(|u| u.parent_id)
            .filter(|p| !wanted.contains(p))
            .collect();
        if parents.is_empty() {
            break;
        }
        wanted.extend(parents);
    }
    let mut units_out = csv::Writer::from_path(dir.join(UNITS_FILE)).map_err(io)?;
    units_out.write_record(UNIT_COLUMNS).map_err(io)?;
    for u in all.iter().filter(|u| wanted.contains(&u.id)) {
        if opts.as_of.is_some_and(|d| u.valid_from > d) {
            continue;
        }
        let valid_to = u.valid_to.filter(|to| opts.as_of.is_none_or(|d| *to <= d));
        let record = UnitRecord {
            code: u.code.clone(),
            parent_code: u.parent_code.clone(),
            name: u.name.clone(),
            kind: u.kind.clone(),
            admin_unit_code: u.admin_unit_code.clone(),
            valid_from: date(u.valid_from),
            valid_to: valid_to.map(date),
        };
        units_out.write_record(record.cells()).map_err(io)?;
        report.unit_versions += 1;
    }
    units_out.flush().map_err(io)?;
    drop((units_out, members_out, events_out));
    tx.commit().await?;
    if let Some(work) = &work {
        zip_files(work.path(), dest)?;
    }

    let mut tx = app.db.write().await?;
    let about = About {
        kind: "registry",
        id: opts.unit.clone(),
        label: Some("export".into()),
        unit_path: about_path,
    };
    audit::record(
        &mut tx,
        by,
        Action::Export,
        about,
        None::<&()>,
        Some(&report),
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

fn member_record(m: &repo::MemberOut) -> MemberRecord {
    MemberRecord {
        member_key: m.member_key.clone(),
        full_name: m.full_name.clone(),
        sex: m.sex.clone(),
        birth_date: date(m.birth_date),
        citizen_id: m.citizen_id.clone(),
        card_number: m.card_number.clone(),
        ethnicity: m.ethnicity.clone(),
        religion: m.religion.clone(),
        education: m.education.clone(),
        professional_level: m.professional_level.clone(),
        political_theory: m.political_theory.clone(),
        occupation: m.occupation.clone(),
        residence_admin_code: m.residence_admin_code.clone(),
        phone: m.phone.clone(),
        email: m.email.clone(),
    }
}

fn zip_files(from: &Path, dest: &Path) -> Result<(), AppError> {
    let file = File::create(dest).map_err(io)?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for name in [UNITS_FILE, MEMBERS_FILE, EVENTS_FILE] {
        zip.start_file(name, options).map_err(io)?;
        let mut f = File::open(from.join(name)).map_err(io)?;
        std::io::copy(&mut f, &mut zip).map_err(io)?;
    }
    zip.finish().map_err(io)?.flush().map_err(io)?;
    Ok(())
}
