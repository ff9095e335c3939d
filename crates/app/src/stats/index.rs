//! The compact in-memory statistics index: every membership period and every counted event
//! (a *flow*), grouped by the cell that holds them, with the member's particulars interned, and
//! the unit path spans for resolving the tree as it stood on any day. Built from the database
//! by bulk reads in windows of ids; kept fresh by applying the change log (`registry_change`):
//! changed members are reloaded, a changed tree is reloaded, "everything" rebuilds.

use std::collections::HashMap;

use chibo_domain::dates::completed_years;
use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::interchange::{age_band, party_age_band};
use chibo_domain::member::{HistoryEntry, MemberState, apply, effective_events};
use chibo_domain::org::UnitPath;
use chibo_domain::stats::{PeriodMeasure, UNDER_18, age_band_labels, attributed_after};
use chibo_storage::stats::{self as repo, StatsMember, StatsPeriod};
use chibo_storage::{Db, StorageError, Tx};
use chrono::NaiveDate;

use crate::AppError;

/// Days are counted from the registry's first day, so a day fits in 16 bits (to 2109).
pub(crate) type Day = u16;
/// `valid_to` of a span or period still open.
pub(crate) const OPEN: Day = Day::MAX;
/// A row no longer in force (its member was reloaded): never valid, never in a period.
const DEAD: Day = Day::MAX;

pub(crate) fn day(d: NaiveDate) -> Day {
    let n = (d - chibo_domain::dates::EARLIEST_DAY).num_days();
    // Nothing is recorded before the first day; clamping keeps every day a query can ask.
    n.clamp(0, i64::from(OPEN) - 1) as Day
}

fn day_to(d: Option<NaiveDate>) -> Day {
    d.map_or(OPEN, day)
}

pub(crate) mod flag {
    pub const FEMALE: u8 = 1;
    pub const OFFICIAL: u8 = 2;
    pub const IN_TRANSIT: u8 = 4;
    pub const EXEMPTED: u8 = 8;
    pub const WORKING_AWAY: u8 = 16;
}

/// A membership period (16 bytes); its cell is where it is stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Period {
    pub member: u32,
    /// Days since 0001-01-01, for age bands.
    pub birth: i32,
    pub from: Day,
    pub to: Day,
    pub admitted: Day,
    pub flags: u8,
}

/// A counted event (12 bytes), with its bands on its own date; its cell is where it is stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Flow {
    pub member: u32,
    pub date: Day,
    /// Index into `PERIOD_MEASURES`.
    pub measure: u8,
    pub flags: u8,
    pub age: u8,
    pub party: u8,
}

/// Rows grouped by cell (`rows[offsets[c]..offsets[c + 1]]`), plus rows added since the
/// grouping was built, each with its cell.
#[derive(Debug, Default)]
pub(crate) struct ByCell<T> {
    pub offsets: Vec<u32>,
    pub rows: Vec<T>,
    pub delta: Vec<(u32, T)>,
}

/// Rows read but not yet grouped, each with its cell, kept in two vectors so that grouping can
/// reorder the rows where they lie.
#[derive(Debug)]
pub(crate) struct Staged<T> {
    cells: Vec<u32>,
    rows: Vec<T>,
}

impl<T> Staged<T> {
    pub fn with_capacity(n: usize) -> Self {
        Self {
            cells: Vec::with_capacity(n),
            rows: Vec::with_capacity(n),
        }
    }

    pub fn push(&mut self, (cell, row): (u32, T)) {
        self.cells.push(cell);
        self.rows.push(row);
    }

    fn into_pairs(self) -> impl Iterator<Item = (u32, T)> {
        self.cells.into_iter().zip(self.rows)
    }
}

impl<T: Copy> ByCell<T> {
    fn build(staged: Vec<(u32, T)>, units: usize) -> Self {
        let (cells, rows) = staged.into_iter().unzip();
        Self::group(Staged { cells, rows }, units)
    }

    /// Groups the rows by cell, keeping the order of each cell's rows, with no second copy of
    /// them: a counting pass gives each row its place, then the rows are swapped into place
    /// (at the national size a copy would be 600 MB more at the peak, and the allocator keeps
    /// a shrunk buffer's pages).
    fn group(staged: Staged<T>, units: usize) -> Self {
        let Staged {
            cells: mut place,
            mut rows,
        } = staged;
        let mut offsets = vec![0u32; units + 1];
        for c in &place {
            offsets[*c as usize + 1] += 1;
        }
        for i in 0..units {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        for c in &mut place {
            let slot = &mut next[*c as usize];
            *c = *slot;
            *slot += 1;
        }
        // `place[i]` is where row i belongs; each swap puts one row in its final place.
        for i in 0..rows.len() {
            while place[i] as usize != i {
                let j = place[i] as usize;
                rows.swap(i, j);
                place.swap(i, j);
            }
        }
        drop(place);
        rows.shrink_to_fit();
        Self {
            offsets,
            rows,
            delta: Vec::new(),
        }
    }

    /// The grouped rows of cell `c`.
    pub fn of(&self, c: u32) -> &[T] {
        let c = c as usize;
        match (self.offsets.get(c), self.offsets.get(c + 1)) {
            (Some(a), Some(b)) => &self.rows[*a as usize..*b as usize],
            _ => &[],
        }
    }

    fn cells(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Every row with its cell, the grouped ones first.
    fn drain_all(&mut self, keep: impl Fn(&T) -> bool) -> Vec<(u32, T)> {
        let mut out = Vec::with_capacity(self.rows.len() + self.delta.len());
        for c in 0..self.cells() {
            out.extend(
                self.of(c as u32)
                    .iter()
                    .filter(|r| keep(r))
                    .map(|r| (c as u32, *r)),
            );
        }
        out.extend(self.delta.drain(..).filter(|(_, r)| keep(r)));
        self.rows = Vec::new();
        self.offsets = Vec::new();
        out
    }
}

/// Interned values of one free-text dimension; index 0 is "unknown" (empty).
#[derive(Debug)]
pub(crate) struct Dict {
    pub values: Vec<String>,
    index: HashMap<String, u16>,
}

impl Default for Dict {
    fn default() -> Self {
        Self {
            values: vec![String::new()],
            index: HashMap::new(),
        }
    }
}

impl Dict {
    fn intern(&mut self, v: Option<&str>) -> Result<u16, AppError> {
        let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) else {
            return Ok(0);
        };
        if let Some(i) = self.index.get(v) {
            return Ok(*i);
        }
        let i = u16::try_from(self.values.len())
            .map_err(|_| AppError::Internal("statistics: too many distinct values".into()))?;
        self.values.push(v.to_owned());
        self.index.insert(v.to_owned(), i);
        Ok(i)
    }
}

/// The free-text particulars of a member, interned.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Attrs {
    pub text: [u16; 5],
}

/// Which dictionary each free-text dimension uses.
pub(crate) const ETHNICITY: usize = 0;
pub(crate) const RELIGION: usize = 1;
pub(crate) const EDUCATION: usize = 2;
pub(crate) const PROFESSIONAL_LEVEL: usize = 3;
pub(crate) const POLITICAL_THEORY: usize = 4;

/// A unit's place for a period of constant ancestry: dense unit indexes, root first.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    pub from: Day,
    pub to: Day,
    pub path: Box<[u32]>,
}

/// The organisation tree: dense indexes, spans, party groups.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub ids: Vec<UnitId>,
    index: HashMap<UnitId, u32>,
    pub spans: Vec<Vec<Span>>,
    pub party_group: Vec<bool>,
}

impl Tree {
    pub fn dense(&self, u: UnitId) -> Option<u32> {
        self.index.get(&u).copied()
    }

    fn intern(&mut self, u: UnitId) -> u32 {
        if let Some(i) = self.index.get(&u) {
            return *i;
        }
        let i = self.ids.len() as u32;
        self.ids.push(u);
        self.index.insert(u, i);
        self.spans.push(Vec::new());
        self.party_group.push(false);
        i
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The span valid on `d`, or (`fallback`) the last one that started on or before it.
    pub fn span_on(&self, unit: u32, d: Day, fallback: bool) -> Option<&Span> {
        let spans = self.spans.get(unit as usize)?;
        spans.iter().find(|s| s.from <= d && d <= s.to).or_else(|| {
            fallback
                .then(|| spans.iter().rfind(|s| s.from <= d))
                .flatten()
        })
    }
}

/// Everything the index holds.
#[derive(Debug, Default)]
pub(crate) struct Data {
    /// The registry version the index reflects.
    pub version: i64,
    pub tree: Tree,
    /// Member ids by dense index (ascending, except members added out of order).
    member_ids: Vec<MemberId>,
    member_extra: HashMap<MemberId, u32>,
    pub attrs: Vec<Attrs>,
    pub dicts: [Dict; 5],
    pub periods: ByCell<Period>,
    pub flows: ByCell<Flow>,
}

const MEMBER_WINDOW: i64 = 20_000;
const UNIT_WINDOW: i64 = 20_000;

impl Data {
    fn member_index(&self, id: MemberId) -> Option<u32> {
        self.member_ids
            .binary_search(&id)
            .ok()
            .map(|i| i as u32)
            .or_else(|| self.member_extra.get(&id).copied())
    }

    fn intern_member(&mut self, id: MemberId) -> u32 {
        if let Some(i) = self.member_index(id) {
            return i;
        }
        let i = self.attrs.len() as u32;
        if self.member_ids.last().is_none_or(|last| *last < id) && self.member_extra.is_empty() {
            self.member_ids.push(id);
        } else {
            self.member_extra.insert(id, i);
        }
        self.attrs.push(Attrs::default());
        i
    }

    /// Reads the whole registry.
    pub async fn load(db: &Db) -> Result<Self, AppError> {
        let started = std::time::Instant::now();
        let mut data = Data::default();
        let mut tx = db.read().await?;
        data.version = repo::version(&mut tx).await?;
        let (max_member, _) = repo::max_ids(&mut tx).await?;
        let (period_count, event_count) = repo::row_counts(&mut tx).await?;
        tx.commit().await?;
        data.load_tree(db).await?;
        // Every period becomes a row; an event at most one flow (a few margin for writes
        // landing while the windows are read).
        let mut periods = Staged::with_capacity(period_count + period_count / 64);
        let mut flows = Staged::with_capacity(event_count + event_count / 64);
        let mut lo = 1;
        while lo <= max_member {
            let hi = lo.saturating_add(MEMBER_WINDOW - 1);
            let mut tx = db.read().await?;
            data.read_members(&mut tx, lo, hi, &mut periods, &mut flows)
                .await?;
            tx.commit().await?;
            lo = hi.saturating_add(1);
        }
        let units = data.tree.len();
        data.periods = ByCell::group(periods, units);
        data.flows = ByCell::group(flows, units);
        tracing::info!(
            members = data.attrs.len(),
            periods = data.periods.rows.len(),
            flows = data.flows.rows.len(),
            units,
            version = data.version,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "statistics index loaded"
        );
        Ok(data)
    }

    /// (Re)reads every unit's spans; dense indexes of known units stay as they are.
    async fn load_tree(&mut self, db: &Db) -> Result<(), AppError> {
        let mut tx = db.read().await?;
        let (_, max_unit) = repo::max_ids(&mut tx).await?;
        let groups = repo::party_groups(&mut tx).await?;
        tx.commit().await?;
        for spans in &mut self.tree.spans {
            spans.clear();
        }
        let mut lo = 1;
        while lo <= max_unit {
            let hi = lo.saturating_add(UNIT_WINDOW - 1);
            let mut tx = db.read().await?;
            let rows = repo::spans(&mut tx, lo, hi).await?;
            tx.commit().await?;
            for r in rows {
                let unit = self.tree.intern(UnitId(r.unit_id));
                let path = UnitPath::from_stored(&r.path)
                    .ok_or_else(|| StorageError::corrupt(format!("path {}", r.path)))?;
                let path: Box<[u32]> = path
                    .units()
                    .into_iter()
                    .map(|u| self.tree.intern(u))
                    .collect();
                self.tree.spans[unit as usize].push(Span {
                    from: day(r.valid_from),
                    to: day_to(r.valid_to),
                    path,
                });
            }
            lo = hi.saturating_add(1);
        }
        for g in groups {
            let i = self.tree.intern(g);
            self.tree.party_group[i as usize] = true;
        }
        Ok(())
    }

    /// Reads members `lo..=hi`: particulars, periods and history, turned into rows.
    async fn read_members(
        &mut self,
        tx: &mut Tx,
        lo: i64,
        hi: i64,
        periods: &mut Staged<Period>,
        flows: &mut Staged<Flow>,
    ) -> Result<(), AppError> {
        for record in repo::records(tx, lo, hi).await? {
            let m = &record.member;
            let member = self.intern_member(MemberId(m.id));
            self.attrs[member as usize] = self.attrs_of(m)?;
            let female = if m.sex == "F" { flag::FEMALE } else { 0 };
            for p in &record.periods {
                periods.push(self.period(p, member, days_ce(m.birth_date), female)?);
            }
            self.flows_of(&record.history, member, m.birth_date, female, flows)?;
        }
        Ok(())
    }

    fn attrs_of(&mut self, m: &StatsMember) -> Result<Attrs, AppError> {
        let mut text = [0u16; 5];
        let values = [
            &m.ethnicity,
            &m.religion,
            &m.education,
            &m.professional_level,
            &m.political_theory,
        ];
        for (i, v) in values.iter().enumerate() {
            text[i] = self.dicts[i].intern(v.as_deref())?;
        }
        Ok(Attrs { text })
    }

    fn period(
        &mut self,
        p: &StatsPeriod,
        member: u32,
        birth: i32,
        female: u8,
    ) -> Result<(u32, Period), AppError> {
        let cell = self.tree.intern(UnitId(p.cell_id));
        let mut flags = female;
        if p.standing == "official" {
            flags |= flag::OFFICIAL;
        } else if p.standing != "probationary" {
            return Err(StorageError::corrupt(format!("standing {}", p.standing)).into());
        }
        if p.in_transit {
            flags |= flag::IN_TRANSIT;
        }
        if p.exempted {
            flags |= flag::EXEMPTED;
        }
        if p.working_away {
            flags |= flag::WORKING_AWAY;
        }
        Ok((
            cell,
            Period {
                member,
                birth,
                from: day(p.valid_from),
                to: day_to(p.valid_to),
                admitted: day(p.admitted_on),
                flags,
            },
        ))
    }

    /// The counted events of one history, each attributed by the domain's own replay to the
    /// state after it (admitted, transfer_in, recognized) or before it (the others).
    fn flows_of(
        &mut self,
        history: &[HistoryEntry],
        member: u32,
        birth: NaiveDate,
        female: u8,
        out: &mut Staged<Flow>,
    ) -> Result<(), AppError> {
        let labels = age_band_labels();
        let mut state: Option<MemberState> = None;
        for (id, ev) in effective_events(history, None) {
            let after = apply(state.as_ref(), ev).map_err(|e| {
                AppError::Internal(format!("statistics: event {id:?} does not replay: {e}"))
            })?;
            if let Some(measure) = PeriodMeasure::of(ev.kind) {
                let s = if attributed_after(ev.kind) {
                    Some(&after)
                } else {
                    state.as_ref()
                };
                if let Some(s) = s {
                    let years = completed_years(birth, ev.on);
                    let age = age_band(years).unwrap_or(UNDER_18);
                    let party = party_age_band(completed_years(s.admitted_on, ev.on));
                    let mut flags = female;
                    if s.status.standing() == Some(chibo_domain::member::Standing::Official) {
                        flags |= flag::OFFICIAL;
                    }
                    if s.transit.is_some() {
                        flags |= flag::IN_TRANSIT;
                    }
                    let cell = self.tree.intern(s.cell);
                    out.push((
                        cell,
                        Flow {
                            member,
                            date: day(ev.on),
                            measure: measure.index() as u8,
                            flags,
                            age: labels.iter().position(|l| *l == age).unwrap_or(0) as u8,
                            party: chibo_domain::stats::party_age_band_labels()
                                .iter()
                                .position(|l| *l == party)
                                .unwrap_or(0) as u8,
                        },
                    ));
                }
            }
            state = Some(after);
        }
        Ok(())
    }

    /// Applies the changes after `self.version`; returns whether everything must be reloaded.
    pub async fn refresh(&mut self, db: &Db) -> Result<bool, AppError> {
        let mut tx = db.read().await?;
        let changes = repo::changes_since(&mut tx, self.version).await?;
        tx.commit().await?;
        if changes.everything {
            return Ok(true);
        }
        if changes.units {
            self.load_tree(db).await?;
        }
        if !changes.members.is_empty() {
            self.reload_members(db, &changes.members).await?;
        }
        self.version = changes.version;
        Ok(false)
    }

    async fn reload_members(&mut self, db: &Db, ids: &[MemberId]) -> Result<(), AppError> {
        let mut changed = vec![false; self.attrs.len()];
        for id in ids {
            if let Some(i) = self.member_index(*id) {
                changed[i as usize] = true;
            }
        }
        let gone = |m: u32| changed.get(m as usize).copied().unwrap_or(false);
        for p in &mut self.periods.rows {
            if gone(p.member) {
                p.from = DEAD;
                p.to = 0;
            }
        }
        self.periods.delta.retain(|(_, p)| !gone(p.member));
        for f in &mut self.flows.rows {
            if gone(f.member) {
                f.date = DEAD;
            }
        }
        self.flows.delta.retain(|(_, f)| !gone(f.member));
        let mut periods = Staged::with_capacity(0);
        let mut flows = Staged::with_capacity(0);
        let mut tx = db.read().await?;
        for id in ids {
            self.read_members(&mut tx, id.0, id.0, &mut periods, &mut flows)
                .await?;
        }
        tx.commit().await?;
        self.periods.delta.extend(periods.into_pairs());
        self.flows.delta.extend(flows.into_pairs());
        // Regroup once the additions are a noticeable share, so scans stay by cell.
        if self.periods.delta.len() > self.periods.rows.len() / 16 + 4_096 {
            let units = self.tree.len();
            let all = self.periods.drain_all(|p| p.from != DEAD);
            self.periods = ByCell::build(all, units);
            let all = self.flows.drain_all(|f| f.date != DEAD);
            self.flows = ByCell::build(all, units);
        }
        Ok(())
    }
}

/// Days since 0001-01-01 (birth dates may precede the registry's first day).
pub(crate) fn days_ce(d: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{ByCell, Staged};

    proptest! {
        /// Grouping in place gives what a stable sort by cell gives, with offsets that bound
        /// each cell's rows.
        #[test]
        fn grouping_in_place_is_a_stable_sort_by_cell(
            rows in proptest::collection::vec((0u32..40, any::<u16>()), 0..400),
        ) {
            let mut staged = Staged::with_capacity(rows.len());
            for (i, (cell, value)) in rows.iter().enumerate() {
                staged.push((*cell, (*value, i)));
            }
            let grouped = ByCell::group(staged, 40);
            let mut expected: Vec<(u32, (u16, usize))> = rows
                .iter()
                .enumerate()
                .map(|(i, (cell, value))| (*cell, (*value, i)))
                .collect();
            expected.sort_by_key(|(c, _)| *c);
            for c in 0..40u32 {
                let want: Vec<(u16, usize)> =
                    expected.iter().filter(|(x, _)| *x == c).map(|(_, r)| *r).collect();
                prop_assert_eq!(grouped.of(c), &want[..]);
            }
            prop_assert_eq!(grouped.rows.len(), rows.len());
        }
    }
}
