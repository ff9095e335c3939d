//! The organisation tree of a synthetic data set, written to units.csv as it is built and kept
//! in compact form for the histories: the units members belong to, with their lifetimes,
//! the unit that takes their members over when they end, and how many people they attract.
//!
//! Per province: the province committee; commune committees for the communes of the
//! administrative units file from 2025-07-01, the communes they were formed from until
//! 2025-06-30 (some merged already on 2020-01-01), hamlet grassroots cells, schools, health
//! stations, commune police and militia, co-operatives and firms under them, re-parented to
//! the new commune on 2025-07-01; the agencies' committees, whose bloc committees made way on
//! 2025-02-01 for the party agencies' and the people's committee's; military and police.
//! Cells founded late, merged (hamlets, mostly in 2019-2020), or dissolved (co-operatives,
//! firms) hand their members to a successor on the day they end; commune police cells merge
//! into the new commune's on 2025-07-01. Larger cells have party groups.

use std::ops::Range;

use chibo_domain::interchange::UnitRecord;
use chibo_domain::org::UnitKind;
use chrono::NaiveDate;
use rand::Rng;

use super::orgs::{self, ProvinceNames, StateKind};
use super::plan::{ProvincePlan, Region, apportion};
use super::{SynthError, SynthSink};
use crate::sample::days::{d, history_start, random_day};
use crate::sample::names::{lowercase_kind, pick, place, upland_place, weighted};

/// What a cell's members do, which shapes who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Residential,
    School,
    Health,
    Police,
    Military,
    Office,
    Firm,
    Coop,
}

/// A unit members can belong to: a cell, grassroots cell or party group.
#[derive(Debug, Clone)]
pub struct Holder {
    pub code: String,
    pub from: NaiveDate,
    /// The first day it no longer exists; its members move to `successor` on that day.
    pub end: Option<NaiveDate>,
    pub successor: Option<u32>,
    /// For a party group, the cell it is part of.
    pub group_of: Option<u32>,
    /// For a cell, how many party groups follow it in `Tree::holders`.
    pub groups: u32,
    pub area: u32,
    pub profile: Profile,
}

impl Holder {
    /// Exists on every day of `from..=to`.
    pub fn open_through(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.from <= from && self.end.is_none_or(|e| to < e)
    }

    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.open_through(day, day)
    }

    /// The cell a member of this unit is counted in.
    pub fn cell(&self, me: u32) -> u32 {
        self.group_of.unwrap_or(me)
    }
}

/// Holders that sit together: those of one commune, or of one kind of province agency.
#[derive(Debug, Clone)]
pub struct Area {
    /// Index into `Tree::communes` for a commune's area.
    pub commune: Option<u32>,
    pub holders: Range<u32>,
}

#[derive(Debug, Clone)]
pub struct ProvinceTree {
    pub code: String,
    pub region: Region,
    pub people: u64,
    pub holders: Range<u32>,
    pub communes: Range<u32>,
    pub birth_codes: &'static [u16],
}

#[derive(Debug, Default)]
pub struct Tree {
    pub holders: Vec<Holder>,
    /// Running total of the holders' weights (how many people they attract).
    pub cum: Vec<u64>,
    pub areas: Vec<Area>,
    /// Codes of the communes covered.
    pub communes: Vec<String>,
    pub provinces: Vec<ProvinceTree>,
    pub unit_rows: u64,
}

impl Tree {
    /// The weight of the holders in `range`.
    pub fn weight(&self, range: &Range<u32>) -> u64 {
        let upto = |i: u32| {
            if i == 0 { 0 } else { self.cum[i as usize - 1] }
        };
        upto(range.end) - upto(range.start)
    }

    /// A holder of `range` drawn by weight; `None` when they all weigh nothing.
    pub fn draw<R: Rng>(&self, range: &Range<u32>, rng: &mut R) -> Option<u32> {
        let total = self.weight(range);
        if total == 0 {
            return None;
        }
        let base = if range.start == 0 {
            0
        } else {
            self.cum[range.start as usize - 1]
        };
        let target = base + rng.random_range(0..total);
        let slice = &self.cum[range.start as usize..range.end as usize];
        let i = slice.partition_point(|&c| c <= target);
        Some(range.start + i as u32)
    }
}

/// Organisations to draft: name, what their members do, names of their subordinate cells.
type OrgList = Vec<(String, Profile, &'static [&'static str])>;

/// A parent of a unit over part of its life (`end` exclusive).
#[derive(Debug, Clone)]
struct Seg {
    parent: String,
    from: NaiveDate,
    end: Option<NaiveDate>,
}

fn seg(parent: &str, from: NaiveDate, end: Option<NaiveDate>) -> Seg {
    Seg {
        parent: parent.to_owned(),
        from,
        end,
    }
}

/// Where a cell's members go when it ends.
#[derive(Debug, Clone, Copy)]
enum Successor {
    /// Another draft of the same batch.
    Local(usize),
    /// Another cell of the same grassroots committee, counted from its first cell.
    Sibling(usize),
    /// A holder already in the tree.
    Placed(u32),
    /// For a party group that ends with its cell: the cell's successor.
    OfCell,
    /// For a party group dissolved before its cell: the cell.
    ToCell,
}

/// A member-holding unit before it is placed and written.
#[derive(Debug, Clone)]
struct Draft {
    code: String,
    kind: UnitKind,
    names: Vec<(NaiveDate, String)>,
    parents: Vec<Seg>,
    from: NaiveDate,
    end: Option<NaiveDate>,
    successor: Option<Successor>,
    profile: Profile,
    weight: u64,
    groups: Vec<Draft>,
}

impl Draft {
    fn permanent(&self) -> bool {
        self.end.is_none()
    }
}

/// The versions of a unit: a new one wherever its name or parent changes within its life.
#[allow(clippy::too_many_arguments)]
fn versions(
    code: &str,
    kind: UnitKind,
    admin: Option<&str>,
    names: &[(NaiveDate, String)],
    parents: &[Seg],
    from: NaiveDate,
    end: Option<NaiveDate>,
) -> Result<Vec<UnitRecord>, SynthError> {
    let fault = |what: &str| SynthError::Fault(format!("unit {code}: {what}"));
    let inside = |day: NaiveDate| day > from && end.is_none_or(|e| day < e);
    let mut cuts = vec![from];
    cuts.extend(names.iter().map(|n| n.0).filter(|&day| inside(day)));
    for s in parents {
        cuts.extend(
            [Some(s.from), s.end]
                .into_iter()
                .flatten()
                .filter(|&day| inside(day)),
        );
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len());
    for (i, &start) in cuts.iter().enumerate() {
        let stop = cuts.get(i + 1).copied().or(end);
        let name = names
            .iter()
            .rev()
            .find(|n| n.0 <= start)
            .or(names.first())
            .ok_or_else(|| fault("no name"))?;
        let parent = if parents.is_empty() {
            None
        } else {
            let s = parents
                .iter()
                .find(|s| s.from <= start && s.end.is_none_or(|e| start < e))
                .ok_or_else(|| fault("no parent"))?;
            if let Some(pe) = s.end
                && stop.is_none_or(|st| st > pe)
            {
                return Err(fault("outlives its parent"));
            }
            Some(s.parent.clone())
        };
        let valid_to = match stop {
            Some(st) => Some(st.pred_opt().ok_or_else(|| fault("date"))?),
            None => None,
        };
        out.push(UnitRecord {
            code: code.to_owned(),
            parent_code: parent,
            name: name.1.clone(),
            kind: kind.code().to_owned(),
            admin_unit_code: admin.map(str::to_owned),
            valid_from: iso(start),
            valid_to: valid_to.map(iso),
        });
    }
    Ok(out)
}

/// `YYYY-MM-DD`.
pub fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A size between `lo` and `hi`, most often in the middle.
fn size<R: Rng>(rng: &mut R, lo: u64, hi: u64) -> u64 {
    let span = hi.saturating_sub(lo);
    lo + (rng.random_range(0..=span) + rng.random_range(0..=span)) / 2
}

struct Builder<'s> {
    sink: &'s mut dyn SynthSink,
    tree: Tree,
}

/// Builds the tree of `plans`, writing every unit row to `sink`.
pub fn build<R: Rng>(
    plans: &[ProvincePlan<'_>],
    rng: &mut R,
    sink: &mut dyn SynthSink,
) -> Result<Tree, SynthError> {
    let mut b = Builder {
        sink,
        tree: Tree::default(),
    };
    for p in plans {
        b.province(p, rng)?;
    }
    Ok(b.tree)
}

/// Where a commune's organisations stand over time.
struct CommuneCtx {
    code: String,
    admin: String,
    region: Region,
    /// Per former commune: its code, label (xã, phường, thị trấn) and place name.
    olds: Vec<(String, &'static str, String)>,
    /// The former commune merged into the first one on 2020-01-01, if any.
    merged_2020: Option<usize>,
    police: u32,
}

fn merge_2020() -> NaiveDate {
    d(2020, 1, 1)
}

fn bloc_end() -> NaiveDate {
    d(2025, 2, 1)
}

impl CommuneCtx {
    /// The parents of an organisation of former commune `j` over time.
    fn parents(&self, j: usize) -> Vec<Seg> {
        let reorg = reorganisation();
        let start = history_start();
        let mut out = Vec::new();
        if self.merged_2020 == Some(j) {
            out.push(seg(&self.olds[j].0, start, Some(merge_2020())));
            out.push(seg(&self.olds[0].0, merge_2020(), Some(reorg)));
        } else {
            out.push(seg(&self.olds[j].0, start, Some(reorg)));
        }
        out.push(seg(&self.code, reorg, None));
        out
    }
}

fn reorganisation() -> NaiveDate {
    chibo_storage::reference::reorganisation_day()
}

impl Builder<'_> {
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        code: &str,
        kind: UnitKind,
        admin: Option<&str>,
        names: &[(NaiveDate, String)],
        parents: &[Seg],
        from: NaiveDate,
        end: Option<NaiveDate>,
    ) -> Result<(), SynthError> {
        for v in versions(code, kind, admin, names, parents, from, end)? {
            self.sink.unit(&v)?;
            self.tree.unit_rows += 1;
        }
        Ok(())
    }

    fn province<R: Rng>(&mut self, p: &ProvincePlan<'_>, rng: &mut R) -> Result<(), SynthError> {
        let start = history_start();
        let pcode = format!("T{}", p.code);
        let short = p
            .name
            .strip_prefix("Thành phố ")
            .unwrap_or(p.name)
            .to_owned();
        let names = ProvinceNames {
            office: if p.city { "Thành ủy" } else { "Tỉnh ủy" },
            qualified: format!("{} {short}", if p.city { "thành phố" } else { "tỉnh" }),
            short,
        };
        let title = if p.city {
            format!("Đảng bộ {}", p.name)
        } else {
            format!("Đảng bộ tỉnh {}", p.name)
        };
        self.emit(
            &pcode,
            UnitKind::ProvinceCommittee,
            Some(p.code),
            &[(start, title)],
            &[],
            start,
            None,
        )?;
        let holders_start = self.tree.holders.len() as u32;
        let communes_start = self.tree.communes.len() as u32;
        // Members of the province's agencies, armed forces and firms: about a fifth.
        let agencies = p.people * 22 / 100;
        let weights: Vec<u64> = p
            .communes
            .iter()
            .map(|c| {
                let base = rng.random_range(60..=160);
                match c.unit_type.as_str() {
                    "phường" => base * 13 / 10,
                    "đặc khu" => base * 4 / 10,
                    _ => base,
                }
            })
            .collect();
        let budgets = apportion(
            p.people - agencies,
            &weights,
            &vec![u64::MAX; weights.len()],
        );
        let mut residential = Vec::new();
        for (c, budget) in p.communes.iter().zip(budgets) {
            self.commune(p, &pcode, c, budget, rng, &mut residential)?;
        }
        self.agencies(&pcode, p.code, &names, agencies, rng, &residential)?;
        self.tree.provinces.push(ProvinceTree {
            code: p.code.to_owned(),
            region: p.region,
            people: p.people,
            holders: holders_start..self.tree.holders.len() as u32,
            communes: communes_start..self.tree.communes.len() as u32,
            birth_codes: p.birth_codes,
        });
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn commune<R: Rng>(
        &mut self,
        p: &ProvincePlan<'_>,
        pcode: &str,
        c: &chibo_storage::reference::AdminUnitRow,
        budget: u64,
        rng: &mut R,
        residential: &mut Vec<u32>,
    ) -> Result<(), SynthError> {
        let start = history_start();
        let reorg = reorganisation();
        let ward = c.unit_type == "phường";
        let zone = c.unit_type == "đặc khu";
        let code = format!("X{}", c.unit_code);
        let commune = lowercase_kind(&c.unit_name);
        self.emit(
            &code,
            UnitKind::CommuneCommittee,
            Some(&c.unit_code),
            &[(reorg, format!("Đảng bộ {commune}"))],
            &[seg(pcode, start, None)],
            reorg,
            None,
        )?;
        let commune_index = self.tree.communes.len() as u32;
        self.tree.communes.push(c.unit_code.clone());
        let area = self.tree.areas.len() as u32;
        let first_holder = self.tree.holders.len() as u32;
        self.tree.areas.push(Area {
            commune: Some(commune_index),
            holders: first_holder..first_holder,
        });

        let count = if zone {
            rng.random_range(1..=2)
        } else {
            match weighted(rng, &[("2", 30), ("3", 45), ("4", 25)]) {
                "2" => 2,
                "3" => 3,
                _ => 4,
            }
        };
        let mut olds = Vec::new();
        for j in 0..count {
            let label = if ward {
                weighted(rng, &[("phường", 6), ("thị trấn", 2), ("xã", 2)])
            } else if zone {
                "xã"
            } else {
                weighted(rng, &[("xã", 9), ("thị trấn", 1)])
            };
            olds.push((format!("{code}-C{}", j + 1), label, place(rng)));
        }
        let merged_2020 = (count >= 3 && rng.random_bool(0.3)).then_some(count - 1);
        for (j, (old, label, name)) in olds.iter().enumerate() {
            let end = if merged_2020 == Some(j) {
                merge_2020()
            } else {
                reorg
            };
            self.emit(
                old,
                UnitKind::CommuneCommittee,
                None,
                &[(start, format!("Đảng bộ {label} {name}"))],
                &[seg(pcode, start, None)],
                start,
                Some(end),
            )?;
        }
        // The commune police of the former communes merge into the new commune's on 2025-07-01.
        let police_code = format!("{code}-CA");
        let police_name = format!("Chi bộ Công an {commune}");
        self.emit(
            &police_code,
            UnitKind::GrassrootsCell,
            Some(&c.unit_code),
            &[(reorg, police_name)],
            &[seg(&code, reorg, None)],
            reorg,
            None,
        )?;
        let police = self.place(
            Holder {
                code: police_code,
                from: reorg,
                end: None,
                successor: None,
                group_of: None,
                groups: 0,
                area,
                profile: Profile::Police,
            },
            0,
        );
        let ctx = CommuneCtx {
            code: code.clone(),
            admin: c.unit_code.clone(),
            region: p.region,
            olds,
            merged_2020,
            police,
        };
        let shares: Vec<u64> = (0..count).map(|_| rng.random_range(70..=130)).collect();
        let budgets = apportion(budget, &shares, &vec![u64::MAX; count]);
        let mut org_no = 0usize;
        for (j, b) in budgets.into_iter().enumerate() {
            let drafts = self.former_commune(&ctx, j, b, &mut org_no, rng)?;
            self.place_drafts(drafts, &ctx.admin, area, Some(residential))?;
        }
        self.tree.areas[area as usize].holders = first_holder..self.tree.holders.len() as u32;
        Ok(())
    }

    /// The organisations of former commune `j`, drafted up to `budget` people.
    fn former_commune<R: Rng>(
        &mut self,
        ctx: &CommuneCtx,
        j: usize,
        budget: u64,
        org_no: &mut usize,
        rng: &mut R,
    ) -> Result<Vec<Draft>, SynthError> {
        let start = history_start();
        let reorg = reorganisation();
        let parents = ctx.parents(j);
        let (_, label, old_place) = &ctx.olds[j];
        let urban = *label != "xã";
        let mut next_code = || {
            *org_no += 1;
            format!("{}-G{:03}", ctx.code, *org_no)
        };
        let mut drafts: Vec<Draft> = Vec::new();
        let cell = |code: String, name: String, from: NaiveDate, profile, weight| Draft {
            code,
            kind: UnitKind::GrassrootsCell,
            names: vec![(from, name)],
            parents: parents.clone(),
            from,
            end: None,
            successor: None,
            profile,
            weight,
            groups: Vec::new(),
        };

        // Hamlets and urban blocks: most of the members.
        let mut used = 0u64;
        let mut n = 0;
        while used < budget * 62 / 100 || n < 2 {
            n += 1;
            let (word, name) = hamlet(ctx.region, urban, n, rng);
            // The first hamlet of every former commune has a cell from the start and keeps it.
            let from = if n == 1 || rng.random_bool(0.85) {
                start
            } else {
                random_day(rng, d(1976, 1, 1), d(2010, 12, 31))
            };
            let weight = size(rng, 6, 50);
            let mut draft = cell(
                next_code(),
                format!("Chi bộ {word} {name}"),
                from,
                Profile::Residential,
                weight,
            );
            if urban && rng.random_bool(0.3) {
                // A village that became an urban block when the town grew.
                let rural = if ctx.region == Region::South {
                    "ấp"
                } else {
                    "thôn"
                };
                let renamed = random_day(rng, d(1995, 1, 1), d(2020, 12, 31)).max(from);
                if renamed > from {
                    draft.names = vec![
                        (from, format!("Chi bộ {rural} {name}")),
                        (renamed, format!("Chi bộ {word} {name}")),
                    ];
                }
            }
            used += weight;
            drafts.push(draft);
        }
        // Hamlet mergers, most of them in the 2019-2020 wave.
        let hamlets = drafts.len();
        let mut target_of_merge = vec![false; hamlets];
        for i in 0..hamlets {
            if i == 0 || hamlets < 3 || target_of_merge[i] || !rng.random_bool(0.08) {
                continue;
            }
            let on = if rng.random_bool(0.6) {
                random_day(rng, d(2019, 1, 1), d(2020, 12, 31))
            } else {
                random_day(rng, d(1990, 1, 1), d(2024, 12, 31))
            };
            let target = (0..hamlets)
                .map(|k| (i + 1 + k) % hamlets)
                .find(|&k| k != i && drafts[k].permanent() && drafts[k].from < on);
            if let Some(k) = target
                && drafts[i].from < on
                && drafts[i].names.iter().all(|n| n.0 < on)
            {
                drafts[i].end = Some(on);
                drafts[i].successor = Some(Successor::Local(k));
                target_of_merge[k] = true;
            }
        }
        let permanent: Vec<usize> = (0..hamlets)
            .filter(|&k| drafts[k].permanent() && drafts[k].from == start)
            .collect();
        let mut successor = |rng: &mut R| {
            (!permanent.is_empty())
                .then(|| Successor::Local(permanent[rng.random_range(0..permanent.len())]))
        };

        // Schools, the health station, militia and police of the former commune.
        for school in ["Trường Mầm non", "Trường Tiểu học", "Trường THCS"] {
            if rng.random_bool(0.9) {
                let from = if rng.random_bool(0.7) {
                    start
                } else {
                    random_day(rng, d(1976, 1, 1), d(1995, 12, 31))
                };
                let w = size(rng, 4, 18);
                used += w;
                drafts.push(cell(
                    next_code(),
                    format!("Chi bộ {school} {old_place}"),
                    from,
                    Profile::School,
                    w,
                ));
            }
        }
        if rng.random_bool(0.8) {
            let from = random_day(rng, d(1978, 1, 1), d(1995, 12, 31));
            let w = size(rng, 3, 9);
            used += w;
            drafts.push(cell(
                next_code(),
                format!("Chi bộ Trạm Y tế {label} {old_place}"),
                from,
                Profile::Health,
                w,
            ));
        }
        if rng.random_bool(0.9) {
            let w = size(rng, 3, 7);
            used += w;
            drafts.push(cell(
                next_code(),
                format!("Chi bộ Quân sự {label} {old_place}"),
                start,
                Profile::Military,
                w,
            ));
        }
        {
            // Regular police took over commune police in 2019-2021.
            let from = random_day(rng, d(2019, 7, 1), d(2021, 6, 30));
            let w = size(rng, 5, 13);
            used += w;
            let mut police = cell(
                next_code(),
                format!("Chi bộ Công an {label} {old_place}"),
                from,
                Profile::Police,
                w,
            );
            police.end = Some(reorg);
            police.successor = Some(Successor::Placed(ctx.police));
            drafts.push(police);
        }
        if !urban && rng.random_bool(0.6) {
            let from = random_day(rng, d(1976, 1, 1), d(1985, 12, 31));
            let w = size(rng, 3, 10);
            used += w;
            let mut coop = cell(
                next_code(),
                format!("Chi bộ Hợp tác xã Nông nghiệp {old_place}"),
                from,
                Profile::Coop,
                w,
            );
            if rng.random_bool(0.35) {
                coop.end = Some(random_day(rng, d(1988, 1, 1), d(2010, 12, 31)));
                coop.successor = successor(rng);
                if coop.successor.is_none() {
                    coop.end = None;
                }
            }
            drafts.push(coop);
        }
        if rng.random_bool(0.03) {
            // A cell based on a farmers' club (hội quán), as in Đồng Tháp since 2017.
            let w = size(rng, 5, 9);
            used += w;
            drafts.push(cell(
                next_code(),
                format!("Chi bộ Hội quán \"{}\"", place(rng)),
                random_day(rng, d(2017, 1, 1), d(2023, 12, 31)),
                Profile::Residential,
                w,
            ));
        }
        // Firms, high schools and hospitals up to the budget.
        while used < budget {
            let left = budget - used;
            let founded = random_day(rng, d(1990, 1, 1), d(2020, 12, 31));
            let industry = pick(rng, orgs::INDUSTRIES);
            if left >= 60 && rng.random_bool(0.35) {
                let (name, profile, subs): (String, Profile, &[&str]) =
                    match rng.random_range(0..if urban { 3 } else { 2 }) {
                        0 => (
                            format!("Trường THPT {}", place(rng)),
                            Profile::School,
                            orgs::SCHOOL_CELLS,
                        ),
                        1 => (
                            format!("Công ty Cổ phần {industry} {}", place(rng)),
                            Profile::Firm,
                            orgs::FIRM_CELLS,
                        ),
                        _ => (
                            format!("Bệnh viện Đa khoa khu vực {}", place(rng)),
                            Profile::Health,
                            orgs::HEALTH_CELLS,
                        ),
                    };
                let from = if profile == Profile::Firm {
                    founded
                } else {
                    random_day(rng, start, d(2005, 12, 31))
                };
                let chunk = left.min(size(rng, 60, 240));
                let end = (profile == Profile::Firm && rng.random_bool(0.12))
                    .then(|| random_day(rng, from.max(d(2000, 1, 1)), d(2024, 12, 31)))
                    .filter(|&e| e > from);
                let code = next_code();
                let committee = self.committee(
                    &code,
                    &format!("Đảng bộ {name}"),
                    &ctx.admin,
                    &parents,
                    from,
                    end,
                    profile,
                    subs,
                    chunk,
                    rng,
                    &mut successor,
                )?;
                used += chunk;
                extend_with_committee(&mut drafts, committee);
            } else {
                let w = size(rng, 3, 14).min(left.max(3));
                used += w;
                let mut firm = cell(
                    next_code(),
                    format!("Chi bộ Công ty TNHH {industry} {}", place(rng)),
                    founded,
                    Profile::Firm,
                    w,
                );
                if rng.random_bool(0.15) {
                    let e = random_day(rng, founded.max(d(2005, 1, 1)), d(2024, 12, 31));
                    if e > founded {
                        firm.end = Some(e);
                        firm.successor = successor(rng);
                        if firm.successor.is_none() {
                            firm.end = None;
                        }
                    }
                }
                drafts.push(firm);
            }
        }
        add_groups(&mut drafts, rng);
        Ok(drafts)
    }

    /// Writes a grassroots committee and drafts its subordinate cells (`people` in all).
    #[allow(clippy::too_many_arguments)]
    fn committee<R: Rng>(
        &mut self,
        code: &str,
        name: &str,
        admin: &str,
        parents: &[Seg],
        from: NaiveDate,
        end: Option<NaiveDate>,
        profile: Profile,
        cell_names: &[&str],
        people: u64,
        rng: &mut R,
        successor: &mut dyn FnMut(&mut R) -> Option<Successor>,
    ) -> Result<Vec<Draft>, SynthError> {
        // A dissolved committee hands every cell's members on; without anywhere to go, it stays.
        let end = end.filter(|_| successor(rng).is_some());
        self.emit(
            code,
            UnitKind::GrassrootsCommittee,
            Some(admin),
            &[(from, name.to_owned())],
            parents,
            from,
            end,
        )?;
        let cells = (people / size(rng, 12, 24).max(1)).clamp(2, 60) as usize;
        let shares: Vec<u64> = (0..cells).map(|_| rng.random_range(50..=150)).collect();
        let weights = apportion(people, &shares, &vec![u64::MAX; cells]);
        let mut drafts: Vec<Draft> = Vec::new();
        for (m, w) in weights.into_iter().enumerate() {
            let cell_name = cell_names
                .get(m)
                .map_or_else(|| format!("Chi bộ số {}", m + 1), |n| format!("Chi bộ {n}"));
            let latest = end
                .and_then(|e| e.pred_opt())
                .unwrap_or(d(2022, 12, 31))
                .min(d(2022, 12, 31));
            let cell_from = if m < 2 {
                from
            } else {
                random_day(rng, from, latest).max(from)
            };
            drafts.push(Draft {
                code: format!("{code}-{}", m + 1),
                kind: UnitKind::Cell,
                names: vec![(cell_from, cell_name)],
                parents: vec![seg(code, from, end)],
                from: cell_from,
                end,
                successor: end.and_then(|_| successor(rng)),
                profile,
                weight: w.max(1),
                groups: Vec::new(),
            });
        }
        // Now and then two cells of a committee that lives on are merged.
        if end.is_none() && drafts.len() >= 3 && rng.random_bool(0.15) {
            let on = random_day(rng, d(2000, 1, 1), d(2024, 12, 31));
            let last = drafts.len() - 1;
            if drafts[last].from < on && drafts[0].from < on {
                drafts[last].end = Some(on);
                drafts[last].successor = Some(Successor::Sibling(0));
            }
        }
        Ok(drafts)
    }

    /// Places drafted holders (cells, then their groups) in the tree and writes their rows.
    /// `Local(i)` successors refer to `drafts[i]`.
    fn place_drafts(
        &mut self,
        drafts: Vec<Draft>,
        admin: &str,
        area: u32,
        mut residential: Option<&mut Vec<u32>>,
    ) -> Result<(), SynthError> {
        // Indices the drafts will take: each cell, then its groups.
        let mut index = Vec::with_capacity(drafts.len());
        let mut next = self.tree.holders.len() as u32;
        for dr in &drafts {
            index.push(next);
            next += 1 + dr.groups.len() as u32;
        }
        let resolve = |s: Option<Successor>, cell: u32, cell_successor: Option<u32>| match s {
            Some(Successor::Local(i)) => index.get(i).copied(),
            Some(Successor::Placed(h)) => Some(h),
            Some(Successor::OfCell) => cell_successor,
            Some(Successor::ToCell) => Some(cell),
            Some(Successor::Sibling(_)) | None => None,
        };
        for (i, dr) in drafts.iter().enumerate() {
            self.emit(
                &dr.code,
                dr.kind,
                Some(admin),
                &dr.names,
                &dr.parents,
                dr.from,
                dr.end,
            )?;
            let cell_successor = resolve(dr.successor, index[i], None);
            let me = self.place(
                Holder {
                    code: dr.code.clone(),
                    from: dr.from,
                    end: dr.end,
                    successor: cell_successor,
                    group_of: None,
                    groups: dr.groups.len() as u32,
                    area,
                    profile: dr.profile,
                },
                dr.weight,
            );
            if me != index[i] {
                return Err(SynthError::Fault(format!("placing {}", dr.code)));
            }
            if let Some(list) = residential.as_deref_mut()
                && dr.profile == Profile::Residential
                && dr.permanent()
                && dr.from == history_start()
            {
                list.push(me);
            }
            for g in &dr.groups {
                self.emit(
                    &g.code,
                    g.kind,
                    Some(admin),
                    &g.names,
                    &g.parents,
                    g.from,
                    g.end,
                )?;
                self.place(
                    Holder {
                        code: g.code.clone(),
                        from: g.from,
                        end: g.end,
                        successor: resolve(g.successor, me, cell_successor),
                        group_of: Some(me),
                        groups: 0,
                        area,
                        profile: g.profile,
                    },
                    0,
                );
            }
        }
        Ok(())
    }

    fn place(&mut self, h: Holder, weight: u64) -> u32 {
        let total = self.tree.cum.last().copied().unwrap_or(0) + weight;
        self.tree.holders.push(h);
        self.tree.cum.push(total);
        self.tree.holders.len() as u32 - 1
    }

    /// The province's agencies, armed forces and firms (`people` in all).
    fn agencies<R: Rng>(
        &mut self,
        pcode: &str,
        admin: &str,
        names: &ProvinceNames,
        people: u64,
        rng: &mut R,
        residential: &[u32],
    ) -> Result<(), SynthError> {
        let start = history_start();
        let blocs_end = bloc_end();
        let firms_bloc = d(2008, 1, 1);
        let q = &names.qualified;
        let committees: [(&str, String, NaiveDate, Option<NaiveDate>); 6] = [
            (
                "K1",
                format!("Đảng bộ Khối các cơ quan {q}"),
                start,
                Some(blocs_end),
            ),
            (
                "K2",
                format!("Đảng bộ Khối Doanh nghiệp {q}"),
                firms_bloc,
                Some(blocs_end),
            ),
            (
                "K3",
                format!("Đảng bộ Các cơ quan Đảng {q}"),
                blocs_end,
                None,
            ),
            (
                "K4",
                format!("Đảng bộ Ủy ban nhân dân {q}"),
                blocs_end,
                None,
            ),
            ("K5", format!("Đảng bộ Quân sự {q}"), start, None),
            ("K6", format!("Đảng bộ Công an {q}"), start, None),
        ];
        for (k, name, from, end) in &committees {
            self.emit(
                &format!("{pcode}-{k}"),
                UnitKind::AgencyCommittee,
                Some(admin),
                &[(*from, name.clone())],
                &[seg(pcode, start, None)],
                *from,
                *end,
            )?;
        }
        let k = |n: &str| format!("{pcode}-{n}");
        let party = vec![
            seg(&k("K1"), start, Some(blocs_end)),
            seg(&k("K3"), blocs_end, None),
        ];
        let state = vec![
            seg(&k("K1"), start, Some(blocs_end)),
            seg(&k("K4"), blocs_end, None),
        ];
        let firms = vec![
            seg(&k("K1"), start, Some(firms_bloc)),
            seg(&k("K2"), firms_bloc, Some(blocs_end)),
            seg(&k("K4"), blocs_end, None),
        ];
        let military = vec![seg(&k("K5"), start, None)];
        let police = vec![seg(&k("K6"), start, None)];
        let shares = apportion(people, &[10, 45, 20, 12, 13], &[u64::MAX; 5]);
        let mut org_no = 0usize;
        let mut successor = |rng: &mut R| {
            (!residential.is_empty())
                .then(|| Successor::Placed(residential[rng.random_range(0..residential.len())]))
        };

        // (names with their profile, parents, people)
        let party_orgs: OrgList = orgs::PARTY_AGENCIES
            .iter()
            .map(|t| {
                (
                    orgs::fill(t, names, "", 0),
                    Profile::Office,
                    orgs::OFFICE_CELLS,
                )
            })
            .collect();
        let state_kind = |k: StateKind| -> (Profile, &'static [&'static str]) {
            match k {
                StateKind::Office => (Profile::Office, orgs::OFFICE_CELLS),
                StateKind::Health => (Profile::Health, orgs::HEALTH_CELLS),
                StateKind::School => (Profile::School, orgs::SCHOOL_CELLS),
            }
        };
        let mut state_orgs: OrgList = orgs::STATE_AGENCIES
            .iter()
            .map(|(t, kind)| {
                let (p, c) = state_kind(*kind);
                (orgs::fill(t, names, "", 0), p, c)
            })
            .collect();
        while (state_orgs.len() as u64) < shares[1] / 150 {
            let (t, kind) = orgs::STATE_FILL[rng.random_range(0..orgs::STATE_FILL.len())];
            let (p, c) = state_kind(kind);
            state_orgs.push((orgs::fill(t, names, &place(rng), 0), p, c));
        }
        let mut firm_orgs: OrgList = orgs::PROVINCE_FIRMS
            .iter()
            .map(|t| (orgs::fill(t, names, "", 0), Profile::Firm, orgs::FIRM_CELLS))
            .collect();
        while (firm_orgs.len() as u64) < shares[2] / 150 {
            let name = format!(
                "Công ty Cổ phần {} {}",
                pick(rng, orgs::INDUSTRIES),
                place(rng)
            );
            firm_orgs.push((name, Profile::Firm, orgs::FIRM_CELLS));
        }
        let mut military_orgs: OrgList = Vec::new();
        let mut regiment = 1;
        for t in orgs::MILITARY {
            military_orgs.push((
                orgs::fill(t, names, "", 700 + regiment),
                Profile::Military,
                orgs::MILITARY_CELLS,
            ));
        }
        while (military_orgs.len() as u64) < shares[3] / 150 {
            regiment += 1;
            military_orgs.push((
                format!("Trung đoàn Bộ binh {}", 700 + regiment),
                Profile::Military,
                orgs::MILITARY_CELLS,
            ));
        }
        let mut police_orgs: OrgList = orgs::POLICE
            .iter()
            .map(|t| {
                (
                    orgs::fill(t, names, "", 0),
                    Profile::Police,
                    orgs::POLICE_CELLS,
                )
            })
            .collect();
        let mut team = 0;
        while (police_orgs.len() as u64) < shares[4] / 150 {
            team += 1;
            police_orgs.push((
                format!("Phòng Nghiệp vụ {team} Công an {q}"),
                Profile::Police,
                orgs::POLICE_CELLS,
            ));
        }

        let groups: [(OrgList, &Vec<Seg>, u64, bool); 5] = [
            (party_orgs, &party, shares[0], false),
            (state_orgs, &state, shares[1], false),
            (firm_orgs, &firms, shares[2], true),
            (military_orgs, &military, shares[3], false),
            (police_orgs, &police, shares[4], false),
        ];
        for (list, parents, budget, firm) in groups {
            let area = self.tree.areas.len() as u32;
            let first = self.tree.holders.len() as u32;
            self.tree.areas.push(Area {
                commune: None,
                holders: first..first,
            });
            // Small provinces have fewer organisations than the list.
            let count = (budget / 12).clamp(1, list.len() as u64) as usize;
            let weights: Vec<u64> = (0..count).map(|_| rng.random_range(50..=150)).collect();
            let budgets = apportion(budget, &weights, &vec![u64::MAX; count]);
            let mut drafts = Vec::new();
            for (i, ((name, profile, cells), b)) in list.into_iter().zip(budgets).enumerate() {
                org_no += 1;
                let code = format!("{pcode}-A{org_no:03}");
                let from = if firm && i >= orgs::PROVINCE_FIRMS.len() {
                    random_day(rng, d(1985, 1, 1), d(2015, 12, 31))
                } else if rng.random_bool(0.8) {
                    start
                } else {
                    random_day(rng, d(1976, 1, 1), d(2000, 12, 31))
                };
                let end = (firm && i >= orgs::PROVINCE_FIRMS.len() && rng.random_bool(0.2))
                    .then(|| random_day(rng, from.max(d(1995, 1, 1)), d(2024, 12, 31)))
                    .filter(|&e| e > from);
                if b < 30 {
                    let mut dr = Draft {
                        code,
                        kind: UnitKind::GrassrootsCell,
                        names: vec![(from, format!("Chi bộ {name}"))],
                        parents: parents.clone(),
                        from,
                        end: None,
                        successor: None,
                        profile,
                        weight: b.max(3),
                        groups: Vec::new(),
                    };
                    if let (Some(e), Some(s)) = (end, successor(rng)) {
                        dr.end = Some(e);
                        dr.successor = Some(s);
                    }
                    drafts.push(dr);
                } else {
                    let cells = self.committee(
                        &code,
                        &format!("Đảng bộ {name}"),
                        admin,
                        parents,
                        from,
                        end,
                        profile,
                        cells,
                        b,
                        rng,
                        &mut successor,
                    )?;
                    extend_with_committee(&mut drafts, cells);
                }
            }
            add_groups(&mut drafts, rng);
            self.place_drafts(drafts, admin, area, None)?;
            self.tree.areas[area as usize].holders = first..self.tree.holders.len() as u32;
        }
        Ok(())
    }
}

/// Appends a committee's cells, turning references between them into batch references.
fn extend_with_committee(drafts: &mut Vec<Draft>, cells: Vec<Draft>) {
    let base = drafts.len();
    drafts.extend(cells.into_iter().map(|mut c| {
        if let Some(Successor::Sibling(i)) = c.successor {
            c.successor = Some(Successor::Local(base + i));
        }
        c
    }));
}

/// Party groups in larger cells: two to four, formed between 1990 and 2020; a few dissolved
/// again, their members going back to the cell.
fn add_groups<R: Rng>(drafts: &mut [Draft], rng: &mut R) {
    for dr in drafts.iter_mut() {
        if dr.weight < 30 || !rng.random_bool(0.5) {
            continue;
        }
        let latest = dr
            .end
            .and_then(|e| e.pred_opt())
            .unwrap_or(d(2020, 12, 31))
            .min(d(2020, 12, 31));
        let earliest = dr.from.max(d(1990, 1, 1));
        if latest <= earliest {
            continue;
        }
        for t in 1..=rng.random_range(2..=4u32) {
            let from = random_day(rng, earliest, latest);
            let mut end = dr.end;
            let mut successor = dr.end.map(|_| Successor::OfCell);
            if rng.random_bool(0.1) {
                let until = dr.end.unwrap_or(d(2024, 12, 31)).min(d(2024, 12, 31));
                let on = random_day(rng, from, until);
                if on > from && dr.end.is_none_or(|e| on < e) {
                    end = Some(on);
                    successor = Some(Successor::ToCell);
                }
            }
            dr.groups.push(Draft {
                code: format!("{}-T{t}", dr.code),
                kind: UnitKind::PartyGroup,
                names: vec![(from, format!("Tổ đảng số {t}"))],
                parents: vec![seg(&dr.code, dr.from, dr.end)],
                from,
                end,
                successor,
                profile: dr.profile,
                weight: 0,
                groups: Vec::new(),
            });
        }
    }
}

/// The word and name of a hamlet or urban block: "thôn" "Tân Hiệp", "khu phố" "3".
fn hamlet<R: Rng>(region: Region, urban: bool, n: usize, rng: &mut R) -> (&'static str, String) {
    use Region as G;
    let numbered = rng.random_bool(0.4);
    let named = |rng: &mut R| if numbered { n.to_string() } else { place(rng) };
    if urban {
        let word = match region {
            G::NorthernUplands | G::NorthernDelta | G::NorthCentral => "tổ dân phố",
            _ => "khu phố",
        };
        return (word, named(rng));
    }
    match region {
        G::NorthernUplands => match rng.random_range(0..10) {
            0..=3 => ("bản", upland_place(rng)),
            4..=7 => ("thôn", named(rng)),
            _ => ("xóm", n.to_string()),
        },
        G::NorthernDelta => match rng.random_range(0..10) {
            0..=6 => ("thôn", named(rng)),
            _ => ("xóm", n.to_string()),
        },
        G::NorthCentral => match rng.random_range(0..10) {
            0..=4 => ("thôn", named(rng)),
            5..=7 => ("xóm", n.to_string()),
            _ => ("bản", upland_place(rng)),
        },
        G::CentralCoast => ("thôn", named(rng)),
        G::CentralHighlands => match rng.random_range(0..10) {
            0..=7 => ("thôn", named(rng)),
            _ => ("buôn", upland_place(rng)),
        },
        G::South => ("ấp", named(rng)),
    }
}
