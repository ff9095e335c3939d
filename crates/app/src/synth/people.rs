//! The people of one province: when they were admitted and how old they were, who they are
//! (name, sex, citizen ID with its real structure, party card, ethnicity, schooling…), and
//! their histories, handed to the sink one person at a time.

use chibo_domain::interchange::{EventRecord, MemberRecord};
use chibo_domain::member::{EventKind, Status};
use chibo_domain::text::search_key;
use chrono::{Datelike, Months, NaiveDate};
use rand::Rng;

use super::life::{self, Ev, Life, Person, SCRIPTS, Script};
use super::plan::{Region, all_former_provinces};
use super::tree::{Profile, ProvinceTree, Tree, iso};
use super::{SynthCounts, SynthError, SynthSink};
use crate::sample::days::{add_days, d, history_start, random_day};
use crate::sample::names::{self, full_name, pick, weighted};

/// Relative admissions per year: members of before 1975 enter the registry in 1975-1976,
/// then yearly intakes grow to the 2010s peak (about 210,000 a year nationally) and ease.
fn year_weight(year: i32) -> u64 {
    match year {
        ..=1976 => 0,
        1977..=1985 => 12,
        1986..=1995 => 13,
        1996..=2005 => 18,
        2006..=2015 => 24,
        2016..=2019 => 22,
        _ => 20,
    }
}
/// The weight of the 1975-1976 intake of earlier members, against `year_weight`.
const FOUNDING_WEIGHT: u64 = 60;

/// Share of women among those admitted in `year`, in per cent.
fn women_percent(year: i32) -> u32 {
    match year {
        ..=1985 => 18,
        1986..=2000 => 25,
        2001..=2010 => 35,
        _ => 44,
    }
}

/// Ethnic groups of party members by region (per thousand).
fn ethnicities(region: Region) -> &'static [(&'static str, u32)] {
    match region {
        Region::NorthernUplands => &[
            ("Kinh", 450),
            ("Tày", 160),
            ("Thái", 120),
            ("Nùng", 80),
            ("Mông", 70),
            ("Dao", 60),
            ("Mường", 30),
            ("Sán Chay", 10),
            ("Giáy", 10),
            ("Hà Nhì", 10),
        ],
        Region::NorthernDelta => &[
            ("Kinh", 975),
            ("Mường", 6),
            ("Tày", 6),
            ("Sán Dìu", 8),
            ("Hoa", 5),
        ],
        Region::NorthCentral => &[
            ("Kinh", 870),
            ("Mường", 60),
            ("Thái", 55),
            ("Thổ", 10),
            ("Khơ Mú", 5),
        ],
        Region::CentralCoast => &[
            ("Kinh", 940),
            ("Xơ Đăng", 15),
            ("Cơ Tu", 10),
            ("Bru - Vân Kiều", 10),
            ("Chăm", 10),
            ("Raglay", 10),
            ("Hrê", 5),
        ],
        Region::CentralHighlands => &[
            ("Kinh", 800),
            ("Gia Rai", 60),
            ("Ê Đê", 60),
            ("Ba Na", 30),
            ("Cơ Ho", 20),
            ("M'Nông", 15),
            ("Tày", 10),
            ("Nùng", 5),
        ],
        Region::South => &[("Kinh", 905), ("Khmer", 60), ("Hoa", 28), ("Chăm", 7)],
    }
}

/// The per-province part of the citizen ID serials: people of different provinces never
/// draw the same serial, whatever order provinces are made in.
const SERIAL_PARTS: u64 = 40;

/// Hands out citizen ID serials: six digits, unique for each place code, century-and-sex
/// digit and year of birth (rule MEM-02's 12-digit number: PPP G YY NNNNNN).
struct CitizenIds {
    issued: Vec<u32>,
    part: u64,
}

impl CitizenIds {
    fn new(part: u64) -> Self {
        Self {
            issued: vec![0; 100 * 4 * 100],
            part,
        }
    }

    fn next(&mut self, place: u16, female: bool, birth: NaiveDate) -> Option<String> {
        let year = birth.year();
        let gender = u32::from(female) + if year >= 2000 { 2 } else { 0 };
        let yy = year.rem_euclid(100) as u32;
        let slot = (u32::from(place).min(99) * 4 + gender) * 100 + yy;
        let count = self.issued.get_mut(slot as usize)?;
        let n = u64::from(*count) * SERIAL_PARTS + self.part;
        if n >= 1_000_000 {
            return None;
        }
        *count += 1;
        // A bijection of 0..1_000_000, so serials look scattered yet never repeat.
        let serial = (n * 387_403 + u64::from(slot) * 7_919) % 1_000_000;
        Some(format!("{place:03}{gender}{yy:02}{serial:06}"))
    }
}

/// Makes the `p.people` people of province `pi`, numbered from `first_key`.
pub fn province<R: Rng>(
    tree: &Tree,
    pi: usize,
    p: &ProvinceTree,
    first_key: u64,
    today: NaiveDate,
    rng: &mut R,
    sink: &mut dyn SynthSink,
) -> Result<SynthCounts, SynthError> {
    let mut counts = SynthCounts::default();
    let mut ids = CitizenIds::new(pi as u64 % SERIAL_PARTS);
    let mut cards = 0u64;
    let former: Vec<u16> = all_former_provinces().collect();
    let years: Vec<(i32, u64)> = (1977..=today.year()).map(|y| (y, year_weight(y))).collect();
    let total: u64 = FOUNDING_WEIGHT + years.iter().map(|y| y.1).sum::<u64>();
    let veteran_home = (p.holders.start..p.holders.end).find(|&h| {
        let u = &tree.holders[h as usize];
        u.profile == Profile::Residential && u.from == history_start() && u.end.is_none()
    });
    let mut events = Vec::new();
    for k in 0..p.people {
        let key = first_key + k;
        let script = match (key as usize).checked_sub(1).and_then(|i| SCRIPTS.get(i)) {
            Some(s) if veteran_home.is_some() => *s,
            _ => Script::Simulated,
        };
        let home = match script {
            Script::Simulated => tree.draw(&p.holders, rng),
            _ => veteran_home,
        }
        .ok_or_else(|| SynthError::Fault(format!("province {} has no cells", p.code)))?;
        let profile = tree.holders[home as usize].profile;
        // When admitted, and how old.
        let (admitted, age_days) = if script == Script::Deceased {
            (d(1976, 3, 15), 41 * 365 + rng.random_range(0..365))
        } else if script != Script::Simulated {
            (d(1990, 3, 15), 28 * 365 + rng.random_range(0..365))
        } else if rng.random_range(0..total) < FOUNDING_WEIGHT {
            let on = random_day(rng, history_start(), d(1976, 12, 31));
            (on, rng.random_range(20 * 365..=58 * 365))
        } else {
            let mut pick_w = rng.random_range(0..total - FOUNDING_WEIGHT);
            let year = years
                .iter()
                .find(|(_, w)| {
                    if pick_w < *w {
                        true
                    } else {
                        pick_w -= *w;
                        false
                    }
                })
                .map_or(today.year(), |y| y.0);
            let last = today.pred_opt().unwrap_or(today);
            let on = random_day(rng, d(year, 1, 1), d(year, 12, 31).min(last));
            let years_old = match rng.random_range(0..100) {
                0..=69 => rng.random_range(18..=30),
                70..=94 => rng.random_range(31..=45),
                _ => rng.random_range(46..=59),
            };
            (on, years_old * 365 + rng.random_range(0..365))
        };
        let mut birth = admitted
            .checked_sub_days(chrono::Days::new(age_days))
            .unwrap_or(admitted);
        // Nobody is admitted before 18 (rule ADM-01).
        if let Some(adult) = birth.checked_add_months(Months::new(18 * 12))
            && adult > admitted
        {
            birth = admitted
                .checked_sub_months(Months::new(18 * 12))
                .unwrap_or(birth);
        }
        let mut women = women_percent(admitted.year());
        women = match profile {
            Profile::Police | Profile::Military => women / 4,
            Profile::School | Profile::Health => (women * 17 / 10).min(85),
            _ => women,
        };
        let female = rng.random_range(0..100) < women;
        let person = Person {
            female,
            birth,
            home,
            province: pi,
        };
        let life = life::live(tree, person, admitted, today, script, rng).map_err(|e| match e {
            SynthError::Fault(m) => SynthError::Fault(format!("DV{key:07}: {m}")),
            other => other,
        })?;
        let member = describe(
            tree, p, key, &person, &life, today, &former, &mut ids, &mut cards, rng,
        );
        events.clear();
        for e in &life.events {
            events.push(event_record(tree, &member.member_key, e, today, rng));
        }
        sink.member(&member, &events)?;
        counts.members += 1;
        counts.events += events.len() as u64;
    }
    Ok(counts)
}

/// The members.csv row of a person whose history is `life`.
#[allow(clippy::too_many_arguments)]
fn describe<R: Rng>(
    tree: &Tree,
    p: &ProvinceTree,
    key: u64,
    person: &Person,
    life: &Life,
    today: NaiveDate,
    former: &[u16],
    ids: &mut CitizenIds,
    cards: &mut u64,
    rng: &mut R,
) -> MemberRecord {
    let birth = person.birth;
    let female = person.female;
    let state = &life.state;
    let member_now = state.is_member();
    let last = u32::try_from(state.cell.0).unwrap_or(person.home);
    let holder = &tree.holders[last as usize];
    let profile = holder.profile;
    let age_now = today.years_since(birth).unwrap_or(0);
    let deceased = matches!(
        state.status,
        Status::Left(chibo_domain::member::ExitKind::Deceased)
    );
    // 12-digit citizen IDs came in 2016; those who left the party long before show none.
    let known_since = d(2016, 1, 1);
    let has_id = (member_now && rng.random_bool(0.97))
        || (!member_now
            && !deceased
            && state.left_on.is_some_and(|l| l >= known_since)
            && rng.random_bool(0.7));
    let place = if rng.random_bool(0.9) {
        p.birth_codes[rng.random_range(0..p.birth_codes.len())]
    } else {
        former[rng.random_range(0..former.len())]
    };
    let citizen_id = if has_id {
        ids.next(place, female, birth)
    } else {
        None
    };
    let card_number = life.recognized.then(|| {
        *cards += 1;
        format!("{:0>2}.{:06}", p.code, *cards)
    });
    let name = full_name(rng, female);
    let retired = age_now >= if female { 55 } else { 60 };
    let occupation = if retired || deceased {
        "Hưu trí"
    } else {
        match profile {
            Profile::Residential => weighted(
                rng,
                &[
                    ("Nông dân", 40),
                    ("Kinh doanh", 15),
                    ("Công nhân", 12),
                    ("Lao động tự do", 15),
                    ("Ngư dân", 3),
                    ("Sinh viên", 5),
                    ("Cán bộ không chuyên trách", 10),
                ],
            ),
            Profile::School => "Giáo viên",
            Profile::Health => pick(rng, &["Bác sĩ", "Y sĩ", "Điều dưỡng", "Dược sĩ"]),
            Profile::Police => "Công an",
            Profile::Military => "Quân nhân",
            Profile::Office => pick(rng, &["Công chức", "Viên chức"]),
            Profile::Firm => pick(rng, &["Công nhân", "Kỹ sư", "Nhân viên", "Quản lý"]),
            Profile::Coop => pick(rng, &["Nông dân", "Xã viên hợp tác xã"]),
        }
    };
    let education = if birth.year() < 1960 {
        weighted(
            rng,
            &[("7/10", 20), ("10/10", 40), ("9/12", 10), ("12/12", 30)],
        )
    } else if profile == Profile::Residential || profile == Profile::Coop {
        weighted(rng, &[("9/12", 25), ("12/12", 75)])
    } else {
        "12/12"
    };
    let professional = match profile {
        Profile::Office | Profile::School | Profile::Health => weighted(
            rng,
            &[
                ("trung_cap", 8),
                ("cao_dang", 10),
                ("dai_hoc", 65),
                ("thac_si", 15),
                ("tien_si", 2),
            ],
        ),
        Profile::Police | Profile::Military => weighted(
            rng,
            &[
                ("trung_cap", 35),
                ("cao_dang", 10),
                ("dai_hoc", 50),
                ("thac_si", 5),
            ],
        ),
        Profile::Firm => weighted(
            rng,
            &[
                ("", 25),
                ("trung_cap", 20),
                ("cao_dang", 15),
                ("dai_hoc", 37),
                ("thac_si", 3),
            ],
        ),
        Profile::Residential | Profile::Coop => weighted(
            rng,
            &[
                ("", 60),
                ("trung_cap", 15),
                ("cao_dang", 8),
                ("dai_hoc", 16),
                ("thac_si", 1),
            ],
        ),
    };
    let theory = match profile {
        Profile::Office | Profile::Police | Profile::Military => weighted(
            rng,
            &[
                ("so_cap", 30),
                ("trung_cap", 45),
                ("cao_cap", 20),
                ("cu_nhan", 5),
            ],
        ),
        _ => weighted(
            rng,
            &[("", 12), ("so_cap", 63), ("trung_cap", 22), ("cao_cap", 3)],
        ),
    };
    let residence = match tree.areas[holder.area as usize].commune {
        Some(c) => tree.communes[c as usize].clone(),
        None => {
            let span = p.communes.end - p.communes.start;
            let c = p.communes.start + rng.random_range(0..span.max(1));
            tree.communes.get(c as usize).cloned().unwrap_or_default()
        }
    };
    let religion = weighted(rng, names::RELIGIONS);
    let phone = (member_now && rng.random_bool(0.8)).then(|| {
        format!(
            "0{}{:08}",
            pick(rng, &["3", "5", "7", "8", "9"]),
            rng.random_range(0..100_000_000)
        )
    });
    let email = (phone.is_some() && age_now < 60 && rng.random_bool(0.25)).then(|| {
        format!(
            "{}{}@example.vn",
            search_key(&name).replace(' ', "."),
            rng.random_range(1..100)
        )
    });
    MemberRecord {
        member_key: format!("DV{key:07}"),
        full_name: name,
        sex: if female { "F" } else { "M" }.to_owned(),
        birth_date: iso(birth),
        citizen_id,
        card_number,
        ethnicity: Some(weighted(rng, ethnicities(p.region)).to_owned()),
        religion: (!religion.is_empty()).then(|| religion.to_owned()),
        education: Some(education.to_owned()),
        professional_level: (!professional.is_empty()).then(|| professional.to_owned()),
        political_theory: (!theory.is_empty()).then(|| theory.to_owned()),
        occupation: Some(occupation.to_owned()),
        residence_admin_code: Some(residence),
        phone,
        email,
    }
}

/// The events.csv row of one event.
fn event_record<R: Rng>(
    tree: &Tree,
    key: &str,
    e: &Ev,
    today: NaiveDate,
    rng: &mut R,
) -> EventRecord {
    use EventKind as K;
    let committee = if e.on >= chibo_storage::reference::reorganisation_day() {
        "ĐU"
    } else {
        pick(rng, &["HU", "HU", "HU", "ĐU", "QU", "TU"])
    };
    let number = rng.random_range(1..=999);
    // The decision comes before the ceremony, and after the end of probation it confirms.
    let decided = |from: NaiveDate, days: u64| -> String {
        let on = add_days(from, days).min(today);
        on.format("%d/%m/%Y").to_string()
    };
    let decision_ref = match e.kind {
        K::Admitted => {
            let on =
                e.on.checked_sub_days(chrono::Days::new(rng.random_range(3..=25)))
                    .unwrap_or(e.on);
            Some(format!(
                "{number}-QĐ/{committee} ngày {}",
                on.format("%d/%m/%Y")
            ))
        }
        K::Recognized => Some(format!(
            "{number}-QĐ/{committee} ngày {}",
            decided(e.on, rng.random_range(10..=60))
        )),
        K::Removed | K::Expelled | K::Resigned | K::NotRecognized => {
            Some(format!("{number}-QĐ/{committee} ngày {}", decided(e.on, 0)))
        }
        K::TransferOut => Some(format!("{number}/GGT ngày {}", decided(e.on, 0))),
        K::Exempted | K::ExemptionEnded => Some(format!("{number}-NQ/CB")),
        _ => None,
    };
    EventRecord {
        member_key: key.to_owned(),
        date: iso(e.on),
        kind: e.kind.code().to_owned(),
        unit_code: e.unit.map(|u| tree.holders[u as usize].code.clone()),
        decision_ref,
        reason: e.reason.map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citizen_ids_have_the_real_structure_and_never_repeat() {
        let mut a = CitizenIds::new(0);
        let mut b = CitizenIds::new(1);
        let born = d(1985, 6, 1);
        let mut seen = std::collections::HashSet::new();
        for _ in 0..20_000 {
            for ids in [&mut a, &mut b] {
                let id = ids.next(79, true, born).unwrap();
                assert_eq!(id.len(), 12);
                assert!(id.starts_with("079185"), "{id}");
                assert!(seen.insert(id));
            }
        }
        assert!(
            a.next(1, false, d(2003, 1, 1))
                .unwrap()
                .starts_with("001203")
        );
    }

    #[test]
    fn admissions_peak_in_the_2010s() {
        assert!(year_weight(2012) > year_weight(1980));
        assert_eq!(year_weight(1975), 0);
    }
}
