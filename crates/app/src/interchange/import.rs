//! Importing an interchange v1 data set. Every row of the three files is checked before
//! anything is written: types and code lists, required and unknown columns, unique keys (in
//! the file and against the registry), references to units and members, the tree's versions
//! and parents, and every member's history replayed through the domain's transition function.
//! Any error and nothing is written; otherwise one transaction loads everything.
//!
//! Memory stays bounded at national size: the checks keep members as a key index and events
//! in a compact form; the write phase reads members.csv a second time instead of holding
//! millions of profiles.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use chibo_domain::access::{Actor, Permission, Scope};
use chibo_domain::field::{Problem, optional_text};
use chibo_domain::ids::{EventId, UnitId};
use chibo_domain::interchange::{
    EVENT_COLUMNS, EVENT_REQUIRED, EVENTS_FILE, MEMBER_COLUMNS, MEMBER_REQUIRED, MEMBERS_FILE,
    UNIT_COLUMNS, UNIT_REQUIRED, UNITS_FILE,
};
use chibo_domain::member::{
    EntryBody, EventKind, HistoryEntry, LifeEvent, MemberState, UnitRole, apply, periods,
};
use chibo_domain::org::{
    PathSpan, TreeError, UnitCode, UnitKind, UnitName, UnitVersion, check_parent, unit_spans,
    validate_versions,
};
use chibo_domain::person::{MemberProfile, ProfileInput, admin_code};
use chibo_storage::bulk::{self, EventCells, Value};
use chibo_storage::members::StateColumns;
use chibo_storage::units::UnitRow;
use chibo_storage::{members, now, paths, reference, units};
use chrono::NaiveDate;
use serde::Serialize;

use super::error::{Errors, ImportError, ImportProblem};
use super::source::Source;
use super::table::{Input, Row, Table};
use super::texts::{NO_TEXT, TextReader, TextSpill};
use super::{Progress, Stage};
use crate::audit::{self, About, Action, By};
use crate::{App, AppError, clock};

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Check everything, write nothing.
    pub dry_run: bool,
}

/// What an import wrote, or would write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub units: usize,
    pub unit_versions: usize,
    pub members: usize,
    pub events: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub counts: ImportCounts,
    /// The first errors (at most `Errors::KEEP`), in file and line order.
    pub errors: Vec<ImportError>,
    pub errors_total: u64,
    pub dry_run: bool,
    pub written: bool,
}

/// Positions of the known columns, in `*_COLUMNS` order.
mod col {
    pub const CODE: usize = 0;
    pub const PARENT: usize = 1;
    pub const NAME: usize = 2;
    pub const KIND: usize = 3;
    pub const ADMIN: usize = 4;
    pub const FROM: usize = 5;
    pub const TO: usize = 6;

    pub const KEY: usize = 0;

    pub const E_KEY: usize = 0;
    pub const E_DATE: usize = 1;
    pub const E_KIND: usize = 2;
    pub const E_UNIT: usize = 3;
    pub const E_DECISION: usize = 4;
    pub const E_REASON: usize = 5;
}

/// "No unit" / "no text" in the compact event form.
const NONE: u32 = u32::MAX;

/// A unit of the registry or of the file.
struct CatalogUnit {
    code: String,
    /// The registry's id, or a provisional negative one for a unit of the file.
    id: UnitId,
    from_file: bool,
    line: u64,
    versions: Vec<UnitVersion>,
    version_lines: Vec<u64>,
    spans: Vec<PathSpan>,
}

/// Every unit the import can refer to.
struct Catalog {
    units: Vec<CatalogUnit>,
    by_code: HashMap<String, u32>,
    by_id: HashMap<UnitId, u32>,
}

impl Catalog {
    fn get(&self, code: &str) -> Option<u32> {
        self.by_code.get(code).copied()
    }

    fn unit(&self, i: u32) -> &CatalogUnit {
        &self.units[i as usize]
    }

    fn index_of(&self, id: UnitId) -> Option<u32> {
        self.by_id.get(&id).copied()
    }

    fn add(&mut self, unit: CatalogUnit) -> u32 {
        let i = self.units.len() as u32;
        self.by_code.insert(unit.code.clone(), i);
        self.by_id.insert(unit.id, i);
        self.units.push(unit);
        i
    }

    /// The spans of the unit with `id` (for `unit_spans` of its children).
    fn spans_of(&self, id: UnitId) -> Vec<PathSpan> {
        self.index_of(id)
            .map(|i| self.unit(i).spans.clone())
            .unwrap_or_default()
    }
}

/// A member row as the checks keep it.
struct MemberLite {
    line: u64,
    birth: NaiveDate,
    has_card: bool,
}

/// The maps of a national import hold millions of keys: a fast hasher, seeded per process so
/// crafted keys cannot degrade it.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// A member key or card number, kept inline (without an allocation) up to 24 bytes.
type ShortKey = compact_str::CompactString;

/// An event row in compact form: millions of them are held at once.
#[derive(Clone, Copy)]
struct Ev {
    member: u32,
    line: u32,
    date: NaiveDate,
    kind: EventKind,
    unit: u32,
    text: u32,
}

/// What the registry already holds.
struct Known {
    member_keys: HashSet<String>,
    citizen_ids: HashSet<String>,
    cards: HashSet<String>,
    communes: HashSet<String>,
    provinces: HashSet<String>,
    /// Registry units inside the importer's scope; `None` for the whole registry.
    in_scope: Option<HashSet<i64>>,
}

/// The checked data set, ready to be written.
struct Checked {
    catalog: Catalog,
    member_count: usize,
    events: Vec<Ev>,
    /// Member m's events are `events[starts[m]..starts[m + 1]]`, in replay order.
    starts: Vec<usize>,
    /// The events' texts, when they are to be written.
    texts: Option<TextSpill>,
    counts: ImportCounts,
}

struct DataPaths {
    units: Option<PathBuf>,
    members: Option<PathBuf>,
    events: Option<PathBuf>,
}

/// Checks the data set in `source` and, unless it has errors or this is a dry run, writes it.
pub async fn import(
    app: &App,
    by: By<'_>,
    source: &Source,
    opts: &ImportOptions,
    progress: Arc<dyn Progress>,
) -> Result<ImportReport, AppError> {
    let actor = match by {
        By::User(a) => {
            for p in [Permission::ManageTree, Permission::EditMembers] {
                if !a.can(p) {
                    return Err(AppError::Forbidden(p));
                }
            }
            Some(a.clone())
        }
        By::System(_) => None,
    };
    let paths = DataPaths {
        units: source.file(UNITS_FILE),
        members: source.file(MEMBERS_FILE),
        events: source.file(EVENTS_FILE),
    };
    let mut missing = Errors::default();
    for (name, path) in [
        (UNITS_FILE, &paths.units),
        (MEMBERS_FILE, &paths.members),
        (EVENTS_FILE, &paths.events),
    ] {
        if path.is_none() {
            missing.push(ImportError::new(name, 0, "", ImportProblem::MissingFile));
        }
    }
    if !missing.is_empty() {
        return Ok(report(
            ImportCounts::default(),
            missing,
            opts.dry_run,
            false,
        ));
    }
    let (registry_units, registry_spans, known) = load_known(app, actor.as_ref()).await?;
    let today = clock::today();
    let sizes = [
        file_size(&paths.units),
        file_size(&paths.members),
        file_size(&paths.events),
    ];
    let mut inputs = [None, None, None];
    for (slot, path) in inputs
        .iter_mut()
        .zip([&paths.units, &paths.members, &paths.events])
    {
        let file = path
            .as_deref()
            .map(std::fs::File::open)
            .transpose()
            .map_err(|e| AppError::Internal(format!("import: {e}")))?;
        *slot = file.map(|f| Box::new(std::io::BufReader::new(f)) as Input);
    }
    let texts = if opts.dry_run {
        None
    } else {
        Some(TextSpill::new()?)
    };
    let p = progress.clone();
    // The checks are CPU work: the blocking pool keeps a server answering meanwhile.
    let (checked, mut errors) = tokio::task::spawn_blocking(move || {
        check_inputs(
            inputs,
            sizes,
            (registry_units, registry_spans),
            &known,
            today,
            texts,
            p.as_ref(),
        )
    })
    .await
    .map_err(|e| AppError::Internal(format!("import checks: {e}")))?;
    errors.kept.sort_by_key(|a| (file_rank(a.file), a.line));
    if !errors.is_empty() || opts.dry_run {
        return Ok(report(checked.counts, errors, opts.dry_run, false));
    }
    write(app, by, actor.as_ref(), &paths, checked, progress.as_ref()).await
}

/// Runs every check over the three files; the errors are in file and line order.
fn check_inputs(
    inputs: [Option<Input>; 3],
    sizes: [u64; 3],
    (registry_units, registry_spans): (Vec<UnitRow>, Vec<PathSpan>),
    known: &Known,
    today: NaiveDate,
    mut texts: Option<TextSpill>,
    p: &dyn Progress,
) -> (Checked, Errors) {
    let [units, members, events] = inputs;
    let mut errors = Errors::default();
    p.stage(Stage::ReadUnits, sizes[0]);
    let mut catalog = read_units(units, registry_units, registry_spans, known, &mut errors);
    check_tree(&mut catalog, known, &mut errors);
    p.stage(Stage::ReadMembers, sizes[1]);
    let members = read_members(members, known, today, &mut errors, p);
    p.stage(Stage::ReadEvents, sizes[2]);
    let events = read_events(
        events,
        &members,
        &catalog,
        known,
        today,
        texts.as_mut(),
        &mut errors,
        p,
    );
    p.stage(Stage::CheckHistories, events.len() as u64);
    let checked = check_histories(catalog, &members.lites, events, texts, &mut errors, p);
    errors.kept.sort_by_key(|a| (file_rank(a.file), a.line));
    (checked, errors)
}

/// Checks a data set given as the bytes of its three files against an empty registry, writing
/// nothing: the errors an import would report. (The fuzz target and quick checks use it.)
pub fn check_bytes(
    units: &[u8],
    members: &[u8],
    events: &[u8],
    today: NaiveDate,
) -> Vec<ImportError> {
    // The reference codes are read once per process (the fuzzer calls this in a loop).
    static CODES: std::sync::OnceLock<(HashSet<String>, HashSet<String>)> =
        std::sync::OnceLock::new();
    let (communes, provinces) = CODES.get_or_init(|| {
        let rows = reference::admin_unit_rows().unwrap_or_default();
        let communes = rows.iter().map(|r| r.unit_code.clone()).collect();
        let provinces = rows.into_iter().map(|r| r.province_code).collect();
        (communes, provinces)
    });
    let known = Known {
        member_keys: HashSet::new(),
        citizen_ids: HashSet::new(),
        cards: HashSet::new(),
        communes: communes.clone(),
        provinces: provinces.clone(),
        in_scope: None,
    };
    let input = |b: &[u8]| Some(Box::new(std::io::Cursor::new(b.to_vec())) as Input);
    let inputs = [input(units), input(members), input(events)];
    let (_, errors) = check_inputs(
        inputs,
        [0; 3],
        (Vec::new(), Vec::new()),
        &known,
        today,
        None,
        &super::Silent,
    );
    errors.kept
}

fn file_rank(file: &str) -> u8 {
    match file {
        UNITS_FILE => 0,
        MEMBERS_FILE => 1,
        EVENTS_FILE => 2,
        _ => 3,
    }
}

fn report(counts: ImportCounts, errors: Errors, dry_run: bool, written: bool) -> ImportReport {
    ImportReport {
        counts,
        errors: errors.kept,
        errors_total: errors.total,
        dry_run,
        written,
    }
}

fn file_size(p: &Option<PathBuf>) -> u64 {
    p.as_ref()
        .and_then(|p| std::fs::metadata(p).ok())
        .map_or(0, |m| m.len())
}

async fn load_known(
    app: &App,
    actor: Option<&Actor>,
) -> Result<(Vec<UnitRow>, Vec<PathSpan>, Known), AppError> {
    let mut tx = app.db.read().await?;
    let unit_rows = units::all_versions(&mut tx).await?;
    let spans = paths::all_spans(&mut tx).await?;
    let mut known = Known {
        member_keys: HashSet::new(),
        citizen_ids: HashSet::new(),
        cards: HashSet::new(),
        communes: HashSet::new(),
        provinces: HashSet::new(),
        in_scope: None,
    };
    for (key, cid, card) in members::all_keys(&mut tx).await? {
        known.member_keys.insert(key);
        known.citizen_ids.extend(cid);
        known.cards.extend(card);
    }
    let (communes, provinces) = reference::codes(&mut tx).await?;
    known.communes = communes.into_iter().collect();
    known.provinces = provinces.into_iter().collect();
    tx.commit().await?;
    if let Some(scope) = actor.map(|a| &a.scope).filter(|s| **s != Scope::Everything) {
        // A unit is inside when its place today (or its last place) is.
        let today = clock::today();
        let mut latest: HashMap<UnitId, &PathSpan> = HashMap::new();
        for s in spans.iter().filter(|s| s.valid_from <= today) {
            latest.insert(s.unit, s);
        }
        known.in_scope = Some(
            latest
                .into_iter()
                .filter(|(_, s)| scope.contains_unit(&s.path))
                .map(|(u, _)| u.0)
                .collect(),
        );
    }
    Ok((unit_rows, spans, known))
}

fn iso_date(s: &str) -> Result<NaiveDate, Problem> {
    if s.len() != 10 {
        return Err(Problem::InvalidDate);
    }
    chibo_domain::dates::parse_iso_date(s).ok_or(Problem::InvalidDate)
}

fn cell_error(file: &'static str, row: &Row, column: &str, p: Problem) -> ImportError {
    ImportError::new(file, row.line, column, ImportProblem::Field(p))
}

/// The catalog: the registry's units, then those of units.csv, each row checked.
fn read_units(
    input: Option<Input>,
    registry: Vec<UnitRow>,
    registry_spans: Vec<PathSpan>,
    known: &Known,
    errors: &mut Errors,
) -> Catalog {
    let mut catalog = Catalog {
        units: Vec::new(),
        by_code: HashMap::new(),
        by_id: HashMap::new(),
    };
    let mut by_id: HashMap<i64, u32> = HashMap::new();
    for row in registry {
        let i = match by_id.get(&row.id) {
            Some(&i) => i,
            None => {
                let unit = CatalogUnit {
                    code: row.code.clone(),
                    id: row.unit(),
                    from_file: false,
                    line: 0,
                    versions: Vec::new(),
                    version_lines: Vec::new(),
                    spans: Vec::new(),
                };
                let i = catalog.add(unit);
                by_id.insert(row.id, i);
                i
            }
        };
        if let Ok(v) = row.to_version() {
            catalog.units[i as usize].versions.push(v);
        }
    }
    for s in registry_spans {
        if let Some(&i) = by_id.get(&s.unit.0) {
            catalog.units[i as usize].spans.push(s);
        }
    }
    let registry_count = catalog.units.len();
    let Some(input) = input else { return catalog };
    let Some(mut table) = Table::open(input, UNITS_FILE, UNIT_COLUMNS, UNIT_REQUIRED, errors)
    else {
        return catalog;
    };
    // Parents are resolved once every row is read: a parent may come after its child.
    let mut parents: Vec<(u32, usize, u64, String)> = Vec::new();
    while let Some(row) = table.next_row(errors) {
        let f = UNITS_FILE;
        let code = match row
            .get(col::CODE)
            .map_or(Err(Problem::Required), UnitCode::parse)
        {
            Ok(c) => c,
            Err(p) => {
                errors.push(cell_error(f, row, "code", p));
                continue;
            }
        };
        let name = UnitName::parse(row.get(col::NAME).unwrap_or(""));
        let kind = UnitKind::parse(row.get(col::KIND).unwrap_or(""));
        let from = row.get(col::FROM).map_or(Err(Problem::Required), iso_date);
        let to = row.get(col::TO).map(iso_date).transpose();
        let admin = match (row.get(col::ADMIN).map(admin_code).transpose(), &kind) {
            (Ok(Some(a)), Ok(k))
                if !k
                    .admin_level()
                    .accepts(known.provinces.contains(&a), known.communes.contains(&a)) =>
            {
                Err(k.admin_level().problem())
            }
            (other, _) => other,
        };
        let mut ok = true;
        let checks = [
            ("name", name.as_ref().err()),
            ("kind", kind.as_ref().err()),
            ("admin_unit_code", admin.as_ref().err()),
            ("valid_from", from.as_ref().err()),
            ("valid_to", to.as_ref().err()),
        ];
        for (column, p) in checks {
            if let Some(p) = p {
                errors.push(cell_error(f, row, column, p.clone()));
                ok = false;
            }
        }
        let (Ok(name), Ok(kind), Ok(admin), Ok(from), Ok(to)) = (name, kind, admin, from, to)
        else {
            continue;
        };
        if !ok {
            continue;
        }
        let i = match catalog.by_code.get(code.as_str()) {
            Some(&i) if (i as usize) < registry_count => {
                errors.push(ImportError::new(
                    f,
                    row.line,
                    "code",
                    ImportProblem::AlreadyInRegistry,
                ));
                continue;
            }
            Some(&i) => i,
            None => catalog.add(CatalogUnit {
                code: code.as_str().to_owned(),
                id: UnitId(-1 - catalog.units.len() as i64),
                from_file: true,
                line: row.line,
                versions: Vec::new(),
                version_lines: Vec::new(),
                spans: Vec::new(),
            }),
        };
        let unit = &mut catalog.units[i as usize];
        parents.extend(
            row.get(col::PARENT)
                .map(|p| (i, unit.versions.len(), row.line, p.to_owned())),
        );
        unit.versions.push(UnitVersion {
            unit: unit.id,
            parent: None,
            name,
            kind,
            admin_unit_code: admin,
            valid_from: from,
            valid_to: to,
        });
        unit.version_lines.push(row.line);
    }
    for (i, version, line, parent) in parents {
        match catalog.by_code.get(&parent) {
            Some(&p) => {
                catalog.units[i as usize].versions[version].parent =
                    Some(catalog.units[p as usize].id)
            }
            None => errors.push(ImportError::new(
                UNITS_FILE,
                line,
                "parent_code",
                ImportProblem::UnknownUnit,
            )),
        }
    }
    catalog
}

/// Checks the file's units as a tree: versions that do not overlap, parents of an allowed kind
/// on every day, no cycles, inside the importer's scope; computes their spans.
fn check_tree(catalog: &mut Catalog, known: &Known, errors: &mut Errors) {
    let file_units: Vec<u32> = (0..catalog.units.len() as u32)
        .filter(|&i| catalog.unit(i).from_file)
        .collect();
    for &i in &file_units {
        let unit = &catalog.units[i as usize];
        if let Err(e) = validate_versions(&unit.versions) {
            errors.push(ImportError::new(
                UNITS_FILE,
                unit.line,
                "valid_from",
                ImportProblem::Tree(e),
            ));
            continue;
        }
        for (v, line) in unit.versions.iter().zip(&unit.version_lines) {
            let parent_kind = v.parent.and_then(|p| catalog.index_of(p)).map(|p| {
                let pu = catalog.unit(p);
                pu.versions
                    .iter()
                    .find(|pv| pv.is_valid_on(v.valid_from))
                    .map(|pv| pv.kind)
            });
            let checked = match parent_kind {
                None => check_parent(v.kind, None),
                Some(Some(k)) => check_parent(v.kind, Some(k)),
                Some(None) => Err(TreeError::ParentMissing { on: v.valid_from }),
            };
            if let Err(e) = checked {
                errors.push(ImportError::new(
                    UNITS_FILE,
                    *line,
                    "parent_code",
                    ImportProblem::Tree(e),
                ));
            }
            if let Some(scope) = &known.in_scope {
                let parent_inside = v.parent.is_some_and(|p| p.0 < 0 || scope.contains(&p.0));
                if !parent_inside {
                    errors.push(ImportError::new(
                        UNITS_FILE,
                        *line,
                        "parent_code",
                        ImportProblem::OutOfScope,
                    ));
                }
            }
        }
    }
    // Spans, parents before children; what is left over sits on a cycle.
    let mut done: HashSet<u32> = HashSet::new();
    let mut left = file_units;
    loop {
        let before = left.len();
        let mut next = Vec::new();
        for i in left {
            let ready = catalog
                .unit(i)
                .versions
                .iter()
                .filter_map(|v| v.parent)
                .all(|p| {
                    catalog
                        .index_of(p)
                        .is_none_or(|pi| !catalog.unit(pi).from_file || done.contains(&pi))
                });
            if !ready {
                next.push(i);
                continue;
            }
            let spans = unit_spans(&catalog.unit(i).versions, &|p| catalog.spans_of(p));
            match spans {
                Ok(s) => catalog.units[i as usize].spans = s,
                Err(e) => errors.push(ImportError::new(
                    UNITS_FILE,
                    catalog.unit(i).line,
                    "parent_code",
                    ImportProblem::Tree(e),
                )),
            }
            done.insert(i);
        }
        if next.is_empty() || next.len() == before {
            for i in next {
                errors.push(ImportError::new(
                    UNITS_FILE,
                    catalog.unit(i).line,
                    "parent_code",
                    ImportProblem::Tree(TreeError::Cycle),
                ));
            }
            break;
        }
        left = next;
    }
}

/// Members as the event checks know them: the key index of good rows, what they need of each,
/// and the keys of rows already reported (their events are not reported again).
struct MemberIndex {
    keys: FastMap<ShortKey, u32>,
    lites: Vec<MemberLite>,
    rejected: HashSet<String>,
}

/// Reads members.csv into a `MemberIndex`.
fn read_members(
    input: Option<Input>,
    known: &Known,
    today: NaiveDate,
    errors: &mut Errors,
    progress: &dyn Progress,
) -> MemberIndex {
    let mut index = MemberIndex {
        keys: FastMap::default(),
        lites: Vec::new(),
        rejected: HashSet::new(),
    };
    let Some(input) = input else { return index };
    let Some(mut table) = Table::open(input, MEMBERS_FILE, MEMBER_COLUMNS, MEMBER_REQUIRED, errors)
    else {
        return index;
    };
    let MemberIndex {
        keys,
        lites,
        rejected,
    } = &mut index;
    // Where each citizen id and card number was first seen. A citizen id is 12 digits, so
    // its number is the key.
    let mut citizen_lines: FastMap<u64, u64> = FastMap::default();
    let mut card_lines: FastMap<ShortKey, u64> = FastMap::default();
    let mut n = 0u64;
    while let Some(row) = table.next_row(errors) {
        n += 1;
        if n.is_multiple_of(10_000) {
            progress.advance(row.offset);
        }
        let f = MEMBERS_FILE;
        let Some(key) = row.take(col::KEY) else {
            errors.push(cell_error(f, row, "member_key", Problem::Required));
            continue;
        };
        if key.len() > 64
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            errors.push(cell_error(f, row, "member_key", Problem::UnitCodeFormat));
            continue;
        }
        if known.member_keys.contains(&key) {
            errors.push(ImportError::new(
                f,
                row.line,
                "member_key",
                ImportProblem::AlreadyInRegistry,
            ));
            rejected.insert(key);
            continue;
        }
        if let Some(&first) = keys.get(key.as_str()) {
            let first_line = lites.get(first as usize).map_or(0, |l: &MemberLite| l.line);
            errors.push(ImportError::new(
                f,
                row.line,
                "member_key",
                ImportProblem::Duplicate { first_line },
            ));
            continue;
        }
        let birth_iso = row.get(3).map(iso_date);
        let input = profile_input(row);
        let profile = match input.parse(today) {
            Ok(p) => p,
            Err(fields) => {
                for e in fields {
                    errors.push(cell_error(f, row, e.field, e.problem));
                }
                rejected.insert(key);
                continue;
            }
        };
        if let Some(Err(p)) = birth_iso {
            errors.push(cell_error(f, row, "birth_date", p));
            rejected.insert(key);
            continue;
        }
        let mut ok = true;
        if let Some(code) = &profile.residence_admin_code
            && !known.communes.contains(code)
        {
            errors.push(cell_error(
                f,
                row,
                "residence_admin_code",
                Problem::UnknownCommune,
            ));
            ok = false;
        }
        let citizen = profile.citizen_id.as_ref().map(|c| c.as_str());
        let first_citizen = citizen.and_then(|c| {
            let number = c.parse::<u64>().unwrap_or(u64::MAX);
            first_seen(&mut citizen_lines, number, row.line)
        });
        let card = profile.card_number.as_ref().map(|c| c.as_str());
        let first_card = card.and_then(|c| first_seen(&mut card_lines, ShortKey::new(c), row.line));
        for (column, value, taken, first) in [
            ("citizen_id", citizen, &known.citizen_ids, first_citizen),
            ("card_number", card, &known.cards, first_card),
        ] {
            let Some(value) = value else { continue };
            if taken.contains(value) {
                errors.push(ImportError::new(
                    f,
                    row.line,
                    column,
                    ImportProblem::AlreadyInRegistry,
                ));
                ok = false;
            } else if let Some(first_line) = first {
                errors.push(ImportError::new(
                    f,
                    row.line,
                    column,
                    ImportProblem::Duplicate { first_line },
                ));
                ok = false;
            }
        }
        if !ok {
            rejected.insert(key);
            continue;
        }
        keys.insert(ShortKey::from(key), lites.len() as u32);
        lites.push(MemberLite {
            line: row.line,
            birth: profile.birth_date,
            has_card: profile.card_number.is_some(),
        });
    }
    index
}

/// The line `value` was first seen on, if not this one (`line` is recorded otherwise).
fn first_seen<K: std::hash::Hash + Eq>(
    lines: &mut FastMap<K, u64>,
    value: K,
    line: u64,
) -> Option<u64> {
    match lines.entry(value) {
        std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(line);
            None
        }
    }
}

/// The profile cells of a members.csv row (the columns after `member_key`, in order).
fn profile_input(row: &mut Row) -> ProfileInput {
    ProfileInput {
        full_name: row.take(1),
        sex: row.take(2),
        birth_date: row.take(3),
        citizen_id: row.take(4),
        card_number: row.take(5),
        ethnicity: row.take(6),
        religion: row.take(7),
        education: row.take(8),
        professional_level: row.take(9),
        political_theory: row.take(10),
        occupation: row.take(11),
        residence_admin_code: row.take(12),
        phone: row.take(13),
        email: row.take(14),
        ..ProfileInput::default()
    }
}

/// Reads events.csv into compact events, checking cells and references.
#[allow(clippy::too_many_arguments)]
fn read_events(
    input: Option<Input>,
    members: &MemberIndex,
    catalog: &Catalog,
    known: &Known,
    today: NaiveDate,
    mut texts: Option<&mut TextSpill>,
    errors: &mut Errors,
    progress: &dyn Progress,
) -> Vec<Ev> {
    let mut events = Vec::new();
    let Some(input) = input else {
        return events;
    };
    let Some(mut table) = Table::open(input, EVENTS_FILE, EVENT_COLUMNS, EVENT_REQUIRED, errors)
    else {
        return events;
    };
    let mut n = 0u64;
    while let Some(row) = table.next_row(errors) {
        n += 1;
        if n.is_multiple_of(50_000) {
            progress.advance(row.offset);
        }
        let f = EVENTS_FILE;
        let member = match row.get(col::E_KEY) {
            // The member's own row was reported already.
            Some(k) if members.rejected.contains(k) => continue,
            None => Err(ImportError::new(
                f,
                row.line,
                "member_key",
                ImportProblem::Field(Problem::Required),
            )),
            Some(k) => members.keys.get(k).copied().ok_or_else(|| {
                ImportError::new(f, row.line, "member_key", ImportProblem::UnknownMember)
            }),
        };
        let date = row
            .get(col::E_DATE)
            .map_or(Err(Problem::Required), iso_date)
            .and_then(|d| {
                if d > today {
                    Err(Problem::DateInFuture)
                } else {
                    Ok(d)
                }
            });
        let kind = EventKind::parse(row.get(col::E_KIND).unwrap_or(""));
        let decision = optional_text(row.get(col::E_DECISION), 100);
        let reason = optional_text(row.get(col::E_REASON), 500);
        let mut ok = true;
        if let Err(e) = &member {
            errors.push(e.clone());
            ok = false;
        }
        for (column, p) in [
            ("date", date.as_ref().err()),
            ("kind", kind.as_ref().err()),
            ("decision_ref", decision.as_ref().err()),
            ("reason", reason.as_ref().err()),
        ] {
            if let Some(p) = p {
                errors.push(cell_error(f, row, column, p.clone()));
                ok = false;
            }
        }
        let (Ok(member), Ok(date), Ok(kind), Ok(decision), Ok(reason)) =
            (member, date, kind, decision, reason)
        else {
            continue;
        };
        if !ok {
            continue;
        }
        if members
            .lites
            .get(member as usize)
            .is_some_and(|m| date < m.birth)
        {
            errors.push(cell_error(f, row, "date", Problem::DateTooEarly));
            continue;
        }
        let unit = match (kind.unit_role(), row.take(col::E_UNIT)) {
            (UnitRole::None, Some(_)) => Err(Problem::NotExpected),
            (UnitRole::Required, None) => Err(Problem::Required),
            (_, None) => Ok(NONE),
            (role, Some(code)) => match catalog.get(&code) {
                None => {
                    errors.push(ImportError::new(
                        f,
                        row.line,
                        "unit_code",
                        ImportProblem::UnknownUnit,
                    ));
                    continue;
                }
                Some(i) => {
                    let unit = catalog.unit(i);
                    let inside = match &known.in_scope {
                        None => true,
                        Some(scope) => unit.from_file || scope.contains(&unit.id.0),
                    };
                    if !inside && matches!(kind, EventKind::Admitted | EventKind::TransferIn) {
                        errors.push(ImportError::new(
                            f,
                            row.line,
                            "unit_code",
                            ImportProblem::OutOfScope,
                        ));
                        continue;
                    }
                    match unit.versions.iter().find(|v| v.is_valid_on(date)) {
                        _ if role == UnitRole::Destination => Ok(i),
                        None => Err(Problem::UnitNotValidOnDate),
                        Some(v) if !v.kind.holds_members() => Err(Problem::UnitHoldsNoMembers),
                        Some(_) => Ok(i),
                    }
                }
            },
        };
        let unit = match unit {
            Ok(u) => u,
            Err(p) => {
                errors.push(cell_error(f, row, "unit_code", p));
                continue;
            }
        };
        let text = match texts.as_deref_mut() {
            Some(spill) => spill.push(decision.as_deref(), reason.as_deref()),
            None => NO_TEXT,
        };
        let line = u32::try_from(row.line).unwrap_or(u32::MAX);
        events.push(Ev {
            member,
            line,
            date,
            kind,
            unit,
            text,
        });
    }
    events
}

fn life(e: &Ev, catalog: &Catalog) -> LifeEvent {
    LifeEvent {
        kind: e.kind,
        on: e.date,
        unit: (e.unit != NONE).then(|| catalog.unit(e.unit).id),
    }
}

/// Replays every member's history (by date, then file order) through the domain.
fn check_histories(
    catalog: Catalog,
    lites: &[MemberLite],
    mut events: Vec<Ev>,
    texts: Option<TextSpill>,
    errors: &mut Errors,
    progress: &dyn Progress,
) -> Checked {
    events.sort_unstable_by_key(|e| (e.member, e.date, e.line));
    let mut starts = vec![0usize; lites.len() + 1];
    for e in &events {
        starts[e.member as usize + 1] += 1;
    }
    for m in 0..lites.len() {
        starts[m + 1] += starts[m];
    }
    for (m, lite) in lites.iter().enumerate() {
        if m % 100_000 == 0 {
            progress.advance(starts[m] as u64);
        }
        let mine = &events[starts[m]..starts[m + 1]];
        if mine.is_empty() {
            errors.push(ImportError::new(
                MEMBERS_FILE,
                lite.line,
                "member_key",
                ImportProblem::NoEvents,
            ));
            continue;
        }
        let mut state: Option<MemberState> = None;
        let mut recognized = false;
        for e in mine {
            match apply(state.as_ref(), &life(e, &catalog)) {
                Ok(s) => {
                    recognized |= e.kind == EventKind::Recognized;
                    state = Some(s);
                }
                Err(t) => {
                    errors.push(ImportError::new(
                        EVENTS_FILE,
                        u64::from(e.line),
                        "kind",
                        ImportProblem::Transition(t),
                    ));
                    state = None;
                    break;
                }
            }
        }
        if state.is_some() && lite.has_card && !recognized {
            errors.push(ImportError::new(
                MEMBERS_FILE,
                lite.line,
                "card_number",
                ImportProblem::CardNeedsOfficial,
            ));
        }
    }
    let file_units: Vec<&CatalogUnit> = catalog.units.iter().filter(|u| u.from_file).collect();
    let counts = ImportCounts {
        units: file_units.len(),
        unit_versions: file_units.iter().map(|u| u.versions.len()).sum(),
        members: lites.len(),
        events: events.len(),
    };
    Checked {
        member_count: lites.len(),
        catalog,
        events,
        starts,
        texts,
        counts,
    }
}

/// Members written per statement batch.
const MEMBER_BATCH: usize = 5_000;

/// Units whose rows are built and written at a time.
const UNIT_BATCH: usize = 20_000;

/// SQLite's page cache for the import's connection, in MiB.
const IMPORT_PAGE_CACHE_MIB: i64 = 256;

/// Writes the checked data set in one transaction.
async fn write(
    app: &App,
    by: By<'_>,
    actor: Option<&Actor>,
    paths: &DataPaths,
    mut checked: Checked,
    progress: &dyn Progress,
) -> Result<ImportReport, AppError> {
    let at = now();
    let recorded_by = actor.map(|a| a.user.0);
    let texts = match checked.texts.take() {
        Some(spill) => spill.finish()?,
        None => return Err(AppError::Internal("import texts were not kept".into())),
    };
    let mut tx = app.db.write().await?;
    bulk::lock(&mut tx).await?;
    let (next_unit, next_member, next_event) = bulk::next_ids(&mut tx).await?;
    bulk::page_cache(&mut tx, IMPORT_PAGE_CACHE_MIB).await?;
    // Rebuilding indexes (and checking foreign keys) over whole tables pays when the import
    // at least doubles them; a small import into a large registry keeps them up row by row.
    let deferred = if checked.counts.events as i64 >= next_event - 1 {
        bulk::defer(&mut tx, &["member", "member_event", "membership_period"]).await?
    } else {
        bulk::Deferred::default()
    };

    // Units: final ids, versions re-pointed at them, spans recomputed with them.
    progress.stage(Stage::WriteUnits, checked.counts.unit_versions as u64);
    let final_id = |id: UnitId| {
        if id.0 < 0 {
            UnitId(next_unit + (-1 - id.0))
        } else {
            id
        }
    };
    for u in checked.catalog.units.iter_mut().filter(|u| u.from_file) {
        u.id = final_id(u.id);
        for v in &mut u.versions {
            v.unit = u.id;
            v.parent = v.parent.map(final_id);
        }
    }
    let catalog = &mut checked.catalog;
    catalog.by_id = catalog
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id, i as u32))
        .collect();
    let order = write_order(&checked.catalog);
    // Rows are built a slice of units at a time: all of a national tree's at once would
    // hold hundreds of megabytes of cells.
    for part in order.chunks(UNIT_BATCH) {
        let mut unit_rows = Vec::with_capacity(part.len());
        let mut version_rows = Vec::with_capacity(part.len());
        for &i in part {
            let u = checked.catalog.unit(i);
            unit_rows.push(bulk::unit_row(u.id.0, &u.code, at));
            version_rows.extend(u.versions.iter().map(|v| bulk::version_row(v, at)));
        }
        bulk::insert(&mut tx, &bulk::UNIT, &unit_rows).await?;
        bulk::insert(&mut tx, &bulk::UNIT_VERSION, &version_rows).await?;
    }
    for &i in &order {
        let spans = unit_spans(&checked.catalog.unit(i).versions, &|p| {
            checked.catalog.spans_of(p)
        })?;
        checked.catalog.units[i as usize].spans = spans;
    }
    for part in order.chunks(UNIT_BATCH) {
        let span_rows: Vec<_> = part
            .iter()
            .flat_map(|&i| checked.catalog.unit(i).spans.iter().map(bulk::span_row))
            .collect();
        bulk::insert(&mut tx, &bulk::UNIT_PATH, &span_rows).await?;
    }

    // Members, a batch at a time: members.csv read again and histories replayed on a blocking
    // thread while this one writes the batch before (the two halves take about as long).
    progress.stage(Stage::WriteMembers, checked.member_count as u64);
    let path = paths
        .members
        .as_deref()
        .ok_or_else(|| AppError::Internal("members.csv vanished".into()))?;
    let reopened =
        std::fs::File::open(path).map_err(|e| AppError::Internal(format!("members.csv: {e}")))?;
    let mut errors = Errors::default();
    let table = Table::open(
        Box::new(std::io::BufReader::new(reopened)),
        MEMBERS_FILE,
        MEMBER_COLUMNS,
        MEMBER_REQUIRED,
        &mut errors,
    )
    .ok_or_else(|| AppError::Internal("members.csv changed during the import".into()))?;
    let member_count = checked.member_count;
    let mut source = BatchSource {
        table,
        errors,
        catalog: checked.catalog,
        events: checked.events,
        starts: checked.starts,
        texts,
        today: clock::today(),
        at,
        recorded_by,
        next_member,
        member_index: 0,
        event_id: next_event,
    };
    let (sender, mut batches) = tokio::sync::mpsc::channel::<Result<MemberBatch, AppError>>(2);
    let producer = tokio::task::spawn_blocking(move || {
        loop {
            match source.next_batch() {
                Ok(Some(batch)) => {
                    // Sending fails when the writer gave up: stop too.
                    if sender.blocking_send(Ok(batch)).is_err() {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    let _ = sender.blocking_send(Err(e));
                    break;
                }
            }
        }
        source.member_index == member_count && source.errors.is_empty()
    });
    let mut written = 0usize;
    while let Some(batch) = batches.recv().await {
        let batch = batch?;
        let member_rows: Vec<Vec<Value<'_>>> = batch
            .members
            .iter()
            .map(|m| bulk::member_row(m.id, &m.key, &m.profile, &m.state, &m.names, at))
            .collect();
        bulk::insert(&mut tx, &bulk::MEMBER, &member_rows).await?;
        bulk::insert(&mut tx, &bulk::MEMBER_EVENT, &batch.events).await?;
        bulk::insert(&mut tx, &bulk::MEMBERSHIP_PERIOD, &batch.periods).await?;
        written += batch.members.len();
        progress.advance(written as u64);
    }
    let complete = producer
        .await
        .map_err(|e| AppError::Internal(format!("import batches: {e}")))?;
    if !complete || written != member_count {
        return Err(AppError::Internal(
            "members.csv changed during the import".into(),
        ));
    }
    progress.stage(Stage::BuildIndexes, 0);
    bulk::restore(&mut tx, deferred).await?;
    bulk::resync_identities(&mut tx).await?;
    // Statistics indexes reload everything after a bulk load.
    chibo_storage::stats::record_change(&mut tx, chibo_storage::stats::Change::Everything).await?;
    progress.stage(Stage::Commit, 0);
    let about = About {
        kind: "registry",
        id: None,
        label: Some("import".into()),
        unit_path: None,
    };
    audit::record(
        &mut tx,
        by,
        Action::Import,
        about,
        None::<&()>,
        Some(&checked.counts),
    )
    .await?;
    // The connection goes back to the pool: back to SQLite's default cache.
    bulk::page_cache(&mut tx, 2).await?;
    tx.commit().await?;
    app.db.checkpoint().await?;
    progress.stage(Stage::Done, 0);
    Ok(ImportReport {
        counts: checked.counts,
        errors: Vec::new(),
        errors_total: 0,
        dry_run: false,
        written: true,
    })
}

/// A member as its row is written.
struct MemberCells {
    id: i64,
    key: String,
    profile: MemberProfile,
    state: StateColumns,
    names: bulk::NameKeys,
}

/// Members with the rows of their events and state periods.
struct MemberBatch {
    members: Vec<MemberCells>,
    events: Vec<Vec<Value<'static>>>,
    periods: Vec<Vec<Value<'static>>>,
}

/// Prepares the member batches of a checked import: members.csv read again (in the order
/// its members were numbered), each history replayed for its state and periods.
struct BatchSource {
    table: Table,
    /// Anything wrong on the second reading: the file changed under the import.
    errors: Errors,
    catalog: Catalog,
    events: Vec<Ev>,
    starts: Vec<usize>,
    texts: TextReader,
    today: NaiveDate,
    at: chrono::DateTime<chrono::Utc>,
    recorded_by: Option<i64>,
    next_member: i64,
    member_index: usize,
    event_id: i64,
}

impl BatchSource {
    fn next_batch(&mut self) -> Result<Option<MemberBatch>, AppError> {
        let changed =
            |what: String| AppError::Internal(format!("{what} changed during the import"));
        let mut batch = MemberBatch {
            members: Vec::with_capacity(MEMBER_BATCH),
            events: Vec::new(),
            periods: Vec::new(),
        };
        while batch.members.len() < MEMBER_BATCH {
            let Some(row) = self.table.next_row(&mut self.errors) else {
                break;
            };
            let key = row.take(col::KEY).unwrap_or_default();
            let profile = profile_input(row)
                .parse(self.today)
                .map_err(|e| changed(format!("members.csv ({e:?})")))?;
            let m = self.member_index;
            let (from, to) = match (self.starts.get(m), self.starts.get(m + 1)) {
                (Some(&from), Some(&to)) => (from, to),
                _ => return Err(changed("members.csv".into())),
            };
            let member_id = self.next_member + m as i64;
            let mine = &self.events[from..to];
            let history: Vec<HistoryEntry> = mine
                .iter()
                .enumerate()
                .map(|(seq, e)| HistoryEntry {
                    id: EventId(seq as i64),
                    seq: seq as i64 + 1,
                    recorded_at: self.at,
                    body: EntryBody::Life(life(e, &self.catalog)),
                })
                .collect();
            let state = chibo_domain::member::replay(&history, None)
                .map_err(|e| changed(format!("history ({e})")))?
                .ok_or_else(|| changed("a history".into()))?;
            for p in periods(&history).map_err(|e| changed(format!("history ({e})")))? {
                batch.periods.push(bulk::period_row(member_id, &p));
            }
            for (seq, e) in mine.iter().enumerate() {
                let (decision_ref, reason) = self.texts.get(e.text)?;
                batch.events.push(bulk::event_row(EventCells {
                    id: self.event_id,
                    member_id,
                    seq: seq as i64 + 1,
                    kind: e.kind.code(),
                    effective_on: e.date,
                    unit_id: (e.unit != NONE).then(|| self.catalog.unit(e.unit).id.0),
                    decision_ref,
                    reason,
                    recorded_at: self.at,
                    recorded_by: self.recorded_by,
                }));
                self.event_id += 1;
            }
            batch.members.push(MemberCells {
                id: member_id,
                names: bulk::NameKeys::of_person(profile.full_name.as_str()),
                key,
                profile,
                state: StateColumns::from(&state),
            });
            self.member_index += 1;
        }
        Ok((!batch.members.is_empty()).then_some(batch))
    }
}

/// The file's units, parents before children (the foreign keys need it).
fn write_order(catalog: &Catalog) -> Vec<u32> {
    let mut out = Vec::new();
    let mut placed: HashSet<UnitId> = catalog
        .units
        .iter()
        .filter(|u| !u.from_file)
        .map(|u| u.id)
        .collect();
    let mut left: Vec<u32> = (0..catalog.units.len() as u32)
        .filter(|&i| catalog.unit(i).from_file)
        .collect();
    while !left.is_empty() {
        let before = left.len();
        left.retain(|&i| {
            let u = catalog.unit(i);
            if u.versions
                .iter()
                .filter_map(|v| v.parent)
                .all(|p| placed.contains(&p))
            {
                placed.insert(u.id);
                out.push(i);
                false
            } else {
                true
            }
        });
        if left.len() == before {
            out.extend(left);
            break;
        }
    }
    out
}
