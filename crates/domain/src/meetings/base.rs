//! MTG-03: who attendance is measured against: the cell's own official and probationary
//! members plus temporary arrivals, minus exempted, temporarily exempted, temporarily-out
//! and in-transit members.

use serde::{Deserialize, Serialize};

use super::MeetingParams;
use crate::exemption::in_attendance_base;
use crate::ids::UnitId;
use crate::member::MemberState;

/// Why a member of the cell is left out of the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseExclusion {
    /// Exempted from party activities (EXM-03).
    Exempted,
    /// Temporarily exempted while away (AWY-01).
    TemporarilyExempted,
    /// On a temporary transfer to a host cell, attending there (TRF-05).
    TemporarilyOut,
    /// Between transfer letter and reception; owes no attendance (TRF-03).
    InTransit,
}

/// A person's place in one cell's attendance base on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "role", content = "reason", rename_all = "snake_case")]
pub enum BaseRole {
    /// One of the cell's own members, in the base.
    Own,
    /// Temporarily transferred here from another cell, in the base.
    Arrival,
    /// One of the cell's own (or in transit from it), left out.
    Excluded(BaseExclusion),
    /// Nothing to do with this cell's meetings.
    Outside,
}

impl BaseRole {
    pub fn in_base(self) -> bool {
        matches!(self, Self::Own | Self::Arrival)
    }
}

/// MTG-03: the role of a person in `cell`'s base, from their state on the meeting day and
/// whether a temporary exemption (AWY-01) covers that day. An arrival who is exempted is left
/// out too, but counted by neither side as an exclusion of this cell.
pub fn base_role(
    state: &MemberState,
    temporarily_exempted: bool,
    cell: UnitId,
    params: &MeetingParams,
) -> BaseRole {
    let temporarily_exempted = temporarily_exempted && params.exclude_temporarily_exempted;
    if !state.is_member() {
        return BaseRole::Outside;
    }
    let own = state.cell == cell;
    if state.transit.is_some() {
        return if own {
            BaseRole::Excluded(BaseExclusion::InTransit)
        } else {
            BaseRole::Outside
        };
    }
    let attends = in_attendance_base(state.exempted) && !temporarily_exempted;
    if state.temp_host == Some(cell) {
        return if attends {
            BaseRole::Arrival
        } else {
            BaseRole::Outside
        };
    }
    if !own {
        return BaseRole::Outside;
    }
    if !in_attendance_base(state.exempted) {
        BaseRole::Excluded(BaseExclusion::Exempted)
    } else if temporarily_exempted {
        BaseRole::Excluded(BaseExclusion::TemporarilyExempted)
    } else if state.temp_host.is_some() && params.exclude_temporarily_out {
        BaseRole::Excluded(BaseExclusion::TemporarilyOut)
    } else {
        BaseRole::Own
    }
}

/// The base of one cell on a day, with the figures it is built from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceBase {
    /// Members on the cell's record (exempted and temporarily-out included; MEM-06).
    pub own: u32,
    pub arrivals: u32,
    pub exempted: u32,
    pub temporarily_exempted: u32,
    pub temporarily_out: u32,
    /// In transit from this cell: reported beside the members, never in `own` (TRF-03).
    pub in_transit: u32,
    /// own − exempted − temporarily exempted − temporarily out + arrivals.
    pub base: u32,
}

/// MTG-03: the base from the roles of everyone concerned.
pub fn attendance_base(roles: impl IntoIterator<Item = BaseRole>) -> AttendanceBase {
    let mut b = AttendanceBase::default();
    for role in roles {
        match role {
            BaseRole::Own => {
                b.own += 1;
                b.base += 1;
            }
            BaseRole::Arrival => {
                b.arrivals += 1;
                b.base += 1;
            }
            BaseRole::Excluded(BaseExclusion::InTransit) => b.in_transit += 1,
            BaseRole::Excluded(reason) => {
                b.own += 1;
                match reason {
                    BaseExclusion::Exempted => b.exempted += 1,
                    BaseExclusion::TemporarilyExempted => b.temporarily_exempted += 1,
                    _ => b.temporarily_out += 1,
                }
            }
            BaseRole::Outside => {}
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::member::{Standing, Status, Transit};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 10, 10).unwrap()
    }

    fn member(cell: i64) -> MemberState {
        MemberState {
            status: Status::Member(Standing::Official),
            cell: UnitId(cell),
            transit: None,
            temp_host: None,
            exempted: false,
            working_away: false,
            admitted_on: NaiveDate::from_ymd_opt(2010, 1, 1).unwrap(),
            recognized_on: None,
            left_on: None,
        }
    }

    #[test]
    fn mtg_03_25_own_less_1_exempted_and_1_temporarily_out_plus_2_arrivals_is_25() {
        let p = MeetingParams::default();
        let cell = UnitId(1);
        let mut people: Vec<(MemberState, bool)> = (0..23).map(|_| (member(1), false)).collect();
        people.push((
            MemberState {
                exempted: true,
                ..member(1)
            },
            false,
        ));
        people.push((
            MemberState {
                temp_host: Some(UnitId(5)),
                ..member(1)
            },
            false,
        ));
        people.push((
            MemberState {
                temp_host: Some(cell),
                ..member(2)
            },
            false,
        ));
        people.push((
            MemberState {
                temp_host: Some(cell),
                status: Status::Member(Standing::Probationary),
                ..member(3)
            },
            false,
        ));
        let b = attendance_base(people.iter().map(|(s, t)| base_role(s, *t, cell, &p)));
        assert_eq!(
            b,
            AttendanceBase {
                own: 25,
                arrivals: 2,
                exempted: 1,
                temporarily_exempted: 0,
                temporarily_out: 1,
                in_transit: 0,
                base: 25
            }
        );
    }

    #[test]
    fn mtg_03_temporarily_exempted_and_in_transit_members_are_left_out() {
        let p = MeetingParams::default();
        let cell = UnitId(1);
        assert_eq!(base_role(&member(1), false, cell, &p), BaseRole::Own);
        assert_eq!(
            base_role(&member(1), true, cell, &p),
            BaseRole::Excluded(BaseExclusion::TemporarilyExempted)
        );
        let leaving = MemberState {
            transit: Some(Transit {
                since: day(),
                destination: None,
            }),
            ..member(1)
        };
        assert_eq!(
            base_role(&leaving, false, cell, &p),
            BaseRole::Excluded(BaseExclusion::InTransit)
        );
        assert_eq!(base_role(&leaving, false, UnitId(2), &p), BaseRole::Outside);
        assert_eq!(base_role(&member(2), false, cell, &p), BaseRole::Outside);
        let b = attendance_base([
            base_role(&leaving, false, cell, &p),
            base_role(&member(1), true, cell, &p),
        ]);
        assert_eq!(
            (b.own, b.in_transit, b.temporarily_exempted, b.base),
            (1, 1, 1, 0)
        );
    }

    fn any_state() -> impl Strategy<Value = (MemberState, bool)> {
        (
            1i64..4,
            any::<bool>(),
            proptest::option::of(1i64..4),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(cell, transit, host, exempted, temp_exempted)| {
                let s = MemberState {
                    transit: transit.then_some(Transit {
                        since: day(),
                        destination: None,
                    }),
                    temp_host: host.filter(|h| *h != cell && !transit).map(UnitId),
                    exempted,
                    ..member(cell)
                };
                (s, temp_exempted)
            })
    }

    proptest! {
        #[test]
        fn mtg_03_the_base_never_counts_exempted_or_in_transit_members(
            people in proptest::collection::vec(any_state(), 0..60)
        ) {
            let p = MeetingParams::default();
            let cell = UnitId(1);
            let roles: Vec<BaseRole> = people.iter().map(|(s, t)| base_role(s, *t, cell, &p)).collect();
            for ((s, t), role) in people.iter().zip(&roles) {
                if s.exempted || *t || s.transit.is_some() {
                    prop_assert!(!role.in_base());
                }
            }
            let b = attendance_base(roles.iter().copied());
            let in_base = roles.iter().filter(|r| r.in_base()).count();
            prop_assert_eq!(b.base as usize, in_base);
            prop_assert_eq!(
                b.base + b.exempted + b.temporarily_exempted + b.temporarily_out,
                b.own + b.arrivals
            );
        }
    }
}
