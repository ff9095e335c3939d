//! How a data set of N people spreads over the country: which provinces and communes of the
//! administrative units file it covers, and how many people each province gets.

use chibo_storage::reference::AdminUnitRow;
use rand::Rng;
use rand::seq::SliceRandom;

/// People per commune in a national data set (5.6 million over 3,321 communes); smaller data
/// sets cover fewer communes at the same density, so their cells keep a realistic size.
const PEOPLE_PER_COMMUNE: u64 = 1_680;
/// A partial data set takes about this many communes from each province it covers.
const COMMUNES_PER_PROVINCE: u64 = 12;

/// Rough party membership of each province formed on 2025-07-01, in thousands: the provinces
/// merged into it added up, from provincial press figures where known (Hà Nội, Hồ Chí Minh
/// City, Đồng Nai, Đồng Tháp) and population elsewhere. Only the proportions matter.
const MEMBERSHIP_THOUSANDS: &[(&str, u64)] = &[
    ("1", 480),
    ("4", 50),
    ("8", 115),
    ("11", 45),
    ("12", 30),
    ("14", 80),
    ("15", 125),
    ("19", 140),
    ("20", 65),
    ("22", 115),
    ("24", 190),
    ("25", 270),
    ("31", 265),
    ("33", 220),
    ("37", 240),
    ("38", 230),
    ("40", 230),
    ("42", 110),
    ("44", 120),
    ("46", 60),
    ("48", 140),
    ("51", 100),
    ("52", 150),
    ("56", 80),
    ("66", 115),
    ("68", 120),
    ("75", 135),
    ("79", 370),
    ("80", 110),
    ("82", 135),
    ("86", 140),
    ("91", 115),
    ("92", 130),
    ("96", 85),
];

/// The provinces before 2025 that each current province was formed from, by the three-digit
/// place code that opens the citizen ID of people born there.
const FORMER_PROVINCES: &[(&str, &[u16])] = &[
    ("1", &[1]),
    ("4", &[4]),
    ("8", &[8, 2]),
    ("11", &[11]),
    ("12", &[12]),
    ("14", &[14]),
    ("15", &[15, 10]),
    ("19", &[19, 6]),
    ("20", &[20]),
    ("22", &[22]),
    ("24", &[24, 27]),
    ("25", &[25, 26, 17]),
    ("31", &[31, 30]),
    ("33", &[33, 34]),
    ("37", &[37, 35, 36]),
    ("38", &[38]),
    ("40", &[40]),
    ("42", &[42]),
    ("44", &[44, 45]),
    ("46", &[46]),
    ("48", &[48, 49]),
    ("51", &[51, 62]),
    ("52", &[52, 64]),
    ("56", &[56, 58]),
    ("66", &[66, 54]),
    ("68", &[68, 67, 60]),
    ("75", &[75, 70]),
    ("79", &[79, 74, 77]),
    ("80", &[80, 72]),
    ("82", &[82, 87]),
    ("86", &[86, 83, 84]),
    ("91", &[91, 89]),
    ("92", &[92, 93, 94]),
    ("96", &[96, 95]),
];

/// Every citizen-ID place code of the 63 provinces before 2025.
pub fn all_former_provinces() -> impl Iterator<Item = u16> {
    FORMER_PROVINCES
        .iter()
        .flat_map(|(_, codes)| codes.iter().copied())
}

/// Broad regions: they choose hamlet words and ethnic mixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    NorthernUplands,
    NorthernDelta,
    NorthCentral,
    CentralCoast,
    CentralHighlands,
    South,
}

impl Region {
    fn of(province_code: &str) -> Self {
        match province_code {
            "4" | "8" | "11" | "12" | "14" | "15" | "19" | "20" => Self::NorthernUplands,
            "1" | "22" | "24" | "31" | "33" | "37" => Self::NorthernDelta,
            "25" | "38" | "40" | "42" => Self::NorthCentral,
            "44" | "46" | "48" | "51" | "56" => Self::CentralCoast,
            "52" | "66" | "68" => Self::CentralHighlands,
            _ => Self::South,
        }
    }
}

/// One province of the data set and the communes it covers.
#[derive(Debug, Clone)]
pub struct ProvincePlan<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub city: bool,
    pub region: Region,
    pub communes: Vec<&'a AdminUnitRow>,
    /// People of this province in members.csv.
    pub people: u64,
    /// Citizen-ID place codes of the provinces it was formed from.
    pub birth_codes: &'static [u16],
}

/// Spreads `people` over the provinces and communes of `rows` (the administrative units file).
/// Provinces come out in the file's order, communes too.
pub fn plan<'a, R: Rng>(
    rows: &'a [AdminUnitRow],
    people: u64,
    rng: &mut R,
) -> Vec<ProvincePlan<'a>> {
    let mut all: Vec<ProvincePlan<'a>> = Vec::new();
    for r in rows {
        match all.iter_mut().find(|p| p.code == r.province_code) {
            Some(p) => p.communes.push(r),
            None => all.push(ProvincePlan {
                code: &r.province_code,
                name: &r.province_name,
                city: r.province_type.contains("thành phố"),
                region: Region::of(&r.province_code),
                communes: vec![r],
                people: 0,
                birth_codes: FORMER_PROVINCES
                    .iter()
                    .find(|(c, _)| *c == r.province_code)
                    .map(|(_, b)| *b)
                    .unwrap_or(&[1]),
            }),
        }
    }
    let total_communes = all.iter().map(|p| p.communes.len() as u64).sum::<u64>();
    let needed = people
        .div_ceil(PEOPLE_PER_COMMUNE)
        .clamp(1, total_communes.max(1));
    // Province weight: its membership times the share of its communes the data set covers.
    let mut weights: Vec<(usize, u64, u64)> = Vec::new(); // (index, used communes, weight)
    if needed >= total_communes {
        for (i, p) in all.iter().enumerate() {
            weights.push((i, p.communes.len() as u64, membership(p.code) * 1_000));
        }
    } else {
        let provinces = needed
            .div_ceil(COMMUNES_PER_PROVINCE)
            .clamp(1, all.len() as u64) as usize;
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.shuffle(rng);
        order.truncate(provinces);
        order.sort_unstable();
        let sizes: Vec<u64> = order
            .iter()
            .map(|&i| all[i].communes.len() as u64)
            .collect();
        let used = apportion(needed, &sizes, &sizes);
        for (k, &i) in order.iter().enumerate() {
            let share = used[k].max(1);
            let w = membership(all[i].code) * 1_000 * share / sizes[k].max(1);
            weights.push((i, share, w.max(1)));
        }
    }
    let ws: Vec<u64> = weights.iter().map(|w| w.2).collect();
    let caps = vec![u64::MAX; ws.len()];
    let shares = apportion(people, &ws, &caps);
    let mut out = Vec::new();
    for (k, (i, used, _)) in weights.into_iter().enumerate() {
        let mut p = all[i].clone();
        if (used as usize) < p.communes.len() {
            let mut picked: Vec<usize> = (0..p.communes.len()).collect();
            picked.shuffle(rng);
            picked.truncate(used as usize);
            picked.sort_unstable();
            p.communes = picked.into_iter().map(|j| p.communes[j]).collect();
        }
        p.people = shares[k];
        out.push(p);
    }
    out
}

fn membership(code: &str) -> u64 {
    MEMBERSHIP_THOUSANDS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(100, |(_, m)| *m)
}

/// Splits `total` in proportion to `weights` (largest remainders), never giving an item more
/// than its cap; the parts add up to `total` unless the caps are too small.
pub fn apportion(total: u64, weights: &[u64], caps: &[u64]) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    let mut parts = vec![0u64; weights.len()];
    if sum == 0 || weights.is_empty() {
        return parts;
    }
    let mut rest: Vec<(u128, usize)> = Vec::with_capacity(weights.len());
    let mut given = 0u64;
    for (i, &w) in weights.iter().enumerate() {
        let exact = u128::from(total) * u128::from(w);
        let floor = u64::try_from(exact / sum).unwrap_or(u64::MAX).min(caps[i]);
        parts[i] = floor;
        given += floor;
        rest.push((exact % sum, i));
    }
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = total.saturating_sub(given);
    while left > 0 {
        let before = left;
        for &(_, i) in &rest {
            if left == 0 {
                break;
            }
            if parts[i] < caps[i] {
                parts[i] += 1;
                left -= 1;
            }
        }
        if left == before {
            break;
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn apportion_adds_up_and_follows_the_weights() {
        assert_eq!(apportion(10, &[1, 1, 2], &[u64::MAX; 3]), vec![3, 2, 5]);
        assert_eq!(apportion(7, &[5, 5], &[2, 100]), vec![2, 5]);
        assert_eq!(apportion(0, &[1], &[9]), vec![0]);
    }

    #[test]
    fn the_63_former_provinces_are_each_in_one_current_province() {
        let mut codes: Vec<u16> = all_former_provinces().collect();
        codes.sort_unstable();
        let n = codes.len();
        codes.dedup();
        assert_eq!((n, codes.len()), (63, 63));
        assert_eq!(FORMER_PROVINCES.len(), 34);
        assert_eq!(MEMBERSHIP_THOUSANDS.len(), 34);
    }

    #[test]
    fn a_national_data_set_covers_every_commune_and_a_small_one_few() {
        let rows = chibo_storage::reference::admin_unit_rows().unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let national = plan(&rows, 5_600_000, &mut rng);
        assert_eq!(national.len(), 34);
        assert_eq!(
            national.iter().map(|p| p.communes.len()).sum::<usize>(),
            3_321
        );
        assert_eq!(national.iter().map(|p| p.people).sum::<u64>(), 5_600_000);
        let hanoi = national.iter().find(|p| p.code == "1").unwrap();
        let lai_chau = national.iter().find(|p| p.code == "12").unwrap();
        assert!(hanoi.people > 10 * lai_chau.people);

        let small = plan(&rows, 64_000, &mut rng);
        let communes: usize = small.iter().map(|p| p.communes.len()).sum();
        assert_eq!(communes as u64, 64_000u64.div_ceil(PEOPLE_PER_COMMUNE));
        assert_eq!(small.len(), 4);
        assert_eq!(small.iter().map(|p| p.people).sum::<u64>(), 64_000);
        let tiny = plan(&rows, 1_000, &mut rng);
        assert_eq!((tiny.len(), tiny[0].communes.len()), (1, 1));
    }
}
