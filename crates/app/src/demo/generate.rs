//! Builds the demonstration data set in memory; `write` stores it. Pure and deterministic:
//! the same size, seed and day give the same data.

use std::collections::HashSet;

use chibo_domain::ids::UnitId;
use chibo_domain::member::{EventKind, LifeEvent, MemberState, Status, apply};
use chibo_domain::org::{ResidentialUnitKind, UnitKind};
use chibo_domain::text::search_key;
use chibo_storage::reference::{AdminUnitRow, admin_unit_rows};
use chrono::{Datelike, Days, Months, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::AppError;
use crate::sample::days::{add_days, d, history_start, random_day};
use crate::sample::names::{self, full_name, lowercase_kind, pick, weighted};

#[derive(Debug, Clone)]
pub struct DemoVersion {
    pub parent: Option<String>,
    pub name: String,
    pub kind: UnitKind,
    pub admin_unit_code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct DemoUnit {
    pub code: String,
    pub versions: Vec<DemoVersion>,
    /// The unit that absorbed this one, and from when.
    pub merged_into: Option<(String, NaiveDate)>,
}

#[derive(Debug, Clone)]
pub struct DemoArea {
    pub commune_code: String,
    pub name: String,
    pub kind: ResidentialUnitKind,
    pub covering: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DemoEvent {
    pub kind: EventKind,
    pub on: NaiveDate,
    pub unit: Option<String>,
    pub decision_ref: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DemoMember {
    pub key: String,
    pub full_name: String,
    pub female: bool,
    pub birth_date: NaiveDate,
    pub citizen_id: Option<String>,
    pub card_number: Option<String>,
    pub ethnicity: String,
    pub religion: Option<String>,
    pub education: String,
    pub professional_level: Option<&'static str>,
    pub political_theory: Option<&'static str>,
    pub occupation: String,
    pub residence_admin_code: String,
    pub area: Option<usize>,
    pub hometown: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub events: Vec<DemoEvent>,
}

#[derive(Debug, Clone, Default)]
pub struct DemoData {
    /// Parents before children.
    pub units: Vec<DemoUnit>,
    pub areas: Vec<DemoArea>,
    pub members: Vec<DemoMember>,
}

fn reorganisation() -> NaiveDate {
    chibo_storage::reference::reorganisation_day()
}

/// A cell that members can belong to, with its lifetime and place.
#[derive(Debug, Clone)]
struct Cell {
    code: String,
    founded: NaiveDate,
    ended: Option<NaiveDate>,
    successor: Option<usize>,
    province: usize,
    commune_code: String,
    area: Option<usize>,
    weight: u32,
}

impl Cell {
    fn open_on(&self, day: NaiveDate) -> bool {
        self.founded <= day && self.ended.is_none_or(|e| day < e)
    }
}

struct Province<'a> {
    code: &'a str,
    name: &'a str,
    city: bool,
    communes: Vec<&'a AdminUnitRow>,
}

/// Builds a data set of about `members` people. `today` ends every history.
pub fn generate(members: usize, seed: u64, today: NaiveDate) -> Result<DemoData, AppError> {
    let rows = admin_unit_rows()?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut provinces: Vec<Province<'_>> = Vec::new();
    for r in &rows {
        match provinces.iter_mut().find(|p| p.code == r.province_code) {
            Some(p) => p.communes.push(r),
            None => provinces.push(Province {
                code: &r.province_code,
                name: &r.province_name,
                city: r.province_type.contains("thành phố"),
                communes: vec![r],
            }),
        }
    }
    let communes_needed = members.div_ceil(350).max(1);
    let provinces_needed = communes_needed.div_ceil(30).clamp(1, provinces.len());
    provinces.shuffle(&mut rng);
    provinces.truncate(provinces_needed);

    let mut data = DemoData::default();
    let mut cells: Vec<Cell> = Vec::new();
    for (pi, p) in provinces.iter_mut().enumerate() {
        let share = communes_needed / provinces_needed
            + usize::from(pi < communes_needed % provinces_needed);
        p.communes.shuffle(&mut rng);
        p.communes.truncate(share.max(1));
        build_province(&mut rng, &mut data, &mut cells, pi, p);
    }
    let provinces_info: Vec<(String, String)> = provinces
        .iter()
        .map(|p| (p.code.to_owned(), p.name.to_owned()))
        .collect();
    build_members(&mut rng, &mut data, &cells, &provinces_info, members, today);
    Ok(data)
}

fn version(
    parent: Option<&str>,
    name: String,
    kind: UnitKind,
    admin: Option<&str>,
    from: NaiveDate,
    to: Option<NaiveDate>,
) -> DemoVersion {
    DemoVersion {
        parent: parent.map(str::to_owned),
        name,
        kind,
        admin_unit_code: admin.map(str::to_owned),
        valid_from: from,
        valid_to: to,
    }
}

fn build_province<R: Rng>(
    rng: &mut R,
    data: &mut DemoData,
    cells: &mut Vec<Cell>,
    pi: usize,
    p: &Province<'_>,
) {
    let start = history_start();
    let before_reorg = reorganisation().pred_opt();
    let pcode = format!("T{:0>2}", p.code);
    let title = if p.city {
        format!("Đảng bộ {}", p.name)
    } else {
        format!("Đảng bộ tỉnh {}", p.name)
    };
    data.units.push(DemoUnit {
        code: pcode.clone(),
        versions: vec![version(
            None,
            title,
            UnitKind::ProvinceCommittee,
            Some(p.code),
            start,
            None,
        )],
        merged_into: None,
    });

    // The province's agencies, with two grassroots cells.
    let agency = format!("{pcode}-CQ");
    let office = if p.city { "Thành ủy" } else { "Tỉnh ủy" };
    data.units.push(DemoUnit {
        code: agency.clone(),
        versions: vec![version(
            Some(&pcode),
            format!("Đảng bộ Các cơ quan Đảng {}", p.name),
            UnitKind::AgencyCommittee,
            // Below province level the code names a commune; the agencies sit in the province.
            None,
            start,
            None,
        )],
        merged_into: None,
    });
    let capital = p
        .communes
        .first()
        .map(|c| c.unit_code.clone())
        .unwrap_or_default();
    for (i, dept) in [
        format!("Văn phòng {office}"),
        format!("Ban Tổ chức {office}"),
    ]
    .into_iter()
    .enumerate()
    {
        let code = format!("{agency}-{}", i + 1);
        data.units.push(DemoUnit {
            code: code.clone(),
            versions: vec![version(
                Some(&agency),
                format!("Chi bộ {dept}"),
                UnitKind::GrassrootsCell,
                None,
                start,
                None,
            )],
            merged_into: None,
        });
        cells.push(Cell {
            code,
            founded: start,
            ended: None,
            successor: None,
            province: pi,
            commune_code: capital.clone(),
            area: None,
            weight: 3,
        });
    }

    for c in &p.communes {
        let ward = c.unit_type == "phường";
        let new_code = format!("X{}", c.unit_code);
        data.units.push(DemoUnit {
            code: new_code.clone(),
            versions: vec![version(
                Some(&pcode),
                format!("Đảng bộ {}", lowercase_kind(&c.unit_name)),
                UnitKind::CommuneCommittee,
                Some(&c.unit_code),
                reorganisation(),
                None,
            )],
            merged_into: None,
        });
        // The communes merged on 2025-07-01 into this one.
        let olds = rng.random_range(2..=3);
        let mut places: Vec<&str> = names::PLACE.to_vec();
        places.shuffle(rng);
        let mut old_codes = Vec::new();
        for (j, place) in places.iter().take(olds).enumerate() {
            let code = format!("{new_code}-C{}", j + 1);
            let label = if ward { "phường" } else { "xã" };
            data.units.push(DemoUnit {
                code: code.clone(),
                versions: vec![version(
                    Some(&pcode),
                    format!("Đảng bộ {label} {place}"),
                    UnitKind::CommuneCommittee,
                    None,
                    start,
                    before_reorg,
                )],
                merged_into: Some((new_code.clone(), reorganisation())),
            });
            old_codes.push(code);
        }
        let orgs = rng.random_range(6..=10);
        let first_cell = cells.len();
        for g in 0..orgs {
            let old = &old_codes[g % old_codes.len()];
            let founded = if rng.random_bool(0.7) {
                start
            } else {
                random_day(rng, d(1980, 1, 1), d(2015, 12, 31))
            };
            let code = format!("{new_code}-G{:02}", g + 1);
            let reparent = |name: String, kind: UnitKind| {
                vec![
                    version(Some(old), name.clone(), kind, None, founded, before_reorg),
                    version(Some(&new_code), name, kind, None, reorganisation(), None),
                ]
            };
            if g < 2 || rng.random_bool(0.65) {
                // A residential grassroots cell and the hamlet or block it covers.
                let place = places[(olds + g) % places.len()];
                let (cell_word, area_word, kind) = if ward {
                    ("khu phố", "Khu phố", ResidentialUnitKind::Khom)
                } else if p.code.parse::<u32>().unwrap_or(0) < 44 {
                    ("thôn", "Thôn", ResidentialUnitKind::Thon)
                } else {
                    ("ấp", "Ấp", ResidentialUnitKind::Ap)
                };
                data.units.push(DemoUnit {
                    code: code.clone(),
                    versions: reparent(
                        format!("Chi bộ {cell_word} {place}"),
                        UnitKind::GrassrootsCell,
                    ),
                    merged_into: None,
                });
                data.areas.push(DemoArea {
                    commune_code: c.unit_code.clone(),
                    name: format!("{area_word} {place}"),
                    kind,
                    covering: Some(code.clone()),
                });
                let area = Some(data.areas.len() - 1);
                cells.push(Cell {
                    code: code.clone(),
                    founded,
                    ended: None,
                    successor: None,
                    province: pi,
                    commune_code: c.unit_code.clone(),
                    area,
                    weight: 10,
                });
                add_groups(rng, data, cells, &code, founded, pi, &c.unit_code, area);
            } else {
                let workplace = pick(rng, names::WORKPLACES);
                let short = c
                    .unit_name
                    .split_once(' ')
                    .map(|(_, n)| n)
                    .unwrap_or(&c.unit_name);
                data.units.push(DemoUnit {
                    code: code.clone(),
                    versions: reparent(
                        format!("Đảng bộ {workplace} {short}"),
                        UnitKind::GrassrootsCommittee,
                    ),
                    merged_into: None,
                });
                for s in 0..rng.random_range(3..=5) {
                    let sub = format!("{code}-{}", s + 1);
                    data.units.push(DemoUnit {
                        code: sub.clone(),
                        versions: vec![version(
                            Some(&code),
                            format!("Chi bộ số {}", s + 1),
                            UnitKind::Cell,
                            None,
                            founded,
                            None,
                        )],
                        merged_into: None,
                    });
                    cells.push(Cell {
                        code: sub.clone(),
                        founded,
                        ended: None,
                        successor: None,
                        province: pi,
                        commune_code: c.unit_code.clone(),
                        area: None,
                        weight: 6,
                    });
                    add_groups(rng, data, cells, &sub, founded, pi, &c.unit_code, None);
                }
            }
        }
        // A hamlet with no cell of its own (rule ORG-11 reports such gaps).
        data.areas.push(DemoArea {
            commune_code: c.unit_code.clone(),
            name: format!(
                "{} {}",
                if ward { "Tổ dân phố" } else { "Thôn" },
                places[places.len() - 1]
            ),
            kind: if ward {
                ResidentialUnitKind::ToDanPho
            } else {
                ResidentialUnitKind::Thon
            },
            covering: None,
        });
        // One commune in three saw two of its hamlet cells merged in 2019.
        if rng.random_bool(0.34) {
            merge_cells(data, cells, first_cell, d(2019, 6, 1));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn add_groups<R: Rng>(
    rng: &mut R,
    data: &mut DemoData,
    cells: &mut Vec<Cell>,
    cell: &str,
    founded: NaiveDate,
    pi: usize,
    commune: &str,
    area: Option<usize>,
) {
    if !rng.random_bool(0.4) {
        return;
    }
    let from = random_day(rng, founded, d(2020, 12, 31)).max(founded);
    for n in 1..=2 {
        let code = format!("{cell}-T{n}");
        data.units.push(DemoUnit {
            code: code.clone(),
            versions: vec![version(
                Some(cell),
                format!("Tổ đảng số {n}"),
                UnitKind::PartyGroup,
                None,
                from,
                None,
            )],
            merged_into: None,
        });
        cells.push(Cell {
            code,
            founded: from,
            ended: None,
            successor: None,
            province: pi,
            commune_code: commune.to_owned(),
            area,
            weight: 3,
        });
    }
}

/// Merges the first residential grassroots cell founded in 1975 into the second, from `on`.
fn merge_cells(data: &mut DemoData, cells: &mut [Cell], first: usize, on: NaiveDate) {
    let candidates: Vec<usize> = (first..cells.len())
        .filter(|&i| {
            cells[i].area.is_some()
                && cells[i].founded == history_start()
                && !cells[i].code.contains("-T")
        })
        .collect();
    let [a, b, ..] = candidates[..] else { return };
    let (a_code, b_code) = (cells[a].code.clone(), cells[b].code.clone());
    // Its party groups go first: a unit ends only once nothing stands under it.
    let group_ends = cells
        .iter()
        .any(|c| c.code.starts_with(&format!("{a_code}-T")));
    if group_ends {
        return;
    }
    cells[a].ended = Some(on);
    cells[a].successor = Some(b);
    if let Some(unit) = data.units.iter_mut().find(|u| u.code == a_code) {
        unit.versions.truncate(1);
        if let Some(v) = unit.versions.first_mut() {
            v.valid_to = on.pred_opt();
        }
        unit.merged_into = Some((b_code.clone(), on));
    }
    if let Some(area) = cells[a].area {
        data.areas[area].covering = Some(b_code);
    }
}

fn build_members<R: Rng>(
    rng: &mut R,
    data: &mut DemoData,
    cells: &[Cell],
    provinces: &[(String, String)],
    n: usize,
    today: NaiveDate,
) {
    let total_weight: u32 = cells.iter().map(|c| c.weight).sum();
    let mut citizen_ids = HashSet::new();
    let mut card_seq = 0u32;
    let mut key_seq = 0usize;
    for _ in 0..n {
        let mut pick_w = rng.random_range(0..total_weight.max(1));
        let mut home = 0;
        for (i, c) in cells.iter().enumerate() {
            if pick_w < c.weight {
                home = i;
                break;
            }
            pick_w -= c.weight;
        }
        key_seq += 1;
        if let Some(m) = build_member(
            rng,
            cells,
            home,
            provinces,
            today,
            &mut citizen_ids,
            &mut card_seq,
            key_seq,
        ) {
            data.members.push(m);
        }
    }
}

/// A life history for one person whose first cell is `home`, valid by the domain's rules.
#[allow(clippy::too_many_arguments)]
fn build_member<R: Rng>(
    rng: &mut R,
    cells: &[Cell],
    home: usize,
    provinces: &[(String, String)],
    today: NaiveDate,
    citizen_ids: &mut HashSet<String>,
    card_seq: &mut u32,
    key: usize,
) -> Option<DemoMember> {
    let female = rng.random_bool(0.36);
    let age_today = 20 + rng.random_range(0..=38) + rng.random_range(0..=38);
    let birth_year = today.year() - age_today;
    let birth = NaiveDate::from_yo_opt(birth_year, rng.random_range(1..=365))?;
    let adult = birth.checked_add_months(Months::new(18 * 12))?;
    let mut cell = home;
    let earliest = adult.max(history_start()).max(cells[cell].founded);
    let latest = today.checked_sub_days(Days::new(20))?;
    if earliest >= latest {
        return None;
    }
    let admission_age = 18 + rng.random_range(0..=10) + rng.random_range(0..=17);
    let preferred = birth.checked_add_months(Months::new(admission_age * 12))?;
    let mut admitted = if preferred >= earliest && preferred < latest {
        add_days(preferred, rng.random_range(0..200))
    } else {
        random_day(rng, earliest, latest)
    };
    admitted = admitted.min(latest);
    if let (Some(end), Some(next)) = (cells[cell].ended, cells[cell].successor)
        && admitted >= end
    {
        cell = next;
    }
    let mut plan: Vec<(NaiveDate, EventKind, Option<usize>)> =
        vec![(admitted, EventKind::Admitted, Some(cell))];
    let probation_end = admitted.checked_add_months(Months::new(12))?;
    let mut last_day = today;
    if probation_end <= today {
        let r: f64 = rng.random();
        if r < 0.01 {
            plan.push((probation_end, EventKind::NotRecognized, None));
            last_day = probation_end;
        } else if r < 0.02 {
            let on = random_day(rng, add_days(admitted, 30), probation_end.pred_opt()?);
            plan.push((on, EventKind::Removed, None));
            last_day = on;
        } else {
            plan.push((probation_end, EventKind::Recognized, None));
        }
    }
    let official_from = probation_end;
    if last_day == today && official_from < today {
        // How membership may end.
        let age_at = |day: NaiveDate| day.year() - birth.year();
        let r: f64 = rng.random();
        let old = age_today > 72;
        if old && rng.random_bool(((age_today - 72) as f64 / 45.0).min(0.8)) {
            let from = birth
                .checked_add_months(Months::new(72 * 12))?
                .max(official_from);
            let on = random_day(rng, from, today);
            plan.push((on, EventKind::Deceased, None));
            last_day = on;
        } else if r < 0.015 {
            let on = random_day(rng, official_from, today);
            plan.push((on, EventKind::Removed, None));
            last_day = on;
        } else if r < 0.018 {
            let on = random_day(rng, official_from, today);
            plan.push((on, EventKind::Expelled, None));
            last_day = on;
        } else if r < 0.02 {
            let on = random_day(rng, official_from, today);
            plan.push((on, EventKind::Resigned, None));
            last_day = on;
        } else if r < 0.03 {
            let on = random_day(rng, official_from, today);
            plan.push((on, EventKind::Deceased, None));
            last_day = on;
        }
        let window = (official_from, last_day);
        if rng.random_bool(0.12) {
            // An official transfer, within the province when it can be.
            let out = random_day(rng, window.0, window.1);
            let arrive = add_days(out, rng.random_range(5..=45));
            let dest = (0..30)
                .map(|_| rng.random_range(0..cells.len()))
                .find(|&i| {
                    i != cell
                        && cells[i].province == cells[cell].province
                        && cells[i].open_on(out)
                        && cells[i].open_on(arrive.min(today))
                });
            if let Some(dest) = dest {
                plan.push((out, EventKind::TransferOut, Some(dest)));
                if arrive <= window.1 {
                    plan.push((arrive, EventKind::TransferIn, Some(dest)));
                }
            }
        }
        if rng.random_bool(0.04) {
            let out = random_day(rng, window.0, window.1);
            let host = (0..30)
                .map(|_| rng.random_range(0..cells.len()))
                .find(|&i| i != cell && cells[i].open_on(out));
            if let Some(host) = host {
                plan.push((out, EventKind::TempOut, Some(host)));
                let back = add_days(out, rng.random_range(90..=700));
                if back <= window.1 {
                    plan.push((back, EventKind::TempReturn, None));
                }
            }
        }
        if rng.random_bool(0.06) {
            let start = random_day(rng, window.0, window.1);
            plan.push((start, EventKind::WorkingAwayStart, None));
            let end = add_days(start, rng.random_range(180..=1500));
            if end <= window.1 {
                plan.push((end, EventKind::WorkingAwayEnd, None));
            }
        }
        if age_at(window.1) >= 70 && rng.random_bool(0.55) {
            let from = birth
                .checked_add_months(Months::new(70 * 12))?
                .max(window.0);
            let on = random_day(rng, from, window.1);
            plan.push((on, EventKind::Exempted, None));
            if rng.random_bool(0.05) {
                let end = add_days(on, rng.random_range(100..=900));
                if end <= window.1 {
                    plan.push((end, EventKind::ExemptionEnded, None));
                }
            }
        }
    }
    // Leaving is the last event of its day; otherwise keep the planned order.
    plan.sort_by_key(|(on, kind, _)| (*on, kind.leaves_party()));
    let mut state: Option<MemberState> = None;
    let mut events = Vec::new();
    let mut seen_cell = cell;
    for (on, kind, unit) in plan {
        follow_merges(cells, &mut state, &mut events, on);
        let ev = LifeEvent {
            kind,
            on,
            unit: unit.map(|i| UnitId(i as i64)),
        };
        if let Ok(next) = apply(state.as_ref(), &ev) {
            state = Some(next);
            if let (EventKind::TransferIn, Some(u)) = (kind, unit) {
                seen_cell = u;
            }
            let decision_ref = matches!(
                kind,
                EventKind::Admitted
                    | EventKind::Recognized
                    | EventKind::Removed
                    | EventKind::Expelled
            )
            .then(|| format!("{}-QĐ/ĐU", rng.random_range(10..999)));
            events.push(DemoEvent {
                kind,
                on,
                unit: unit.map(|i| cells[i].code.clone()),
                decision_ref,
            });
        }
    }
    follow_merges(cells, &mut state, &mut events, today);
    if let Some(s) = &state {
        seen_cell = usize::try_from(s.cell.0).unwrap_or(seen_cell);
    }
    let state = state?;
    let recognized = events.iter().any(|e| e.kind == EventKind::Recognized);
    let pi = cells[home].province;
    let (pcode, pname) = provinces.get(pi).cloned().unwrap_or_default();
    let citizen_id = rng.random_bool(0.9).then(|| {
        let century = u32::from(female) + if birth.year() >= 2000 { 2 } else { 0 };
        loop {
            let id = format!(
                "{:0>3}{century}{:02}{:06}",
                pcode,
                birth.year() % 100,
                rng.random_range(0..1_000_000)
            );
            if citizen_ids.insert(id.clone()) {
                break id;
            }
        }
    });
    let card_number = recognized.then(|| {
        *card_seq += 1;
        format!("{:0>2}.{:06}", pcode, *card_seq)
    });
    let name = full_name(rng, female);
    let member_now = matches!(state.status, Status::Member(_));
    let phone = (member_now && rng.random_bool(0.75)).then(|| {
        format!(
            "0{}{:08}",
            pick(rng, &["3", "5", "7", "8", "9"]),
            rng.random_range(0..100_000_000)
        )
    });
    let email = (phone.is_some() && rng.random_bool(0.2)).then(|| {
        format!(
            "{}{}@example.vn",
            search_key(&name).replace(' ', "."),
            rng.random_range(1..99)
        )
    });
    let education = if birth.year() < 1958 && rng.random_bool(0.4) {
        "10/10"
    } else if rng.random_bool(0.85) {
        "12/12"
    } else {
        "9/12"
    };
    let professional_level = weighted(
        rng,
        &[
            ("", 45),
            ("trung_cap", 15),
            ("cao_dang", 10),
            ("dai_hoc", 25),
            ("thac_si", 4),
            ("tien_si", 1),
        ],
    );
    let political_theory = weighted(
        rng,
        &[
            ("", 10),
            ("so_cap", 50),
            ("trung_cap", 30),
            ("cao_cap", 8),
            ("cu_nhan", 2),
        ],
    );
    let occupation = if age_today >= 62 {
        "Hưu trí"
    } else {
        pick(rng, names::OCCUPATIONS)
    };
    let residence = &cells[seen_cell];
    let religion = weighted(rng, names::RELIGIONS);
    Some(DemoMember {
        key: format!("DV{key:07}"),
        full_name: name,
        female,
        birth_date: birth,
        citizen_id,
        card_number,
        ethnicity: weighted(rng, names::ETHNICITIES).to_owned(),
        religion: (!religion.is_empty()).then(|| religion.to_owned()),
        education: education.to_owned(),
        professional_level: static_code(professional_level),
        political_theory: static_code(political_theory),
        occupation: occupation.to_owned(),
        residence_admin_code: residence.commune_code.clone(),
        area: residence.area,
        hometown: pname,
        phone,
        email,
        events,
    })
}

/// Moves a member whose cell was merged by `upto` into its successor on the merge day, as the
/// merge itself does in the registry (transfer out and in on that day).
fn follow_merges(
    cells: &[Cell],
    state: &mut Option<MemberState>,
    events: &mut Vec<DemoEvent>,
    upto: NaiveDate,
) {
    while let Some(s) = state
        .as_ref()
        .filter(|s| s.is_member() && s.transit.is_none())
    {
        let Ok(i) = usize::try_from(s.cell.0) else {
            return;
        };
        let (Some(on), Some(next)) = (cells[i].ended, cells[i].successor) else {
            return;
        };
        if on > upto {
            return;
        }
        let unit = Some(UnitId(next as i64));
        let out = LifeEvent {
            kind: EventKind::TransferOut,
            on,
            unit,
        };
        let arrive = LifeEvent {
            kind: EventKind::TransferIn,
            on,
            unit,
        };
        let Some(moved) = apply(Some(s), &out)
            .and_then(|t| apply(Some(&t), &arrive))
            .ok()
        else {
            return;
        };
        *state = Some(moved);
        for kind in [EventKind::TransferOut, EventKind::TransferIn] {
            events.push(DemoEvent {
                kind,
                on,
                unit: Some(cells[next].code.clone()),
                decision_ref: None,
            });
        }
    }
}

fn static_code(code: &'static str) -> Option<&'static str> {
    (!code.is_empty()).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_data() {
        let today = d(2026, 11, 24);
        let a = generate(300, 7, today).unwrap();
        let b = generate(300, 7, today).unwrap();
        assert_eq!(a.members.len(), b.members.len());
        assert_eq!(
            a.members.iter().map(|m| &m.full_name).collect::<Vec<_>>(),
            b.members.iter().map(|m| &m.full_name).collect::<Vec<_>>()
        );
        assert_ne!(
            generate(300, 8, today).unwrap().members[0].full_name.len(),
            0
        );
    }

    #[test]
    fn every_history_is_valid_and_kinds_are_varied() {
        let today = d(2026, 11, 24);
        let data = generate(3000, 1, today).unwrap();
        assert!(data.members.len() > 2700, "{}", data.members.len());
        let ids: std::collections::HashMap<&str, i64> = data
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.as_str(), i as i64))
            .collect();
        let mut kinds = HashSet::new();
        for m in &data.members {
            let mut state = None;
            for e in &m.events {
                kinds.insert(e.kind);
                let unit = e.unit.as_deref().map(|c| UnitId(ids[c]));
                let ev = LifeEvent {
                    kind: e.kind,
                    on: e.on,
                    unit,
                };
                state = Some(
                    apply(state.as_ref(), &ev)
                        .unwrap_or_else(|err| panic!("{}: {err} at {:?}", m.key, e)),
                );
                assert!(e.on <= today);
            }
        }
        for k in EventKind::ALL {
            assert!(kinds.contains(k), "no {k:?} in 3000 members");
        }
        let cities = data
            .units
            .iter()
            .filter(|u| {
                u.versions[0].kind == UnitKind::CommuneCommittee
                    && u.versions[0].valid_from == reorganisation()
            })
            .count();
        assert!(cities >= 8);
        assert!(
            data.units.iter().any(|u| u.versions.len() == 2),
            "units re-parented in 2025"
        );
    }
}
