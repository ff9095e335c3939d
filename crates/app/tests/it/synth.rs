//! Synthetic interchange data: deterministic, valid by the interchange rules (every history
//! replays, every unit named is open that day and holds members, versions do not overlap,
//! parents cover their children), every event kind present, realistic proportions, and the
//! files round-trip through the `csv` crate.

use std::collections::{BTreeMap, HashMap, HashSet};

use chibo_app::synth::{SynthError, SynthOptions, SynthSink, default_today, generate, write};
use chibo_domain::ids::UnitId;
use chibo_domain::interchange::{
    EVENT_COLUMNS, EventRecord, MEMBER_COLUMNS, MemberRecord, UNIT_COLUMNS, UnitRecord,
};
use chibo_domain::member::{EventKind, LifeEvent, MemberState, UnitRole, apply};
use chibo_domain::org::{
    UnitCode, UnitKind, UnitName, UnitVersion, check_parent, validate_versions,
};
use chibo_domain::person::{CardNumber, CitizenId};
use chrono::NaiveDate;

#[derive(Default)]
struct Collected {
    units: Vec<UnitRecord>,
    members: Vec<(MemberRecord, Vec<EventRecord>)>,
}

impl SynthSink for Collected {
    fn unit(&mut self, unit: &UnitRecord) -> Result<(), SynthError> {
        self.units.push(unit.clone());
        Ok(())
    }
    fn member(&mut self, member: &MemberRecord, events: &[EventRecord]) -> Result<(), SynthError> {
        self.members.push((member.clone(), events.to_vec()));
        Ok(())
    }
}

fn options(people: u64, seed: u64) -> SynthOptions {
    SynthOptions {
        people,
        seed,
        today: default_today(),
    }
}

fn collect(people: u64, seed: u64) -> Collected {
    let mut c = Collected::default();
    let counts = generate(&options(people, seed), &mut c).unwrap();
    assert_eq!(counts.members, c.members.len() as u64);
    assert_eq!(counts.units, c.units.len() as u64);
    c
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date {s:?}"))
}

struct Version {
    parent: Option<String>,
    kind: UnitKind,
    from: NaiveDate,
    to: Option<NaiveDate>,
}

impl Version {
    fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|t| day <= t)
    }
}

/// What a valid data set is made of, for the proportions tests.
#[derive(Debug, Default)]
struct Summary {
    kinds: BTreeMap<&'static str, u64>,
    events: u64,
    members_today: u64,
    probationary_today: u64,
    exempted_today: u64,
    in_transit_today: u64,
    women_today: u64,
    cells_today: u64,
    groups_today: u64,
    provinces: u64,
    communes_today: u64,
    versions: u64,
    readmitted: u64,
}

/// Checks every interchange rule the generator promises; panics naming the first breach.
fn validate(c: &Collected, today: NaiveDate) -> Summary {
    let mut s = Summary::default();
    // Units: codes, names, kinds, non-overlapping versions, parents that cover.
    let mut ids: HashMap<&str, i64> = HashMap::new();
    let mut versions: HashMap<&str, Vec<Version>> = HashMap::new();
    for u in &c.units {
        UnitCode::parse(&u.code).unwrap_or_else(|e| panic!("code {}: {e:?}", u.code));
        UnitName::parse(&u.name).unwrap_or_else(|e| panic!("name {}: {e:?}", u.name));
        let next = ids.len() as i64;
        ids.entry(&u.code).or_insert(next);
        versions.entry(&u.code).or_default().push(Version {
            parent: u.parent_code.clone(),
            kind: UnitKind::parse(&u.kind).unwrap(),
            from: date(&u.valid_from),
            to: u.valid_to.as_deref().map(date),
        });
    }
    s.versions = c.units.len() as u64;
    for (code, vs) in &versions {
        let id = UnitId(ids[code]);
        let domain: Vec<UnitVersion> = vs
            .iter()
            .map(|v| UnitVersion {
                unit: id,
                parent: v.parent.as_deref().map(|p| UnitId(ids[p])),
                name: UnitName::parse("Chi bộ").unwrap(),
                kind: v.kind,
                admin_unit_code: None,
                valid_from: v.from,
                valid_to: v.to,
            })
            .collect();
        validate_versions(&domain).unwrap_or_else(|e| panic!("{code}: {e}"));
        for v in vs {
            assert!(v.kind == vs[0].kind, "{code} changes kind");
            let parent_kind = v.parent.as_deref().map(|p| {
                let pv = versions
                    .get(p)
                    .unwrap_or_else(|| panic!("{code}: no parent {p}"));
                // The parent exists on every day of the version: its versions, joined up,
                // run from before `from` to after `to`.
                let mut day = v.from;
                loop {
                    let cover = pv
                        .iter()
                        .find(|x| x.covers(day))
                        .unwrap_or_else(|| panic!("{code}: parent {p} missing on {day}"));
                    match (cover.to, v.to) {
                        (None, _) => break,
                        (Some(pt), Some(vt)) if pt >= vt => break,
                        (Some(pt), _) => day = pt.succ_opt().unwrap(),
                    }
                }
                pv[0].kind
            });
            check_parent(v.kind, parent_kind).unwrap_or_else(|e| panic!("{code}: {e}"));
            if v.covers(today) {
                match v.kind {
                    UnitKind::Cell | UnitKind::GrassrootsCell => s.cells_today += 1,
                    UnitKind::PartyGroup => s.groups_today += 1,
                    UnitKind::ProvinceCommittee => s.provinces += 1,
                    UnitKind::CommuneCommittee => s.communes_today += 1,
                    _ => {}
                }
            }
        }
    }
    let open = |code: &str, day: NaiveDate| -> Option<UnitKind> {
        versions
            .get(code)
            .and_then(|vs| vs.iter().find(|v| v.covers(day)))
            .map(|v| v.kind)
    };

    // Members and their histories.
    let mut keys = HashSet::new();
    let mut citizen_ids = HashSet::new();
    let mut cards = HashSet::new();
    for (m, events) in &c.members {
        assert!(keys.insert(m.member_key.clone()), "key {}", m.member_key);
        assert!(m.sex == "M" || m.sex == "F");
        let birth = date(&m.birth_date);
        if let Some(id) = &m.citizen_id {
            CitizenId::parse(id).unwrap();
            assert!(citizen_ids.insert(id.clone()), "citizen id {id} twice");
            let century = if m.sex == "F" {
                [b'1', b'3']
            } else {
                [b'0', b'2']
            };
            assert!(century.contains(&id.as_bytes()[3]), "{id} for {}", m.sex);
        }
        if let Some(card) = &m.card_number {
            CardNumber::parse(card).unwrap();
            assert!(cards.insert(card.clone()), "card {card} twice");
        }
        assert!(!events.is_empty(), "{} has no events", m.member_key);
        let mut state: Option<MemberState> = None;
        let mut last = NaiveDate::MIN;
        let mut recognized = false;
        for e in events {
            assert_eq!(e.member_key, m.member_key);
            let kind = EventKind::parse(&e.kind).unwrap();
            *s.kinds.entry(kind.code()).or_default() += 1;
            let on = date(&e.date);
            assert!(on >= last, "{}: events out of order at {on}", m.member_key);
            assert!(on <= today, "{}: event after today", m.member_key);
            last = on;
            if kind == EventKind::Admitted {
                let age = on.years_since(birth).unwrap_or(0);
                assert!(
                    (18..=60).contains(&age),
                    "{} admitted at {age}",
                    m.member_key
                );
                if state.is_some() {
                    s.readmitted += 1;
                }
            }
            recognized |= kind == EventKind::Recognized;
            let unit = e.unit_code.as_deref().map(|code| {
                let k = open(code, on).unwrap_or_else(|| {
                    panic!("{}: {} names {code}, closed on {on}", m.member_key, e.kind)
                });
                if kind.unit_role() == UnitRole::Required {
                    assert!(
                        k.holds_members(),
                        "{}: {} names a {k:?}",
                        m.member_key,
                        e.kind
                    );
                }
                UnitId(ids[code])
            });
            let ev = LifeEvent { kind, on, unit };
            state = Some(
                apply(state.as_ref(), &ev)
                    .unwrap_or_else(|err| panic!("{}: {} on {on}: {err}", m.member_key, e.kind)),
            );
            s.events += 1;
        }
        assert_eq!(recognized, m.card_number.is_some(), "{}", m.member_key);
        let st = state.unwrap();
        if st.is_member() {
            s.members_today += 1;
            s.women_today += u64::from(m.sex == "F");
            s.probationary_today += u64::from(st.recognized_on.is_none());
            s.exempted_today += u64::from(st.exempted);
            s.in_transit_today += u64::from(st.transit.is_some());
        }
    }
    s
}

#[test]
fn the_same_seed_gives_byte_identical_files_and_another_seed_other_files() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let c = tempfile::tempdir().unwrap();
    let first = write(&options(3_000, 7), a.path()).unwrap();
    let second = write(&options(3_000, 7), b.path()).unwrap();
    write(&options(3_000, 8), c.path()).unwrap();
    assert_eq!(first.counts, second.counts);
    for name in ["units.csv", "members.csv", "events.csv"] {
        let x = std::fs::read(a.path().join(name)).unwrap();
        let y = std::fs::read(b.path().join(name)).unwrap();
        assert!(x == y, "{name} differs between two runs with the same seed");
        let z = std::fs::read(c.path().join(name)).unwrap();
        assert!(name == "units.csv" || x != z, "{name} ignores the seed");
    }
    let names: Vec<_> = std::fs::read_dir(a.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn every_history_replays_and_every_unit_is_open_when_named() {
    let today = default_today();
    let data = collect(30_000, 2026);
    let s = validate(&data, today);
    assert!(s.provinces >= 2, "{s:?}");
}

#[test]
fn every_event_kind_occurs_at_a_thousand_people_and_from_five_whatever_the_seed() {
    for (people, seed) in [(1_000, 1), (1_000, 2), (1_000, 3), (5, 4), (1, 5)] {
        let data = collect(people, seed);
        let s = validate(&data, default_today());
        if people < 5 {
            continue;
        }
        for k in EventKind::CODES {
            assert!(
                s.kinds.contains_key(k),
                "seed {seed}: no {k} in {:?}",
                s.kinds
            );
        }
    }
}

#[test]
fn sizes_and_proportions_are_realistic() {
    let n = 30_000;
    let data = collect(n, 11);
    let s = validate(&data, default_today());
    eprintln!("{s:#?}");
    assert_eq!(data.members.len() as u64, n);
    let per_person = s.events as f64 / n as f64;
    assert!(
        (3.5..5.0).contains(&per_person),
        "{per_person} events a person"
    );
    // About 20 people per cell, as in the national register (5.6 million, 270,000 cells).
    let per_cell = n as f64 / s.cells_today as f64;
    assert!(
        (15.0..28.0).contains(&per_cell),
        "{per_cell} people per cell"
    );
    assert!(s.groups_today > 0);
    let members = s.members_today as f64;
    let share = members / n as f64;
    assert!(
        (0.7..0.92).contains(&share),
        "{share} of people are members today"
    );
    let women = s.women_today as f64 / members;
    assert!((0.28..0.45).contains(&women), "{women} women");
    let probationary = s.probationary_today as f64 / members;
    assert!(
        (0.015..0.05).contains(&probationary),
        "{probationary} probationary"
    );
    let exempted = s.exempted_today as f64 / members;
    assert!((0.03..0.2).contains(&exempted), "{exempted} exempted");
    assert!(s.in_transit_today > 0, "someone is in transit today");
    assert!(s.readmitted > 0, "a few are re-admitted");
}

#[test]
fn a_national_plan_covers_every_province_and_commune() {
    // The tree alone, for 5.6 million people: 34 provinces, 3,321 communes, ~270,000 cells.
    struct Units {
        rows: u64,
        today: NaiveDate,
        cells: u64,
        communes: u64,
        provinces: u64,
    }
    impl SynthSink for Units {
        fn unit(&mut self, u: &UnitRecord) -> Result<(), SynthError> {
            self.rows += 1;
            let open = date(&u.valid_from) <= self.today
                && u.valid_to.as_deref().is_none_or(|t| date(t) >= self.today);
            if open {
                match u.kind.as_str() {
                    "cell" | "grassroots_cell" => self.cells += 1,
                    "commune_committee" => self.communes += 1,
                    "province_committee" => self.provinces += 1,
                    _ => {}
                }
            }
            Ok(())
        }
        fn member(&mut self, _: &MemberRecord, _: &[EventRecord]) -> Result<(), SynthError> {
            Err(SynthError::Fault("stop after the tree".into()))
        }
    }
    let mut units = Units {
        rows: 0,
        today: default_today(),
        cells: 0,
        communes: 0,
        provinces: 0,
    };
    let stopped = generate(&options(5_600_000, 1), &mut units);
    assert!(matches!(stopped, Err(SynthError::Fault(_))));
    assert_eq!((units.provinces, units.communes), (34, 3_321));
    assert!(
        (230_000..310_000).contains(&units.cells),
        "{} cells",
        units.cells
    );
}

#[test]
fn names_with_commas_and_quotes_round_trip_through_the_csv_crate() {
    let dir = tempfile::tempdir().unwrap();
    let files = write(&options(3_000, 5), dir.path()).unwrap();
    let data = collect(3_000, 5);
    let read = |name: &str| {
        let mut r = csv::Reader::from_path(dir.path().join(name)).unwrap();
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
            .collect();
        (header, rows)
    };
    let (header, units) = read("units.csv");
    assert_eq!(header, UNIT_COLUMNS);
    assert_eq!(units.len() as u64, files.counts.units);
    for (row, u) in units.iter().zip(&data.units) {
        assert_eq!(row, &u.cells().map(str::to_owned).to_vec());
    }
    let tricky = data
        .units
        .iter()
        .filter(|u| u.name.contains(',') || u.name.contains('"'))
        .count();
    assert!(tricky > 0, "no unit name needs quoting");
    let (header, members) = read("members.csv");
    assert_eq!(header, MEMBER_COLUMNS);
    for (row, (m, _)) in members.iter().zip(&data.members) {
        assert_eq!(row, &m.cells().map(str::to_owned).to_vec());
    }
    let (header, events) = read("events.csv");
    assert_eq!(header, EVENT_COLUMNS);
    let all: Vec<&EventRecord> = data.members.iter().flat_map(|(_, e)| e).collect();
    assert_eq!(events.len(), all.len());
    for (row, e) in events.iter().zip(all) {
        assert_eq!(row, &e.cells().map(str::to_owned).to_vec());
    }
    assert!(
        events.iter().any(|r| r[5].contains(',')),
        "no reason needs quoting"
    );
}

#[test]
fn bad_options_are_refused() {
    let mut c = Collected::default();
    assert!(matches!(
        generate(&options(0, 1), &mut c),
        Err(SynthError::People)
    ));
    let early = SynthOptions {
        today: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        ..options(10, 1)
    };
    assert!(matches!(generate(&early, &mut c), Err(SynthError::Today)));
}
