//! Early warning before removal (rules REM-02 … REM-04, AWY-03): the months of unexcused
//! absence and of unpaid fees counted per year, the level each count has reached, and members
//! working away whose contact has lapsed, as rows of the warning report.

mod count;
mod level;
mod params;
mod report;

pub use count::{Absence, count_window, counted_absence_months, counted_unpaid_months};
pub use level::{WarningLevel, WarningReason, level_for};
pub use params::{CountWindow, WarningParams};
pub use report::{MemberWatch, WarningRow, evaluate};
