//! The configurable values of the working-away rules, with the rule catalogue's defaults.

use serde::{Deserialize, Serialize};

/// Settings of the working-away rules. `Default` gives the rule catalogue's values; the
/// contact ones come from provincial practice (Gia Lai, Tuyên Quang, Đồng Tháp), unconfirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwayParams {
    /// AWY-01: a temporary exemption (or a chain of them) lasts under this many months; at
    /// this length a transfer is proposed instead.
    pub temp_exempt_max_months: u32,
    /// AWY-03: a temporary exemption is renewed this many months after it starts.
    pub renewal_months: u32,
    /// AWY-03: days before the renewal date the reminder falls.
    pub renewal_notice_days: u32,
    /// AWY-03: the committee contacts the member at least this often, in days.
    pub contact_interval_days: u32,
    /// AWY-04: barracks-based army and police are excepted from residence ties.
    pub except_barracks: bool,
    /// AWY-04: cadres in full-time study of at least this many months are excepted.
    pub except_study_min_months: u32,
    /// AWY-04: students far from home are excepted.
    pub except_students_away: bool,
}

impl Default for AwayParams {
    fn default() -> Self {
        Self {
            temp_exempt_max_months: 12,
            renewal_months: 6,
            renewal_notice_days: 14,
            contact_interval_days: 30,
            except_barracks: true,
            except_study_min_months: 12,
            except_students_away: true,
        }
    }
}
