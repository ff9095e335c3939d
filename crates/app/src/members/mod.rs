//! The member registry: adding members, their profile, recording and correcting life-cycle
//! events, and finding members. History is append-only; the member row and the membership
//! periods are projections rewritten in the same transaction.

mod add;
mod event_input;
mod profile;
mod project;
mod record;
mod search;
mod view;

pub use add::{NewMemberInput, add_member};
pub use event_input::EventInput;
pub use profile::{ProfileUpdate, update_profile};
pub use project::NewLife;
pub use record::{VoidInput, record_event, void_event};
pub use search::{SearchQuery, search_members};
pub use view::{EventLine, MemberView, member_view};

pub(crate) use add::add_member_in;
pub(crate) use project::{Append, append_and_project, history_entries, project_new, write_new};
