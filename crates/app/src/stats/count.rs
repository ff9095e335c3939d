//! Counting one query over the index: resolve the tree of each day to a row slot per unit,
//! then one pass over the periods of the cells in scope (as-of measures, per day) and one over
//! the flows (period measures, each placed by the tree of its own date).

use std::collections::HashMap;

use chibo_domain::dates::EARLIEST_DAY;
use chibo_domain::stats::{
    AS_OF_MEASURES, BandCutoffs, Dimension, PERIOD_MEASURES, StatsQuery, age_band_labels,
    party_age_band_labels,
};
use chrono::NaiveDate;

use super::index::{
    Data, Day, EDUCATION, ETHNICITY, POLITICAL_THEORY, PROFESSIONAL_LEVEL, RELIGION, Span, day,
    days_ce, flag,
};

const NONE: u32 = u32::MAX;
/// Up to this many combinations the counters are a plain array, beyond it a hash map.
const DENSE_LIMIT: u128 = 1 << 22;

/// Whose subtree is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Within {
    /// Every root.
    Everything,
    /// One unit (dense index).
    Unit(u32),
}

/// The units a breakdown by unit shows: the children of the scope, or the scope itself for
/// members held directly by it or by its party groups.
#[derive(Debug, Default)]
pub(crate) struct RowUnits {
    index: HashMap<u32, u32>,
    pub units: Vec<u32>,
}

impl RowUnits {
    fn slot(&mut self, unit: u32) -> u32 {
        let next = self.units.len() as u32;
        *self.index.entry(unit).or_insert_with(|| {
            self.units.push(unit);
            next
        })
    }
}

/// The counts of one query: for each combination of dimension values (indexes), the measure
/// values in column order.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    pub row_units: RowUnits,
    pub rows: Vec<(Vec<u32>, Vec<i64>)>,
}

struct Slots<'a> {
    data: &'a Data,
    within: Within,
    by_unit: bool,
}

impl Slots<'_> {
    fn of_path(&self, path: &[u32], rows: &mut RowUnits) -> u32 {
        match self.within {
            Within::Everything => match (self.by_unit, path.first()) {
                (_, None) => NONE,
                (true, Some(root)) => rows.slot(*root),
                (false, Some(_)) => 0,
            },
            Within::Unit(s) => {
                let Some(i) = path.iter().position(|u| *u == s) else {
                    return NONE;
                };
                if !self.by_unit {
                    return 0;
                }
                match path.get(i + 1) {
                    Some(c) if !self.data.tree.party_group[*c as usize] => rows.slot(*c),
                    _ => rows.slot(s),
                }
            }
        }
    }

    fn of_span(&self, span: Option<&Span>, rows: &mut RowUnits) -> u32 {
        span.map_or(NONE, |s| self.of_path(&s.path, rows))
    }

    /// Per unit: the slot of its place on `d` (members), and of its place on `d` or last place
    /// before (members in transit from it, interchange.md).
    fn on_day(&self, d: Day, rows: &mut RowUnits) -> (Vec<u32>, Vec<u32>) {
        let n = self.data.tree.len();
        let mut valid = vec![NONE; n];
        let mut latest = vec![NONE; n];
        for u in 0..n as u32 {
            valid[u as usize] = self.of_span(self.data.tree.span_on(u, d, false), rows);
            latest[u as usize] = self.of_span(self.data.tree.span_on(u, d, true), rows);
        }
        (valid, latest)
    }
}

/// Mixed-radix keys over the query's dimensions.
struct Keys {
    dims: Vec<Dimension>,
    cards: Vec<u128>,
    total: u128,
}

impl Keys {
    fn new(data: &Data, by: &[Dimension], units: usize) -> Self {
        let cards: Vec<u128> = by
            .iter()
            .map(|d| match d {
                Dimension::Unit => units.max(1),
                Dimension::Sex | Dimension::Status => 2,
                Dimension::AgeBand => age_band_labels().len(),
                Dimension::PartyAgeBand => party_age_band_labels().len(),
                Dimension::Ethnicity => data.dicts[ETHNICITY].values.len(),
                Dimension::Religion => data.dicts[RELIGION].values.len(),
                Dimension::Education => data.dicts[EDUCATION].values.len(),
                Dimension::ProfessionalLevel => data.dicts[PROFESSIONAL_LEVEL].values.len(),
                Dimension::PoliticalTheory => data.dicts[POLITICAL_THEORY].values.len(),
            } as u128)
            .collect();
        let total = cards.iter().product::<u128>().max(1);
        Self {
            dims: by.to_vec(),
            cards,
            total,
        }
    }

    #[inline]
    fn key(&self, value: impl Fn(Dimension) -> u32) -> u128 {
        let mut k = 0u128;
        for (d, c) in self.dims.iter().zip(&self.cards) {
            k = k * c + u128::from(value(*d));
        }
        k
    }

    fn decode(&self, mut k: u128) -> Vec<u32> {
        let mut out = vec![0u32; self.dims.len()];
        for i in (0..self.dims.len()).rev() {
            out[i] = (k % self.cards[i]) as u32;
            k /= self.cards[i];
        }
        out
    }
}

/// Counters per key: an array when the combinations are few, a hash map otherwise.
enum Acc<const N: usize> {
    Dense(Vec<[u32; N]>),
    Sparse(HashMap<u128, [u32; N]>),
}

impl<const N: usize> Acc<N> {
    fn new(keys: &Keys) -> Self {
        if keys.total <= DENSE_LIMIT {
            Self::Dense(vec![[0; N]; keys.total as usize])
        } else {
            Self::Sparse(HashMap::new())
        }
    }

    #[inline]
    fn at(&mut self, k: u128) -> &mut [u32; N] {
        match self {
            Self::Dense(v) => &mut v[k as usize],
            Self::Sparse(m) => m.entry(k).or_insert([0; N]),
        }
    }

    fn into_nonzero(self) -> HashMap<u128, [u32; N]> {
        match self {
            Self::Dense(v) => v
                .into_iter()
                .enumerate()
                .filter(|(_, c)| c.iter().any(|n| *n > 0))
                .map(|(k, c)| (k as u128, c))
                .collect(),
            Self::Sparse(m) => m,
        }
    }
}

/// Band cut-offs of one day in the index's units.
struct Bands {
    age: Vec<(i32, u32)>,
    age_first: u32,
    party: Vec<(i32, u32)>,
    party_first: u32,
}

impl Bands {
    fn on(d: NaiveDate) -> Self {
        let age = BandCutoffs::age(d);
        let party = BandCutoffs::party_age(d);
        Self {
            age: age
                .edges()
                .iter()
                .map(|(c, i)| (days_ce(*c), *i as u32))
                .collect(),
            age_first: age.first() as u32,
            party: party
                .edges()
                .iter()
                .map(|(c, i)| ((*c - EARLIEST_DAY).num_days() as i32, *i as u32))
                .collect(),
            party_first: party.first() as u32,
        }
    }

    #[inline]
    fn band(edges: &[(i32, u32)], first: u32, start: i32) -> u32 {
        let mut b = first;
        for (cutoff, i) in edges {
            if start > *cutoff {
                break;
            }
            b = *i;
        }
        b
    }
}

/// Counts the as-of measures of day `d` into `acc`.
fn as_of(
    data: &Data,
    keys: &Keys,
    slots: (&[u32], &[u32]),
    d: NaiveDate,
) -> HashMap<u128, [u32; 6]> {
    let mut acc = Acc::<6>::new(keys);
    let bands = Bands::on(d);
    let dd = day(d);
    let (valid, latest) = slots;
    let count = |cell: u32, p: &super::index::Period, acc: &mut Acc<6>| {
        if p.from > dd || dd > p.to {
            return;
        }
        let transit = p.flags & flag::IN_TRANSIT != 0;
        let slot = if transit {
            latest[cell as usize]
        } else {
            valid[cell as usize]
        };
        if slot == NONE {
            return;
        }
        let attrs = &data.attrs[p.member as usize];
        let k = keys.key(|dim| match dim {
            Dimension::Unit => slot,
            Dimension::Sex => u32::from(p.flags & flag::FEMALE != 0),
            Dimension::Status => u32::from(p.flags & flag::OFFICIAL == 0),
            Dimension::AgeBand => Bands::band(&bands.age, bands.age_first, p.birth),
            Dimension::PartyAgeBand => {
                Bands::band(&bands.party, bands.party_first, i32::from(p.admitted))
            }
            Dimension::Ethnicity => u32::from(attrs.text[ETHNICITY]),
            Dimension::Religion => u32::from(attrs.text[RELIGION]),
            Dimension::Education => u32::from(attrs.text[EDUCATION]),
            Dimension::ProfessionalLevel => u32::from(attrs.text[PROFESSIONAL_LEVEL]),
            Dimension::PoliticalTheory => u32::from(attrs.text[POLITICAL_THEORY]),
        });
        let c = acc.at(k);
        if transit {
            c[5] += 1;
        } else {
            c[0] += 1;
            c[if p.flags & flag::OFFICIAL != 0 { 1 } else { 2 }] += 1;
            c[3] += u32::from(p.flags & flag::EXEMPTED != 0);
            c[4] += u32::from(p.flags & flag::WORKING_AWAY != 0);
        }
    };
    for cell in 0..data.periods.offsets.len().saturating_sub(1) as u32 {
        if valid[cell as usize] == NONE && latest[cell as usize] == NONE {
            continue;
        }
        for p in data.periods.of(cell) {
            count(cell, p, &mut acc);
        }
    }
    for (cell, p) in &data.periods.delta {
        count(*cell, p, &mut acc);
    }
    acc.into_nonzero()
}

/// Counts the period measures of `[from, to]`: each flow placed by its cell's place on its
/// own date (the last place before it for a member who was in transit).
fn flows(
    data: &Data,
    keys: &Keys,
    span_slots: &[Vec<u32>],
    from: NaiveDate,
    to: NaiveDate,
) -> HashMap<u128, [u32; 9]> {
    let mut acc = Acc::<9>::new(keys);
    let (lo, hi) = (day(from), day(to));
    let count = |cell: u32, f: &super::index::Flow, acc: &mut Acc<9>| {
        if f.date < lo || f.date > hi {
            return;
        }
        let spans = &data.tree.spans[cell as usize];
        let transit = f.flags & flag::IN_TRANSIT != 0;
        let k = spans
            .iter()
            .position(|s| s.from <= f.date && f.date <= s.to)
            .or_else(|| {
                transit
                    .then(|| spans.iter().rposition(|s| s.from <= f.date))
                    .flatten()
            });
        let Some(slot) = k
            .map(|k| span_slots[cell as usize][k])
            .filter(|s| *s != NONE)
        else {
            return;
        };
        let attrs = &data.attrs[f.member as usize];
        let key = keys.key(|dim| match dim {
            Dimension::Unit => slot,
            Dimension::Sex => u32::from(f.flags & flag::FEMALE != 0),
            Dimension::Status => u32::from(f.flags & flag::OFFICIAL == 0),
            Dimension::AgeBand => u32::from(f.age),
            Dimension::PartyAgeBand => u32::from(f.party),
            Dimension::Ethnicity => u32::from(attrs.text[ETHNICITY]),
            Dimension::Religion => u32::from(attrs.text[RELIGION]),
            Dimension::Education => u32::from(attrs.text[EDUCATION]),
            Dimension::ProfessionalLevel => u32::from(attrs.text[PROFESSIONAL_LEVEL]),
            Dimension::PoliticalTheory => u32::from(attrs.text[POLITICAL_THEORY]),
        });
        acc.at(key)[f.measure as usize] += 1;
    };
    for cell in 0..data.flows.offsets.len().saturating_sub(1) as u32 {
        if span_slots[cell as usize].iter().all(|s| *s == NONE) {
            continue;
        }
        for f in data.flows.of(cell) {
            count(cell, f, &mut acc);
        }
    }
    for (cell, f) in &data.flows.delta {
        count(*cell, f, &mut acc);
    }
    acc.into_nonzero()
}

/// Counts `q` within `within`.
pub(crate) fn count(data: &Data, within: Within, q: &StatsQuery) -> Counts {
    let by_unit = q.by.contains(&Dimension::Unit);
    let slots = Slots {
        data,
        within,
        by_unit,
    };
    let mut rows = RowUnits::default();
    let main = slots.on_day(day(q.as_of), &mut rows);
    let compare = q.compare.map(|d| slots.on_day(day(d), &mut rows));
    let span_slots: Option<Vec<Vec<u32>>> = q.period.map(|_| {
        data.tree
            .spans
            .iter()
            .map(|spans| {
                spans
                    .iter()
                    .map(|s| slots.of_path(&s.path, &mut rows))
                    .collect()
            })
            .collect()
    });
    let keys = Keys::new(data, &q.by, rows.units.len());
    let now = as_of(data, &keys, (&main.0, &main.1), q.as_of);
    let then = match (q.compare, &compare) {
        (Some(d), Some(c)) => Some(as_of(data, &keys, (&c.0, &c.1), d)),
        _ => None,
    };
    let moved = match (q.period, &span_slots) {
        (Some((from, to)), Some(s)) => Some(flows(data, &keys, s, from, to)),
        _ => None,
    };
    let mut all: Vec<u128> = now.keys().copied().collect();
    all.extend(then.iter().flat_map(|m| m.keys().copied()));
    all.extend(moved.iter().flat_map(|m| m.keys().copied()));
    all.sort_unstable();
    all.dedup();
    let zero6 = [0u32; 6];
    let zero9 = [0u32; 9];
    let out = all
        .into_iter()
        .map(|k| {
            let a = now.get(&k).unwrap_or(&zero6);
            let mut values: Vec<i64> = a.iter().map(|n| i64::from(*n)).collect();
            if let Some(m) = &moved {
                values.extend(m.get(&k).unwrap_or(&zero9).iter().map(|n| i64::from(*n)));
            }
            if let Some(t) = &then {
                let b = t.get(&k).unwrap_or(&zero6);
                values.extend(b.iter().map(|n| i64::from(*n)));
                values.extend(a.iter().zip(b).map(|(x, y)| i64::from(*x) - i64::from(*y)));
            }
            (keys.decode(k), values)
        })
        .collect();
    debug_assert_eq!(AS_OF_MEASURES.len(), 6);
    debug_assert_eq!(PERIOD_MEASURES.len(), 9);
    Counts {
        row_units: rows,
        rows: out,
    }
}
