//! An independent, naive oracle for statistics: interchange records in memory, each member
//! replayed with `state_on` for the day, the tree resolved from unit versions valid on the day.
//! Slow and obviously correct; the engine is held to it.

use std::collections::{BTreeMap, HashMap};

use chibo_app::demo::DemoData;
use chibo_domain::dates::completed_years;
use chibo_domain::ids::{EventId, UnitId};
use chibo_domain::interchange::{EventRecord, MemberRecord, UnitRecord, age_band, party_age_band};
use chibo_domain::member::{
    EntryBody, EventKind, HistoryEntry, LifeEvent, MemberState, Standing, replay, state_on,
};
use chrono::{NaiveDate, Utc};

/// The three interchange files of a data set.
pub struct Records {
    pub units: Vec<UnitRecord>,
    pub members: Vec<MemberRecord>,
    pub events: Vec<EventRecord>,
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The demo data set as interchange records.
pub fn records(data: &DemoData) -> Records {
    let mut units = Vec::new();
    for u in &data.units {
        for v in &u.versions {
            units.push(UnitRecord {
                code: u.code.clone(),
                parent_code: v.parent.clone(),
                name: v.name.clone(),
                kind: v.kind.code().to_owned(),
                admin_unit_code: v.admin_unit_code.clone(),
                valid_from: iso(v.valid_from),
                valid_to: v.valid_to.map(iso),
            });
        }
    }
    let mut members = Vec::new();
    let mut events = Vec::new();
    for m in &data.members {
        members.push(MemberRecord {
            member_key: m.key.clone(),
            full_name: m.full_name.clone(),
            sex: if m.female { "F" } else { "M" }.into(),
            birth_date: iso(m.birth_date),
            ethnicity: Some(m.ethnicity.clone()),
            religion: m.religion.clone(),
            education: Some(m.education.clone()),
            professional_level: m.professional_level.map(str::to_owned),
            political_theory: m.political_theory.map(str::to_owned),
            ..MemberRecord::default()
        });
        for e in &m.events {
            events.push(EventRecord {
                member_key: m.key.clone(),
                date: iso(e.on),
                kind: e.kind.code().to_owned(),
                unit_code: e.unit.clone(),
                ..EventRecord::default()
            });
        }
    }
    Records {
        units,
        members,
        events,
    }
}

/// The question, in interchange terms.
pub struct Ask<'a> {
    pub as_of: NaiveDate,
    pub unit: Option<&'a str>,
    pub by: &'a [&'a str],
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub compare: Option<NaiveDate>,
}

const AS_OF: [&str; 6] = [
    "members",
    "official",
    "probationary",
    "exempted",
    "working_away",
    "in_transit",
];
const FLOWS: [(&str, &str); 9] = [
    ("admitted", "admitted"),
    ("recognized", "recognized"),
    ("transfer_in", "transferred_in"),
    ("transfer_out", "transferred_out"),
    ("removed", "removed"),
    ("expelled", "expelled"),
    ("resigned", "resigned"),
    ("deceased", "deceased"),
    ("not_recognized", "not_recognized"),
];

struct World<'a> {
    r: &'a Records,
    codes: Vec<&'a str>,
    histories: Vec<(&'a MemberRecord, Vec<HistoryEntry>)>,
}

impl<'a> World<'a> {
    fn new(r: &'a Records) -> Self {
        let mut codes: Vec<&str> = r.units.iter().map(|u| u.code.as_str()).collect();
        codes.dedup();
        let mut by_key: HashMap<&str, Vec<HistoryEntry>> = HashMap::new();
        for (i, e) in r.events.iter().enumerate() {
            let unit = e
                .unit_code
                .as_deref()
                .map(|c| UnitId(codes.iter().position(|x| *x == c).unwrap() as i64));
            let list = by_key.entry(&e.member_key).or_default();
            list.push(HistoryEntry {
                id: EventId(i as i64),
                seq: i as i64,
                recorded_at: Utc::now(),
                body: EntryBody::Life(LifeEvent {
                    kind: EventKind::parse(&e.kind).unwrap(),
                    on: date(&e.date),
                    unit,
                }),
            });
        }
        let histories = r
            .members
            .iter()
            .map(|m| (m, by_key.remove(m.member_key.as_str()).unwrap_or_default()))
            .collect();
        Self {
            r,
            codes,
            histories,
        }
    }

    fn code(&self, u: UnitId) -> &'a str {
        self.codes[u.0 as usize]
    }

    fn version_on(&self, code: &str, d: NaiveDate) -> Option<&'a UnitRecord> {
        self.r.units.iter().find(|v| {
            v.code == code
                && date(&v.valid_from) <= d
                && v.valid_to.as_deref().is_none_or(|t| d <= date(t))
        })
    }

    /// Codes from the root down to `code`, as the tree stood on `d`.
    fn path_on(&self, code: &str, d: NaiveDate) -> Option<Vec<&'a str>> {
        let v = self.version_on(code, d)?;
        let mut path = match &v.parent_code {
            Some(p) => self.path_on(p, d)?,
            None => Vec::new(),
        };
        path.push(v.code.as_str());
        Some(path)
    }

    /// As `path_on`, or for someone in transit, the cell's place on the last day of its
    /// last version before `d`.
    fn place(&self, code: &str, d: NaiveDate, transit: bool) -> Option<Vec<&'a str>> {
        if let Some(p) = self.path_on(code, d) {
            return Some(p);
        }
        if !transit {
            return None;
        }
        let last = self
            .r
            .units
            .iter()
            .filter(|v| v.code == code && date(&v.valid_from) <= d)
            .max_by_key(|v| date(&v.valid_from))?;
        self.path_on(code, date(last.valid_to.as_deref()?))
    }

    fn name(&self, code: &str, d: NaiveDate) -> String {
        if let Some(v) = self.version_on(code, d) {
            return v.name.clone();
        }
        let mut all: Vec<&UnitRecord> = self.r.units.iter().filter(|v| v.code == code).collect();
        all.sort_by_key(|v| date(&v.valid_from));
        all.iter()
            .rev()
            .find(|v| date(&v.valid_from) <= d)
            .or(all.first())
            .map(|v| v.name.clone())
            .unwrap_or_default()
    }

    fn kind(&self, code: &str) -> &'a str {
        self.r
            .units
            .iter()
            .find(|v| v.code == code)
            .unwrap()
            .kind
            .as_str()
    }

    /// The dimension values of someone placed at `path`, or `None` outside the scope.
    fn dims(
        &self,
        ask: &Ask<'_>,
        path: &[&str],
        m: &MemberRecord,
        s: &MemberState,
        on: NaiveDate,
    ) -> Option<Vec<String>> {
        let at = match ask.unit {
            Some(u) => path.iter().position(|c| *c == u)?,
            None => 0,
        };
        let mut out = Vec::new();
        for dim in ask.by {
            match *dim {
                "unit" => {
                    let row = match ask.unit {
                        None => path[0],
                        Some(u) => match path.get(at + 1) {
                            Some(c) if self.kind(c) != "party_group" => c,
                            _ => u,
                        },
                    };
                    out.push(row.to_owned());
                    out.push(self.name(row, ask.as_of));
                }
                "sex" => out.push(m.sex.clone()),
                "age_band" => out.push(
                    age_band(completed_years(date(&m.birth_date), on))
                        .unwrap_or("<18")
                        .to_owned(),
                ),
                "party_age_band" => {
                    out.push(party_age_band(completed_years(s.admitted_on, on)).to_owned())
                }
                "status" => out.push(
                    match s.status.standing() {
                        Some(Standing::Official) => "official",
                        _ => "probationary",
                    }
                    .to_owned(),
                ),
                "ethnicity" => out.push(m.ethnicity.clone().unwrap_or_default()),
                "religion" => out.push(m.religion.clone().unwrap_or_default()),
                "education" => out.push(m.education.clone().unwrap_or_default()),
                "professional_level" => out.push(m.professional_level.clone().unwrap_or_default()),
                "political_theory" => out.push(m.political_theory.clone().unwrap_or_default()),
                other => panic!("dimension {other}"),
            }
        }
        Some(out)
    }

    fn as_of(&self, ask: &Ask<'_>, d: NaiveDate) -> BTreeMap<Vec<String>, [i64; 6]> {
        let mut out: BTreeMap<Vec<String>, [i64; 6]> = BTreeMap::new();
        for (m, history) in &self.histories {
            let Some(s) = state_on(history, d, None).unwrap() else {
                continue;
            };
            if !s.is_member() {
                continue;
            }
            let transit = s.transit.is_some();
            let Some(path) = self.place(self.code(s.cell), d, transit) else {
                continue;
            };
            let Some(key) = self.dims(ask, &path, m, &s, d) else {
                continue;
            };
            let c = out.entry(key).or_default();
            if transit {
                c[5] += 1;
            } else {
                c[0] += 1;
                if s.status.standing() == Some(Standing::Official) {
                    c[1] += 1;
                } else {
                    c[2] += 1;
                }
                c[3] += i64::from(s.exempted);
                c[4] += i64::from(s.working_away);
            }
        }
        out
    }

    fn flows(
        &self,
        ask: &Ask<'_>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> BTreeMap<Vec<String>, [i64; 9]> {
        let mut out: BTreeMap<Vec<String>, [i64; 9]> = BTreeMap::new();
        for (m, history) in &self.histories {
            let mut ordered = history.clone();
            ordered.sort_by_key(|e| match &e.body {
                EntryBody::Life(l) => (l.on, e.seq),
                EntryBody::Void { .. } => (NaiveDate::MIN, e.seq),
            });
            for i in 0..ordered.len() {
                let EntryBody::Life(ev) = &ordered[i].body else {
                    continue;
                };
                let Some(col) = FLOWS.iter().position(|(k, _)| *k == ev.kind.code()) else {
                    continue;
                };
                if ev.on < from || ev.on > to {
                    continue;
                }
                let after_side =
                    matches!(ev.kind.code(), "admitted" | "transfer_in" | "recognized");
                let upto = if after_side { i + 1 } else { i };
                let Some(s) = replay(&ordered[..upto], None).unwrap() else {
                    continue;
                };
                let Some(path) = self.place(self.code(s.cell), ev.on, s.transit.is_some()) else {
                    continue;
                };
                let Some(key) = self.dims(ask, &path, m, &s, ev.on) else {
                    continue;
                };
                out.entry(key).or_default()[col] += 1;
            }
        }
        out
    }

    /// Every row with a non-zero measure, with its values in column order.
    fn answer(&self, ask: &Ask<'_>) -> BTreeMap<Vec<String>, Vec<i64>> {
        let now = self.as_of(ask, ask.as_of);
        let flows = ask.period.map(|(f, t)| self.flows(ask, f, t));
        let then = ask.compare.map(|d| self.as_of(ask, d));
        let mut keys: Vec<Vec<String>> = now.keys().cloned().collect();
        keys.extend(flows.iter().flat_map(|f| f.keys().cloned()));
        keys.extend(then.iter().flat_map(|f| f.keys().cloned()));
        keys.sort();
        keys.dedup();
        let mut out = BTreeMap::new();
        for k in keys {
            let a = now.get(&k).copied().unwrap_or_default();
            let mut v: Vec<i64> = a.to_vec();
            if let Some(f) = &flows {
                v.extend(f.get(&k).copied().unwrap_or_default());
            }
            if let Some(t) = &then {
                let b = t.get(&k).copied().unwrap_or_default();
                v.extend(b);
                v.extend(a.iter().zip(b).map(|(x, y)| x - y));
            }
            if v.iter().any(|x| *x != 0) {
                out.insert(k, v);
            }
        }
        out
    }
}

/// The oracle's rows: dimension columns → measure values.
pub fn answer(r: &Records, ask: &Ask<'_>) -> BTreeMap<Vec<String>, Vec<i64>> {
    let _ = AS_OF;
    World::new(r).answer(ask)
}
