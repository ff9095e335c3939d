//! One person's history in the party, simulated forward from the admission to "today".
//!
//! Between scheduled events (the end of probation, an arrival, the end of a temporary
//! transfer, of working away or of an exemption, the day the member's cell ends) the
//! competing risks of the member's state and age are drawn once per stretch of at most a
//! year: death (a Gompertz curve), removal (far likelier while working away), expulsion and
//! resignation (official members only), official and temporary transfers, working away and
//! exemption (mostly for the old). Every event goes through the domain's transition function
//! `apply` before it is kept, and every unit it names is open on its date, so a history that
//! does not replay is a generator fault, never written.

use chibo_domain::ids::UnitId;
use chibo_domain::member::{EventKind, LifeEvent, MemberState, Standing, Status, apply};
use chrono::{Datelike, NaiveDate};
use rand::Rng;

use super::SynthError;
use super::tree::{Profile, Tree};
use crate::sample::days::{add_days, d, random_day};

/// One event of a generated history: `unit` indexes `Tree::holders`.
#[derive(Debug, Clone)]
pub struct Ev {
    pub kind: EventKind,
    pub on: NaiveDate,
    pub unit: Option<u32>,
    pub reason: Option<&'static str>,
}

/// Who lives the history.
#[derive(Debug, Clone, Copy)]
pub struct Person {
    pub female: bool,
    pub birth: NaiveDate,
    /// The cell the person is drawn to (where they are admitted, or move once it exists).
    pub home: u32,
    pub province: usize,
}

/// A finished history.
#[derive(Debug, Clone)]
pub struct Life {
    pub events: Vec<Ev>,
    pub state: MemberState,
    pub recognized: bool,
}

/// Which of the person's stories to tell: the usual simulation, or one of the scripted
/// openings that make sure every event kind occurs in every data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Simulated,
    /// Temporary transfer, working away, exemption and its end, transfer, then expulsion.
    EveryOverlay,
    /// Not recognised after probation, re-admitted four years later.
    NotRecognizedThenReadmitted,
    Removed,
    Resigned,
    Deceased,
}

pub const SCRIPTS: &[Script] = &[
    Script::EveryOverlay,
    Script::NotRecognizedThenReadmitted,
    Script::Removed,
    Script::Resigned,
    Script::Deceased,
];

/// Scheduled events, in the order they go first when due on the same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Due {
    Probation,
    Arrival,
    TempReturn,
    AwayEnd,
    ExemptionEnd,
    CellEnds,
    PlannedMove,
}

/// Risks the simulation draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Risk {
    Death,
    Removal,
    Expulsion,
    Resignation,
    Transfer,
    Temporary,
    WorkingAway,
    Exemption,
}

const REMOVAL_REASONS: &[(&str, bool)] = &[
    // (reason, whether it bars re-admission: MEM-07 bars abandoning activity)
    (
        "Bỏ sinh hoạt đảng 3 tháng trong năm không có lý do chính đáng",
        true,
    ),
    (
        "Không đóng đảng phí 3 tháng trong năm không có lý do chính đáng",
        false,
    ),
    (
        "Giảm sút ý chí phấn đấu, đã được chi bộ giúp đỡ 12 tháng nhưng không tiến bộ",
        false,
    ),
    ("Vi phạm tư cách đảng viên hai năm liền", false),
];
const AWAY_REMOVAL: &str = "Đi làm ăn xa, bỏ sinh hoạt đảng không có lý do chính đáng";
const EXPULSION_REASONS: &[&str] = &[
    "Vi phạm kỷ luật đảng nghiêm trọng",
    "Bị kết án về tội tham nhũng",
    "Vi phạm pháp luật, bị xử lý hình sự",
];
const RESIGNATION_REASONS: &[&str] = &[
    "Xin ra khỏi Đảng vì hoàn cảnh gia đình khó khăn",
    "Xin ra khỏi Đảng, định cư ở nước ngoài",
];
const TRANSFER_REASONS: &[&str] = &[
    "Chuyển công tác",
    "Thay đổi nơi cư trú",
    "Chuyển về nơi cư trú sau khi nghỉ hưu",
    "Theo gia đình, chuyển nơi ở",
];
const TEMPORARY_REASONS: &[&str] = &[
    "Đi học tập trung",
    "Biệt phái, tăng cường cơ sở",
    "Làm việc có thời hạn ở đơn vị khác",
];
const MERGE_REASON: &str = "Hợp nhất, giải thể tổ chức đảng";

fn years(birth: NaiveDate, on: NaiveDate) -> u32 {
    on.years_since(birth).unwrap_or(0)
}

/// Yearly risk of death in parts per million, by age; women's is 55% of men's.
fn mortality(age: u32, female: bool) -> u64 {
    // 50 per million at birth, growing 9.3% a year of age (Gompertz), as integers so every
    // platform draws the same histories.
    let mut q: u64 = 50_000;
    for _ in 0..age.min(120) {
        q = q * 1_093 / 1_000;
    }
    let q = (q / 1_000).min(700_000);
    if female { q * 55 / 100 } else { q }
}

struct Sim<'a, R: Rng> {
    tree: &'a Tree,
    rng: &'a mut R,
    today: NaiveDate,
    person: Person,
    state: Option<MemberState>,
    events: Vec<Ev>,
    recognized: bool,
    /// The end of probation and what happens then.
    probation: Option<(NaiveDate, EventKind)>,
    arrival: Option<(NaiveDate, u32)>,
    temp_return: Option<NaiveDate>,
    away_end: Option<NaiveDate>,
    exemption_end: Option<NaiveDate>,
    /// A move to the home cell once it exists, or to a residential cell on retiring.
    planned_move: Option<(NaiveDate, Option<u32>)>,
    /// Whether the last exit bars re-admission (MEM-07).
    barred: bool,
}

/// Lives a history for `person` from `admitted_on` to `today`.
pub fn live<R: Rng>(
    tree: &Tree,
    person: Person,
    admitted_on: NaiveDate,
    today: NaiveDate,
    script: Script,
    rng: &mut R,
) -> Result<Life, SynthError> {
    let mut sim = Sim {
        tree,
        rng,
        today,
        person,
        state: None,
        events: Vec::with_capacity(8),
        recognized: false,
        probation: None,
        arrival: None,
        temp_return: None,
        away_end: None,
        exemption_end: None,
        planned_move: None,
        barred: false,
    };
    let mut from = admitted_on;
    if script == Script::Simulated {
        sim.admit(person.home, admitted_on)?;
    } else {
        from = sim.script(script)?;
    }
    loop {
        sim.run(from)?;
        match sim.readmission() {
            Some(on) => {
                let last = sim.cell_now().unwrap_or(person.home);
                sim.admit(last, on)?;
                from = on;
            }
            None => break,
        }
    }
    let state = sim
        .state
        .ok_or_else(|| SynthError::Fault("a history without events".into()))?;
    Ok(Life {
        events: sim.events,
        state,
        recognized: sim.recognized,
    })
}

impl<R: Rng> Sim<'_, R> {
    fn push(
        &mut self,
        kind: EventKind,
        on: NaiveDate,
        unit: Option<u32>,
        reason: Option<&'static str>,
    ) -> Result<(), SynthError> {
        if let Some(u) = unit {
            let open = self
                .tree
                .holders
                .get(u as usize)
                .is_some_and(|h| h.open_on(on));
            if !open {
                return Err(SynthError::Fault(format!(
                    "{} on {on} names a unit closed that day",
                    kind.code()
                )));
            }
        }
        if on > self.today {
            return Err(SynthError::Fault(format!("{} after today", kind.code())));
        }
        let ev = LifeEvent {
            kind,
            on,
            unit: unit.map(|u| UnitId(i64::from(u))),
        };
        let next = apply(self.state.as_ref(), &ev)
            .map_err(|e| SynthError::Fault(format!("{} on {on}: {e}", kind.code())))?;
        if kind == EventKind::Recognized {
            self.recognized = true;
        }
        if kind.leaves_party() {
            self.clear_plans();
        }
        self.state = Some(next);
        self.events.push(Ev {
            kind,
            on,
            unit,
            reason,
        });
        Ok(())
    }

    fn clear_plans(&mut self) {
        self.probation = None;
        self.arrival = None;
        self.temp_return = None;
        self.away_end = None;
        self.exemption_end = None;
        self.planned_move = None;
    }

    fn age(&self, on: NaiveDate) -> u32 {
        years(self.person.birth, on)
    }

    /// The holder the member belongs to now (the cell left, while in transit).
    fn cell_now(&self) -> Option<u32> {
        self.state
            .as_ref()
            .and_then(|s| u32::try_from(s.cell.0).ok())
    }

    fn member(&self) -> Option<&MemberState> {
        self.state.as_ref().filter(|s| s.is_member())
    }

    /// A holder open on `on`, starting from `wanted`: itself, the unit that took over its
    /// members, or another of its area.
    fn open_holder(&mut self, wanted: u32, on: NaiveDate) -> Option<u32> {
        let mut h = wanted;
        for _ in 0..16 {
            let unit = &self.tree.holders[h as usize];
            if unit.open_on(on) {
                return Some(h);
            }
            match (unit.end, unit.successor) {
                (Some(e), Some(s)) if e <= on => h = s,
                _ => break,
            }
        }
        let area = self.tree.holders[wanted as usize].area;
        let range = self.tree.areas[area as usize].holders.clone();
        let province = self.tree.provinces[self.person.province].holders.clone();
        for range in [range, province] {
            for _ in 0..8 {
                if let Some(h) = self.tree.draw(&range, self.rng)
                    && self.tree.holders[h as usize].open_on(on)
                {
                    return Some(h);
                }
            }
            // Few of them open that day: the first open cell from a random point on.
            let len = range.end - range.start;
            if len == 0 {
                continue;
            }
            let offset = self.rng.random_range(0..len);
            let found = (0..len)
                .map(|i| range.start + (offset + i) % len)
                .find(|&h| {
                    let u = &self.tree.holders[h as usize];
                    u.group_of.is_none() && u.open_on(on) && self.tree.weight(&(h..h + 1)) > 0
                });
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// `cell` or, often when it has them, one of its party groups open through `from..=to`.
    fn maybe_group(&mut self, cell: u32, from: NaiveDate, to: NaiveDate) -> u32 {
        let n = self.tree.holders[cell as usize].groups;
        if n == 0 || !self.rng.random_bool(0.6) {
            return cell;
        }
        let g = cell + 1 + self.rng.random_range(0..n);
        if self.tree.holders[g as usize].open_through(from, to) {
            g
        } else {
            cell
        }
    }

    fn admit(&mut self, wanted: u32, on: NaiveDate) -> Result<(), SynthError> {
        let cell = self
            .open_holder(wanted, on)
            .ok_or_else(|| SynthError::Fault(format!("no cell open on {on}")))?;
        let unit = self.maybe_group(cell, on, on);
        self.push(EventKind::Admitted, on, Some(unit), None)?;
        // The home cell founded later: move there once it exists.
        let home = &self.tree.holders[wanted as usize];
        if home.from > on && cell != wanted {
            let move_on = add_days(home.from, self.rng.random_range(0..365));
            if home.open_on(move_on) {
                self.planned_move = Some((move_on, Some(wanted)));
            }
        }
        let ends = chibo_domain::dates::add_months(on, 12)
            .ok_or_else(|| SynthError::Fault("date".into()))?;
        let r = self.rng.random_range(0..1_000);
        self.probation = Some(if r < 10 {
            let late = add_days(ends, self.rng.random_range(0..45));
            (late, EventKind::NotRecognized)
        } else if r < 13 {
            let early = random_day(self.rng, add_days(on, 60), ends.pred_opt().unwrap_or(ends));
            (early, EventKind::Removed)
        } else {
            (ends, EventKind::Recognized)
        });
        // Staff of agencies, schools, firms and the forces retire to their residence cell.
        let retire_age = if self.person.female { 55 } else { 60 };
        let profile = self.tree.holders[cell as usize].profile;
        if profile != Profile::Residential
            && profile != Profile::Coop
            && self.rng.random_bool(0.7)
            && let Some(retire) = self.person.birth.checked_add_months(chrono::Months::new(
                (retire_age + self.rng.random_range(0..3)) * 12,
            ))
            && retire > on
            && self.planned_move.is_none()
        {
            self.planned_move = Some((retire, None));
        }
        Ok(())
    }

    /// The risks the member runs now, in parts per million a year.
    fn risks(&self, on: NaiveDate) -> [(Risk, u64); 8] {
        let mut out = [(Risk::Death, 0); 8];
        let Some(s) = self.member() else {
            return out;
        };
        let age = self.age(on);
        let female = self.person.female;
        let official = s.status == Status::Member(Standing::Official);
        let transit = s.transit.is_some();
        let temp = s.temp_host.is_some();
        let profile = self.cell_now().map_or(Profile::Residential, |c| {
            self.tree.holders[c as usize].profile
        });
        out[0] = (Risk::Death, mortality(age, female));
        let removal = if s.working_away {
            30_000
        } else if official {
            900
        } else {
            2_000
        };
        out[1] = (Risk::Removal, removal);
        if transit {
            return out;
        }
        if official {
            out[2] = (Risk::Expulsion, 400);
            out[3] = (Risk::Resignation, if age < 60 { 200 } else { 80 });
        }
        if !temp && !s.working_away {
            let base = match age {
                0..=29 => 42_000,
                30..=39 => 32_000,
                40..=49 => 20_000,
                50..=59 => 12_000,
                _ => 5_000,
            };
            let rate = if s.exempted {
                3_000
            } else if official {
                base
            } else {
                base / 3
            };
            out[4] = (Risk::Transfer, rate);
        }
        if official && !temp && !s.exempted && !s.working_away && age < 55 {
            out[5] = (Risk::Temporary, 5_000);
        }
        if official && !temp && !s.exempted && !s.working_away && age < 55 {
            let rate = match profile {
                Profile::Residential | Profile::Coop => 7_000,
                Profile::Firm => 3_000,
                Profile::Police | Profile::Military => 0,
                _ => 600,
            };
            out[6] = (Risk::WorkingAway, rate);
        }
        if official && !s.exempted && !s.working_away {
            let (a, b, c) = if female { (60, 65, 70) } else { (65, 70, 75) };
            let rate = if age >= c {
                220_000
            } else if age >= b {
                100_000
            } else if age >= a {
                30_000
            } else if age >= 55 {
                6_000
            } else {
                900
            };
            out[7] = (Risk::Exemption, rate);
        }
        out
    }

    /// Runs the history from `from` until the person leaves the party or today ends.
    fn run(&mut self, from: NaiveDate) -> Result<(), SynthError> {
        let mut t = from;
        let after_today = add_days(self.today, 1);
        while let Some(s) = self.member() {
            let in_transit = s.transit.is_some();
            let cell = self.cell_now();
            // The next scheduled event.
            let mut next: Option<(NaiveDate, Due)> = None;
            // A plan that fell due during a transit is carried out right after it.
            let mut consider = |day: Option<NaiveDate>, what: Due| {
                if let Some(day) = day.map(|day| day.max(t))
                    && next.is_none_or(|(n, _)| day < n)
                {
                    next = Some((day, what));
                }
            };
            consider(self.probation.map(|p| p.0), Due::Probation);
            consider(self.arrival.map(|a| a.0), Due::Arrival);
            consider(self.temp_return, Due::TempReturn);
            consider(self.away_end, Due::AwayEnd);
            consider(self.exemption_end, Due::ExemptionEnd);
            if !in_transit {
                let cell_end = cell.and_then(|c| self.tree.holders[c as usize].end);
                consider(cell_end, Due::CellEnds);
                consider(self.planned_move.map(|m| m.0), Due::PlannedMove);
            }
            let horizon = add_days(t, 365)
                .min(next.map_or(after_today, |n| n.0))
                .min(after_today);
            let days = (horizon - t).num_days().max(0) as u64;
            if days > 0 {
                let risks = self.risks(t);
                let total: u64 = risks.iter().map(|r| r.1).sum::<u64>() * days;
                let draw = self.rng.random_range(0..1_000_000u64 * 365);
                if draw < total {
                    let mut left = draw / days;
                    let risk = risks
                        .iter()
                        .find(|r| {
                            if left < r.1 {
                                true
                            } else {
                                left -= r.1;
                                false
                            }
                        })
                        .map_or(Risk::Death, |r| r.0);
                    let on = add_days(t, self.rng.random_range(0..days));
                    self.risk(risk, on)?;
                    t = on;
                    continue;
                }
            }
            if horizon >= after_today {
                break;
            }
            match next {
                Some((day, what)) if day == horizon => {
                    self.scheduled(what, day)?;
                    t = day;
                }
                _ => t = horizon,
            }
        }
        Ok(())
    }

    fn scheduled(&mut self, what: Due, on: NaiveDate) -> Result<(), SynthError> {
        match what {
            Due::Probation => {
                if let Some((_, kind)) = self.probation.take() {
                    let reason = (kind == EventKind::Removed).then_some(REMOVAL_REASONS[2].0);
                    self.push(kind, on, None, reason)?;
                    self.barred = false;
                }
            }
            Due::Arrival => {
                if let Some((_, unit)) = self.arrival.take() {
                    self.push(EventKind::TransferIn, on, Some(unit), None)?;
                }
            }
            Due::TempReturn => {
                self.temp_return = None;
                self.push(EventKind::TempReturn, on, None, None)?;
            }
            Due::AwayEnd => {
                self.away_end = None;
                self.push(EventKind::WorkingAwayEnd, on, None, None)?;
            }
            Due::ExemptionEnd => {
                self.exemption_end = None;
                self.push(EventKind::ExemptionEnded, on, None, None)?;
            }
            Due::CellEnds => self.follow_merge(on)?,
            Due::PlannedMove => {
                if let Some((_, target)) = self.planned_move.take() {
                    self.planned_transfer(on, target)?;
                }
            }
        }
        Ok(())
    }

    /// The member's cell ends today: they move to the unit that takes its members over.
    fn follow_merge(&mut self, on: NaiveDate) -> Result<(), SynthError> {
        let cell = self
            .cell_now()
            .ok_or_else(|| SynthError::Fault("merge without a cell".into()))?;
        let successor = self.tree.holders[cell as usize].successor.ok_or_else(|| {
            SynthError::Fault(format!(
                "{} ends without a successor",
                self.tree.holders[cell as usize].code
            ))
        })?;
        // An official transfer ends a temporary one.
        self.temp_return = None;
        self.push(
            EventKind::TransferOut,
            on,
            Some(successor),
            Some(MERGE_REASON),
        )?;
        self.push(
            EventKind::TransferIn,
            on,
            Some(successor),
            Some(MERGE_REASON),
        )?;
        Ok(())
    }

    /// A transfer to `target`, or on retiring to a residential cell of the province.
    fn planned_transfer(&mut self, on: NaiveDate, target: Option<u32>) -> Result<(), SynthError> {
        let Some(s) = self.member() else {
            return Ok(());
        };
        if s.transit.is_some() || s.temp_host.is_some() {
            return Ok(());
        }
        let current = self
            .cell_now()
            .map(|c| self.tree.holders[c as usize].cell(c));
        let arrive = self.arrival_day(on);
        let dest = match target {
            Some(t) => Some(t),
            None => {
                if self.tree.holders[current.unwrap_or(0) as usize].profile == Profile::Residential
                {
                    return Ok(());
                }
                let province = self.tree.provinces[self.person.province].holders.clone();
                (0..16)
                    .filter_map(|_| self.tree.draw(&province, self.rng))
                    .find(|&h| self.tree.holders[h as usize].profile == Profile::Residential)
            }
        };
        let Some(dest) = dest else {
            return Ok(());
        };
        if Some(dest) == current || !self.tree.holders[dest as usize].open_through(on, arrive) {
            return Ok(());
        }
        let reason = if target.is_none() {
            TRANSFER_REASONS[2]
        } else {
            TRANSFER_REASONS[0]
        };
        self.transfer_to(on, arrive, dest, reason)
    }

    fn arrival_day(&mut self, on: NaiveDate) -> NaiveDate {
        let r = self.rng.random_range(0..100);
        let days = if r < 80 {
            self.rng.random_range(3..=30)
        } else if r < 97 {
            self.rng.random_range(31..=90)
        } else {
            self.rng.random_range(91..=300)
        };
        add_days(on, days)
    }

    fn transfer_to(
        &mut self,
        on: NaiveDate,
        arrive: NaiveDate,
        cell: u32,
        reason: &'static str,
    ) -> Result<(), SynthError> {
        let unit = self.maybe_group(cell, on, arrive);
        self.temp_return = None;
        self.push(EventKind::TransferOut, on, Some(unit), Some(reason))?;
        if arrive <= self.today {
            self.arrival = Some((arrive, unit));
        }
        Ok(())
    }

    /// A cell open through `from..=to`, other than the member's: of the same commune or
    /// agency most often, else of the province, else anywhere.
    fn destination(&mut self, from: NaiveDate, to: NaiveDate) -> Option<u32> {
        let current = self.cell_now()?;
        let current_cell = self.tree.holders[current as usize].cell(current);
        let area = self.tree.holders[current as usize].area as usize;
        for _ in 0..8 {
            let r = self.rng.random_range(0..100);
            let range = if r < 55 {
                self.tree.areas[area].holders.clone()
            } else if r < 90 {
                self.tree.provinces[self.person.province].holders.clone()
            } else {
                let p = self.rng.random_range(0..self.tree.provinces.len());
                self.tree.provinces[p].holders.clone()
            };
            if let Some(h) = self.tree.draw(&range, self.rng)
                && h != current_cell
                && self.tree.holders[h as usize].open_through(from, to)
            {
                return Some(h);
            }
        }
        None
    }

    fn risk(&mut self, risk: Risk, on: NaiveDate) -> Result<(), SynthError> {
        match risk {
            Risk::Death => self.push(EventKind::Deceased, on, None, None),
            Risk::Removal => {
                let away = self.member().is_some_and(|s| s.working_away);
                let (reason, barred) = if away {
                    (AWAY_REMOVAL, true)
                } else {
                    REMOVAL_REASONS[self.rng.random_range(0..REMOVAL_REASONS.len())]
                };
                self.push(EventKind::Removed, on, None, Some(reason))?;
                self.barred = barred;
                Ok(())
            }
            Risk::Expulsion => {
                let reason = EXPULSION_REASONS[self.rng.random_range(0..EXPULSION_REASONS.len())];
                self.barred = true;
                self.push(EventKind::Expelled, on, None, Some(reason))
            }
            Risk::Resignation => {
                let reason =
                    RESIGNATION_REASONS[self.rng.random_range(0..RESIGNATION_REASONS.len())];
                self.barred = true;
                self.push(EventKind::Resigned, on, None, Some(reason))
            }
            Risk::Transfer => {
                let arrive = self.arrival_day(on);
                match self.destination(on, arrive) {
                    Some(dest) => {
                        let reason =
                            TRANSFER_REASONS[self.rng.random_range(0..TRANSFER_REASONS.len())];
                        self.transfer_to(on, arrive, dest, reason)
                    }
                    None => Ok(()),
                }
            }
            Risk::Temporary => {
                let back = on
                    .checked_add_months(chrono::Months::new(self.rng.random_range(3..=24)))
                    .unwrap_or(on);
                match self.destination(on, back) {
                    Some(host) => {
                        let reason =
                            TEMPORARY_REASONS[self.rng.random_range(0..TEMPORARY_REASONS.len())];
                        self.push(EventKind::TempOut, on, Some(host), Some(reason))?;
                        if back <= self.today {
                            self.temp_return = Some(back);
                        }
                        Ok(())
                    }
                    None => Ok(()),
                }
            }
            Risk::WorkingAway => {
                self.push(EventKind::WorkingAwayStart, on, None, Some("Đi làm ăn xa"))?;
                if self.rng.random_bool(0.8) {
                    let back = on
                        .checked_add_months(chrono::Months::new(self.rng.random_range(6..=48)))
                        .unwrap_or(on);
                    if back <= self.today {
                        self.away_end = Some(back);
                    }
                }
                Ok(())
            }
            Risk::Exemption => {
                let age = self.age(on);
                let health = age < 60;
                let reason = if health {
                    "Sức khỏe yếu, điều trị dài ngày"
                } else {
                    "Tuổi cao"
                };
                self.push(EventKind::Exempted, on, None, Some(reason))?;
                let ends = if health {
                    self.rng.random_bool(0.8)
                } else {
                    self.rng.random_bool(0.03)
                };
                if ends {
                    let back = on
                        .checked_add_months(chrono::Months::new(self.rng.random_range(6..=30)))
                        .unwrap_or(on);
                    if back <= self.today {
                        self.exemption_end = Some(back);
                    }
                }
                Ok(())
            }
        }
    }

    /// After a removal or non-recognition, a few come back after 36 months or more (MEM-07).
    fn readmission(&mut self) -> Option<NaiveDate> {
        let s = self.state.as_ref()?;
        let left = s.left_on?;
        let eligible = matches!(
            s.status,
            Status::Left(chibo_domain::member::ExitKind::Removed)
                | Status::Left(chibo_domain::member::ExitKind::NotRecognized)
        ) && !self.barred;
        if !eligible || !self.rng.random_bool(0.12) {
            return None;
        }
        let on = left.checked_add_months(chrono::Months::new(self.rng.random_range(36..=120)))?;
        (on < self.today && self.age(on) <= 60).then_some(on)
    }

    /// Runs a scripted opening and returns the day the simulation takes over from.
    fn script(&mut self, script: Script) -> Result<NaiveDate, SynthError> {
        let home = self.person.home;
        let born = self.person.birth;
        let year = move |y: i32| d(y, born.month(), born.day().min(28));
        match script {
            Script::Simulated => Err(SynthError::Fault("no script to run".into())),
            Script::EveryOverlay => {
                let admitted = year(1990);
                self.admit_now(home, admitted)?;
                self.until(d(2000, 2, 1))?;
                let host = self.destination(d(2000, 2, 1), d(2000, 12, 1));
                if let Some(host) = host {
                    self.push(
                        EventKind::TempOut,
                        d(2000, 2, 1),
                        Some(host),
                        Some(TEMPORARY_REASONS[0]),
                    )?;
                    self.until(d(2000, 12, 1))?;
                    if self.member().is_some_and(|s| s.temp_host.is_some()) {
                        self.push(EventKind::TempReturn, d(2000, 12, 1), None, None)?;
                    }
                }
                self.until(d(2005, 5, 1))?;
                self.push(
                    EventKind::WorkingAwayStart,
                    d(2005, 5, 1),
                    None,
                    Some("Đi làm ăn xa"),
                )?;
                self.until(d(2007, 5, 1))?;
                self.push(EventKind::WorkingAwayEnd, d(2007, 5, 1), None, None)?;
                self.until(d(2010, 6, 1))?;
                if let Some(dest) = self.destination(d(2010, 6, 1), d(2010, 6, 20)) {
                    self.push(
                        EventKind::TransferOut,
                        d(2010, 6, 1),
                        Some(dest),
                        Some(TRANSFER_REASONS[0]),
                    )?;
                    self.push(EventKind::TransferIn, d(2010, 6, 20), Some(dest), None)?;
                }
                self.until(d(2012, 1, 10))?;
                self.push(
                    EventKind::Exempted,
                    d(2012, 1, 10),
                    None,
                    Some("Sức khỏe yếu, điều trị dài ngày"),
                )?;
                self.until(d(2013, 1, 10))?;
                self.push(EventKind::ExemptionEnded, d(2013, 1, 10), None, None)?;
                self.until(d(2015, 9, 10))?;
                self.push(
                    EventKind::Expelled,
                    d(2015, 9, 10),
                    None,
                    Some(EXPULSION_REASONS[0]),
                )?;
                self.barred = true;
                Ok(d(2015, 9, 10))
            }
            Script::NotRecognizedThenReadmitted => {
                let admitted = year(2001);
                self.admit_now(home, admitted)?;
                let ends = chibo_domain::dates::add_months(admitted, 12).unwrap_or(admitted);
                self.until(ends)?;
                self.probation = None;
                self.push(EventKind::NotRecognized, add_days(ends, 10), None, None)?;
                let back = year(2006);
                self.admit_now(home, back)?;
                self.probation =
                    chibo_domain::dates::add_months(back, 12).map(|e| (e, EventKind::Recognized));
                Ok(back)
            }
            Script::Removed | Script::Resigned | Script::Deceased => {
                let (admitted, left, kind, reason) = match script {
                    Script::Removed => (
                        year(1995),
                        d(2003, 4, 2),
                        EventKind::Removed,
                        Some(REMOVAL_REASONS[1].0),
                    ),
                    Script::Resigned => (
                        year(1985),
                        d(1999, 8, 16),
                        EventKind::Resigned,
                        Some(RESIGNATION_REASONS[0]),
                    ),
                    _ => (year(1976), d(2010, 12, 3), EventKind::Deceased, None),
                };
                self.admit_now(home, admitted)?;
                self.until(left)?;
                self.push(kind, left, None, reason)?;
                self.barred = true;
                Ok(left)
            }
        }
    }

    /// Admits and recognises on time, without further plans.
    fn admit_now(&mut self, home: u32, on: NaiveDate) -> Result<(), SynthError> {
        let cell = self
            .open_holder(home, on)
            .ok_or_else(|| SynthError::Fault(format!("no cell open on {on}")))?;
        self.push(EventKind::Admitted, on, Some(cell), None)?;
        self.probation =
            chibo_domain::dates::add_months(on, 12).map(|e| (e, EventKind::Recognized));
        Ok(())
    }

    /// Carries out what is scheduled (recognition, merges) before `day`, drawing no risks.
    fn until(&mut self, day: NaiveDate) -> Result<(), SynthError> {
        loop {
            let Some(s) = self.member() else {
                return Ok(());
            };
            let in_transit = s.transit.is_some();
            let cell_end = self
                .cell_now()
                .and_then(|c| self.tree.holders[c as usize].end)
                .filter(|_| !in_transit);
            let probation = self.probation.map(|p| p.0);
            let next = [
                probation.map(|p| (p, Due::Probation)),
                cell_end.map(|e| (e, Due::CellEnds)),
            ]
            .into_iter()
            .flatten()
            .filter(|(on, _)| *on < day)
            .min_by_key(|(on, _)| *on);
            match next {
                Some((on, what)) => self.scheduled(what, on)?,
                None => return Ok(()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mortality_grows_with_age_and_is_lower_for_women() {
        assert!(mortality(30, false) < 1_000);
        let seventy = mortality(70, false);
        assert!((20_000..35_000).contains(&seventy), "{seventy}");
        assert!(mortality(90, false) > 100_000);
        assert!(mortality(70, true) < seventy);
    }
}
