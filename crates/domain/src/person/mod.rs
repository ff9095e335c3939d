//! A person's particulars as the member record form keeps them (interchange members.csv and
//! more), each parsed into a type that is valid by construction.

mod card_number;
mod citizen_id;
mod contact;
mod full_name;
mod levels;
mod profile;
mod sex;

pub use card_number::CardNumber;
pub use citizen_id::CitizenId;
pub use contact::{Email, Phone};
pub use full_name::FullName;
pub use levels::{PoliticalTheory, ProfessionalLevel};
pub use profile::{MemberProfile, ProfileInput, admin_code};
pub use sex::Sex;
