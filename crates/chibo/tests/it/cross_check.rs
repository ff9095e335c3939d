//! The "done means": `chibo synth` → `chibo import` → `chibo stats` agrees with an
//! independent computation from the CSV files (the naive oracle of the statistics tests: each
//! member's history replayed for the day, the tree resolved from the unit versions valid on
//! it), on both engines.

use std::collections::BTreeMap;
use std::path::Path;

use chibo_testkit::{Engine, Postgres, Sqlite, TestDb};
use chrono::NaiveDate;
use rstest::rstest;

use crate::stats_oracle::{Ask, Records, answer};
use crate::{chibo, text};

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Vec<T> {
    csv::Reader::from_path(path)
        .unwrap()
        .deserialize()
        .map(Result::unwrap)
        .collect()
}

/// The three files as they are on disk.
fn records(dir: &Path) -> Records {
    Records {
        units: read(&dir.join("units.csv")),
        members: read(&dir.join("members.csv")),
        events: read(&dir.join("events.csv")),
    }
}

/// `chibo stats … --format csv` as dimension values → measures.
fn stats(url: &str, ask: &Ask<'_>) -> BTreeMap<Vec<String>, Vec<i64>> {
    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut args = vec!["stats".to_owned(), "--as-of".into(), iso(ask.as_of)];
    if let Some(unit) = ask.unit {
        args.extend(["--unit".into(), unit.to_owned()]);
    }
    if !ask.by.is_empty() {
        args.extend(["--by".into(), ask.by.join(",")]);
    }
    if let Some((from, to)) = ask.period {
        args.extend(["--from".into(), iso(from), "--to".into(), iso(to)]);
    }
    if let Some(d0) = ask.compare {
        args.extend(["--compare".into(), iso(d0)]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = chibo(url, &args);
    assert!(out.status.success(), "{}", text(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let dims = header
        .iter()
        .take_while(|h| *h != "members")
        .collect::<Vec<_>>();
    // The unit dimension has two columns, code and name.
    assert_eq!(
        dims.len(),
        ask.by.len() + usize::from(ask.by.contains(&"unit")),
        "{header:?}"
    );
    let mut rows = BTreeMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        let key: Vec<String> = record.iter().take(dims.len()).map(str::to_owned).collect();
        let values: Vec<i64> = record
            .iter()
            .skip(dims.len())
            .map(|v| v.parse().unwrap())
            .collect();
        rows.insert(key, values);
    }
    // Without --by the one row of the whole scope is printed even when it is all zero.
    if ask.by.is_empty() {
        rows.retain(|_, v: &mut Vec<i64>| v.iter().any(|x| *x != 0));
    }
    rows
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[rstest]
#[tokio::test]
async fn synth_import_stats_agrees_with_the_csv_files(#[values(Sqlite, Postgres)] engine: Engine) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let synth = chibo(
        "sqlite::memory:",
        &[
            "synth",
            "--members",
            "4000",
            "--seed",
            "11",
            "--out",
            data.to_str().unwrap(),
        ],
    );
    assert!(synth.status.success(), "{}", text(&synth));

    let t = TestDb::empty(engine).await;
    assert!(chibo(&t.url, &["migrate"]).status.success());
    let import = chibo(&t.url, &["import", data.to_str().unwrap()]);
    assert!(import.status.success(), "{}", text(&import));

    let r = records(&data);
    // A province, and a commune committee that exists after the 2025 reorganisation.
    let province = r
        .units
        .iter()
        .find(|u| u.kind == "province_committee")
        .unwrap();
    let commune = r
        .units
        .iter()
        .find(|u| u.kind == "commune_committee" && u.valid_from.as_str() >= "2025-07-01")
        .unwrap();
    let asks = [
        Ask {
            as_of: d(2015, 12, 31),
            unit: None,
            by: &["unit", "sex", "age_band"],
            period: None,
            compare: None,
        },
        Ask {
            as_of: d(2020, 12, 31),
            unit: None,
            by: &["unit", "sex", "age_band"],
            period: None,
            compare: None,
        },
        Ask {
            as_of: d(2025, 12, 31),
            unit: None,
            by: &["unit", "sex", "age_band"],
            period: None,
            compare: None,
        },
        Ask {
            as_of: d(2025, 6, 30),
            unit: Some(province.code.as_str()),
            by: &["unit"],
            period: None,
            compare: None,
        },
        Ask {
            as_of: d(2025, 7, 1),
            unit: Some(province.code.as_str()),
            by: &["unit"],
            period: None,
            compare: None,
        },
        Ask {
            as_of: d(2026, 11, 24),
            unit: Some(commune.code.as_str()),
            by: &["status", "party_age_band"],
            period: None,
            compare: None,
        },
        Ask {
            as_of: d(2026, 11, 24),
            unit: None,
            by: &["ethnicity", "religion"],
            period: None,
            compare: None,
        },
        Ask {
            as_of: d(2026, 11, 24),
            unit: None,
            by: &["education", "professional_level", "political_theory"],
            period: None,
            compare: None,
        },
        Ask {
            as_of: d(2025, 12, 31),
            unit: None,
            by: &[],
            period: Some((d(2025, 1, 1), d(2025, 12, 31))),
            compare: Some(d(2020, 12, 31)),
        },
        Ask {
            as_of: d(2025, 12, 31),
            unit: Some(province.code.as_str()),
            by: &["unit", "sex"],
            period: Some((d(2000, 1, 1), d(2025, 12, 31))),
            compare: Some(d(2015, 12, 31)),
        },
    ];
    for ask in &asks {
        let expected = answer(&r, ask);
        assert!(
            !expected.is_empty(),
            "the data set counts something: {:?}",
            ask.by
        );
        assert_eq!(
            stats(&t.url, ask),
            expected,
            "as of {} unit {:?} by {:?} period {:?} compare {:?}",
            ask.as_of,
            ask.unit,
            ask.by,
            ask.period,
            ask.compare
        );
    }
}
