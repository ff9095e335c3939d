//! Any valid history rebuilds to the same state however it is stored or replayed, and its
//! periods agree with `state_on` on every day.

use chibo_domain::ids::{EventId, UnitId};
use chibo_domain::member::{
    EntryBody, EventKind, HistoryEntry, LifeEvent, MemberState, Standing, Status, apply, periods,
    replay, state_on,
};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

/// A random choice of next event and the number of days until it.
#[derive(Debug, Clone)]
struct Step {
    pick: usize,
    unit: i64,
    gap_days: u64,
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        (0usize..100, 1i64..6, 0u64..900).prop_map(|(pick, unit, gap_days)| Step {
            pick,
            unit,
            gap_days,
        }),
        0..25,
    )
}

/// Events valid in `s`, with the unit each would use.
fn candidates(s: &MemberState, unit: i64) -> Vec<(EventKind, Option<i64>)> {
    use EventKind as K;
    let other = if unit == s.cell.0 { unit % 5 + 1 } else { unit };
    let Status::Member(standing) = s.status else {
        return vec![(K::Admitted, Some(unit))];
    };
    let mut c = vec![(K::Removed, None), (K::Resigned, None), (K::Deceased, None)];
    if let Some(_t) = s.transit {
        c.push((K::TransferIn, Some(unit)));
        c.push((K::TransferIn, Some(unit)));
        return c;
    }
    c.push((K::TransferOut, Some(other)));
    c.push((K::TransferOut, None));
    c.push(if s.temp_host.is_some() {
        (K::TempReturn, None)
    } else {
        (K::TempOut, Some(other))
    });
    c.push(if s.exempted {
        (K::ExemptionEnded, None)
    } else {
        (K::Exempted, None)
    });
    c.push(if s.working_away {
        (K::WorkingAwayEnd, None)
    } else {
        (K::WorkingAwayStart, None)
    });
    match standing {
        Standing::Probationary => {
            for _ in 0..4 {
                c.push((K::Recognized, None));
            }
            c.push((K::NotRecognized, None));
        }
        Standing::Official => c.push((K::Expelled, None)),
    }
    c
}

fn recorded(i: usize) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + chrono::Duration::seconds(i as i64)
}

/// Builds a valid history from random steps, as a cell secretary would record it.
fn build(start: NaiveDate, steps: &[Step]) -> Vec<HistoryEntry> {
    let mut entries = Vec::new();
    let first = LifeEvent {
        kind: EventKind::Admitted,
        on: start,
        unit: Some(UnitId(1)),
    };
    let mut state = apply(None, &first).unwrap();
    entries.push(entry(0, first));
    let mut day = start;
    for (i, step) in steps.iter().enumerate() {
        let options = candidates(&state, step.unit);
        let (kind, unit) = options[step.pick % options.len()];
        day = day.checked_add_days(Days::new(step.gap_days)).unwrap();
        if kind == EventKind::Recognized {
            day = day.max(state.probation_ends().unwrap());
        }
        let ev = LifeEvent {
            kind,
            on: day,
            unit: unit.map(UnitId),
        };
        state = apply(Some(&state), &ev).unwrap();
        entries.push(entry(i + 1, ev));
    }
    entries
}

fn entry(i: usize, ev: LifeEvent) -> HistoryEntry {
    HistoryEntry {
        id: EventId(i as i64 + 1),
        seq: i as i64 + 1,
        recorded_at: recorded(i),
        body: EntryBody::Life(ev),
    }
}

fn start_dates() -> impl Strategy<Value = NaiveDate> {
    (0u64..18000).prop_map(|d| NaiveDate::from_ymd_opt(1975, 1, 1).unwrap() + Days::new(d))
}

proptest! {
    #[test]
    fn replay_is_independent_of_storage_order(start in start_dates(), steps in steps(), seed in any::<u64>()) {
        let history = build(start, &steps);
        let mut shuffled = history.clone();
        // A deterministic shuffle: rows come back from the database in any order.
        let n = shuffled.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        prop_assert_eq!(replay(&history, None).unwrap(), replay(&shuffled, None).unwrap());
    }

    #[test]
    fn incremental_projection_equals_full_replay(start in start_dates(), steps in steps()) {
        let history = build(start, &steps);
        let mut projected: Option<MemberState> = None;
        for e in &history {
            if let EntryBody::Life(ev) = &e.body {
                projected = Some(apply(projected.as_ref(), ev).unwrap());
            }
        }
        prop_assert_eq!(projected, replay(&history, None).unwrap());
    }

    #[test]
    fn periods_agree_with_state_on_every_day(start in start_dates(), steps in steps()) {
        let history = build(start, &steps);
        let ps = periods(&history).unwrap();
        for w in ps.windows(2) {
            prop_assert!(w[0].valid_to.is_some_and(|to| to < w[1].valid_from), "periods overlap: {:?}", w);
        }
        let last = history.iter().filter_map(|e| match &e.body { EntryBody::Life(ev) => Some(ev.on), _ => None }).max().unwrap();
        let mut day = start.checked_sub_days(Days::new(1)).unwrap();
        let end = last.checked_add_days(Days::new(40)).unwrap();
        while day <= end {
            let state = state_on(&history, day, None).unwrap();
            let covering: Vec<_> = ps.iter().filter(|p| p.is_valid_on(day)).collect();
            match state.filter(MemberState::is_member) {
                None => prop_assert!(covering.is_empty(), "period on {} for a non-member", day),
                Some(s) => {
                    prop_assert_eq!(covering.len(), 1, "day {}", day);
                    let p = covering[0];
                    prop_assert_eq!(Some(p.standing), s.status.standing());
                    prop_assert_eq!(p.cell, s.cell);
                    prop_assert_eq!(p.in_transit, s.transit.is_some());
                    prop_assert_eq!(p.temp_host, s.temp_host);
                    prop_assert_eq!((p.exempted, p.working_away), (s.exempted, s.working_away));
                    prop_assert_eq!(p.admitted_on, s.admitted_on);
                }
            }
            day = day.checked_add_days(Days::new(7)).unwrap();
        }
    }

    #[test]
    fn voiding_the_last_event_restores_the_state_before_it(start in start_dates(), steps in steps()) {
        let history = build(start, &steps);
        prop_assume!(history.len() > 1);
        let last = history.last().unwrap().clone();
        let mut corrected = history.clone();
        corrected.push(HistoryEntry {
            id: EventId(1000),
            seq: 1000,
            recorded_at: recorded(1000),
            body: EntryBody::Void { target: last.id },
        });
        prop_assert_eq!(replay(&corrected, None).unwrap(), replay(&history[..history.len() - 1], None).unwrap());
        // What was known before the correction still replays as it was then (GEN-04).
        prop_assert_eq!(replay(&corrected, Some(recorded(999))).unwrap(), replay(&history, None).unwrap());
    }

    #[test]
    fn a_report_frozen_at_a_moment_replays_what_was_known_then(start in start_dates(), steps in steps(), k in 0usize..25) {
        let history = build(start, &steps);
        let k = k % history.len();
        prop_assert_eq!(
            replay(&history, Some(recorded(k))).unwrap(),
            replay(&history[..=k], None).unwrap()
        );
    }
}

#[test]
fn gen_04_a_late_recognition_changes_the_regenerated_report_only() {
    // Admitted 2024-11-15; recognition recorded 2026-01-20 with effect 2025-11-15.
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let admitted = HistoryEntry {
        id: EventId(1),
        seq: 1,
        recorded_at: Utc.with_ymd_and_hms(2024, 11, 15, 9, 0, 0).unwrap(),
        body: EntryBody::Life(LifeEvent {
            kind: EventKind::Admitted,
            on: d(2024, 11, 15),
            unit: Some(UnitId(1)),
        }),
    };
    let recognized = HistoryEntry {
        id: EventId(2),
        seq: 2,
        recorded_at: Utc.with_ymd_and_hms(2026, 1, 20, 9, 0, 0).unwrap(),
        body: EntryBody::Life(LifeEvent {
            kind: EventKind::Recognized,
            on: d(2025, 11, 15),
            unit: None,
        }),
    };
    let history = [admitted, recognized];
    let frozen = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let as_issued = state_on(&history, d(2025, 12, 31), Some(frozen))
        .unwrap()
        .unwrap();
    let regenerated = state_on(&history, d(2025, 12, 31), None).unwrap().unwrap();
    assert_eq!(as_issued.status, Status::Member(Standing::Probationary));
    assert_eq!(regenerated.status, Status::Member(Standing::Official));
}
