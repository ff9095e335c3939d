//! The command line (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Chibo: sổ đảng viên điện tử — the party-member registry.
///
/// The database is chosen by CHIBO_DATABASE_URL (default: sqlite:chibo.sqlite in the working
/// directory; postgres://… for PostgreSQL), or by `database_url` in chibo.toml.
#[derive(Debug, Parser)]
#[command(name = "chibo", version, about, long_about)]
pub struct Cli {
    /// Write logs as JSON lines instead of human-readable text.
    #[arg(long, global = true)]
    pub log_json: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web pages and the API (the default). On an empty database, migrates and
    /// fills demonstration data first, then prints the URL and the demo logins.
    Serve(ServeArgs),
    /// Apply the database migrations and load the administrative reference units.
    Migrate,
    /// Fill an empty database with deterministic demonstration data and demo accounts.
    Demo(DemoArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Import an interchange v1 data set (a folder or a .zip of units.csv, members.csv,
    /// events.csv): every row is checked first; any error and nothing is written, each bad
    /// row reported as file:line:column: reason [code]. Exits 1 when refused.
    Import {
        /// The folder or .zip.
        path: std::path::PathBuf,
        /// Check everything and show what would be written, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export the registry, or a unit's subtree, as interchange v1 (a folder, or a .zip when
    /// the path ends in .zip).
    Export {
        path: std::path::PathBuf,
        /// Only this unit and everything under it (with the units its members' events name).
        #[arg(long)]
        unit: Option<String>,
        /// Only events up to this day (dd/mm/yyyy or yyyy-mm-dd) and units begun by then.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Rebuild every member's state from their events (and every unit's place in the tree)
    /// and report any difference from what is stored; exits 1 if there is one.
    Check,
    /// Write a synthetic data set in interchange format v1 (units.csv, members.csv,
    /// events.csv) into a directory. Needs no database.
    ///
    /// The tree covers the provinces and communes of the 2025 administrative units (all 34
    /// and 3,321 at the national size of 5,600,000 people; fewer at smaller sizes) with the
    /// 2025 reorganisation as re-parented unit versions; people have Vietnamese names and
    /// histories from 1975 to --today. The same --members, --seed and --today give
    /// byte-identical files, on any day the command is run.
    #[command(after_help = "Example: chibo synth --members 64000 --out /tmp/chibo-64k --seed 2026")]
    Synth(SynthArgs),
    /// Statistics as of a date over the whole registry: headcounts, broken down by dimensions,
    /// with flows over a period and a comparison date (interchange.md counting rules).
    Stats(StatsArgs),
    /// Open deadlines as of a date (due soon, due today or overdue): the cell's review of each
    /// probationary member, 30 working days after the 12 months of probation (PRB-01, PRB-02),
    /// and each candidate's certificate validity before the cell vote (ADM-04), admission
    /// decision (ADM-11) and ceremony (ADM-13); subject_key is the member's or candidate's key.
    /// CSV columns: kind,subject_key,subject_name,unit_code,due_date,status.
    Deadlines(DeadlinesArgs),
    /// Early warning before removal as of a date (REM-02, REM-03, AWY-03): each member's months
    /// of unexcused absence and of unpaid fees in the calendar year against the removal
    /// threshold (warned one month before it), and members away with no contact for more than
    /// 3 months. Levels: notice, warning, removal_review.
    /// CSV columns: member_key,full_name,unit_code,reason,count,threshold,level.
    #[command(after_help = "Example: chibo warnings --as-of 2025-07-01 --unit C1-G1 --format csv")]
    Warnings(DeadlinesArgs),
    /// Screening (REM-09) as of a date: each member's latest case (flagged by the cell's secret
    /// ballot, helped by a responsible member, reviewed after the help period), its state
    /// (flagged, helping, kept, exit_proposed, removed), the review's due date (the help plan's
    /// date plus the help period) and whether it is overdue (true or false).
    /// CSV columns: member_key,full_name,unit_code,state,flagged_on,responsible_member,review_due,overdue.
    #[command(
        after_help = "Example: chibo screening --as-of 2026-02-01 --unit C1-G1 --format table"
    )]
    Screening(DeadlinesArgs),
    /// Open procedures as of a date: removal of name (REM-05), complaints against a removal or
    /// a disciplinary measure (REM-06, REM-07) and requests to leave (REM-08) whose recorded
    /// steps up to that day leave them open, with the next due date (a complaint's last day to
    /// be lodged, or to be settled). CSV columns:
    /// member_key,full_name,unit_code,procedure,state,opened_on,next_due.
    #[command(
        after_help = "Example: chibo removals --as-of 2025-08-01 --unit C1-G1 --format table"
    )]
    Removals(DeadlinesArgs),
    /// Members working away on a date (AWY-03); with --no-contact only those with no contact
    /// for longer than --months months (default 3, the warning setting). CSV columns:
    /// member_key,full_name,unit_code,place,since,last_contact,months_without_contact.
    #[command(
        after_help = "Example: chibo away --no-contact --as-of 2025-07-15 --unit C1-G1 --format table"
    )]
    Away(AwayArgs),
    /// Yearly admission targets (TGT-03): set a unit's target, report attainment.
    #[command(subcommand)]
    Targets(TargetsCommand),
    /// Transfers of party activity. With --in-transit: every member whose official transfer
    /// letter was issued on or before --as-of and not closed by then (presented at the
    /// receiving cell or confirmed outside the registry), under the cell they left and every
    /// unit above it, with the days in transit and `overdue` once TRF-02's 30 days have passed
    /// without presentation. CSV columns:
    /// member_key,full_name,from_unit_code,to_unit_code,issued_on,days_in_transit,overdue
    /// (to_unit_code is the organisation's name as printed on the letter when it is outside
    /// the registry; overdue is true or false).
    #[command(
        after_help = "Example: chibo transfers --in-transit --as-of 2025-12-31 --unit C1 --format csv"
    )]
    Transfers(TransfersArgs),
    /// Party fees (FEE-01 … FEE-05).
    #[command(subcommand)]
    Fees(FeesCommand),
    /// The rule values marked configurable (GEN-03), with the rule catalogue's defaults:
    /// admission, transfer, exemption, working-away, meeting, fee and removal thresholds and
    /// time limits, the early warning's values and the deadlines' due-soon window.
    #[command(subcommand)]
    Settings(SettingsCommand),
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Every setting and its value in force (KEY=VALUE lines), or one setting's value.
    Get {
        /// The setting's name, e.g. awareness_cert_valid_months.
        key: Option<String>,
        /// The day the values are in force on (yyyy-mm-dd or dd/mm/yyyy); default today.
        #[arg(long)]
        on: Option<String>,
    },
    /// Sets one value from a day on (a new version; earlier events keep the value in force on
    /// their date), checked against its type and the other values; recorded in the audit
    /// log. Counts are whole numbers; yes/no values are true or false; schooling levels are
    /// none, literate, primary, lower_secondary or upper_secondary; rates are percentages
    /// (0.5 or 0,5%); reduction options a list of percentages (30,50,70,100); months yyyy-mm
    /// or mm/yyyy.
    Set {
        /// The setting's name.
        key: String,
        /// The new value.
        value: String,
        /// The day the value takes effect (yyyy-mm-dd or dd/mm/yyyy); default today.
        #[arg(long)]
        from: Option<String>,
    },
    /// The stored versions (key, value, effective date, set at, set by), of one setting or of
    /// all, by name and effective date.
    History {
        /// The setting's name; default every setting.
        key: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct TransfersArgs {
    /// List the members in transit (the only listing so far; required).
    #[arg(long)]
    pub in_transit: bool,
    /// The day the list stands on (yyyy-mm-dd or dd/mm/yyyy).
    #[arg(long)]
    pub as_of: String,
    /// Only the cells of this unit's subtree (by code); default: the whole registry.
    #[arg(long)]
    pub unit: Option<String>,
    /// csv (default), json or table.
    #[arg(long, default_value = "csv")]
    pub format: String,
}

#[derive(Debug, Subcommand)]
pub enum FeesCommand {
    /// A unit and each unit directly under it for a month: members with a record there, the
    /// fees due for the month, what was paid toward it, and the arrears up to it, in whole
    /// đồng. CSV columns: unit_code,unit_name,members,due,collected,arrears.
    Report(FeesReportArgs),
}

#[derive(Debug, Args)]
pub struct FeesReportArgs {
    /// The unit's code.
    #[arg(long)]
    pub unit: String,
    /// The month (yyyy-mm or mm/yyyy).
    #[arg(long)]
    pub month: String,
    /// csv (default), json or table.
    #[arg(long, default_value = "csv")]
    pub format: String,
}

#[derive(Debug, Subcommand)]
pub enum TargetsCommand {
    /// Set a unit's admission target for a year (replacing the one there was): a count of
    /// admissions, or a percentage of the unit's members on 1 January.
    Set(TargetsSetArgs),
    /// The unit (or every root) and its direct children against their targets. CSV columns:
    /// unit_code,unit_name,target,admitted,percent,forecast. The target of a percentage is
    /// rounded half up to whole people; a unit without its own target shows the sum of its
    /// children's; percent is admitted / target × 100 with two decimals; the forecast is the
    /// admissions so far plus the candidates who can still be admitted this year (past the cell
    /// vote, with the rules' time limits ending within the year).
    Report(TargetsReportArgs),
}

#[derive(Debug, Args)]
pub struct TargetsSetArgs {
    /// The unit's code.
    #[arg(long)]
    pub unit: String,
    /// The year (1930–2100).
    #[arg(long)]
    pub year: String,
    /// A whole number of admissions (give this or --percent).
    #[arg(long)]
    pub count: Option<String>,
    /// A percentage of the members on 1 January, above 0 and at most 100, up to two decimals.
    #[arg(long)]
    pub percent: Option<String>,
}

#[derive(Debug, Args)]
pub struct TargetsReportArgs {
    /// The year (1930–2100).
    #[arg(long)]
    pub year: String,
    /// This unit and its direct children (by code); default: the roots of the registry.
    #[arg(long)]
    pub unit: Option<String>,
    /// Count admissions up to this day (yyyy-mm-dd or dd/mm/yyyy; default today, at most
    /// 31 December of the year).
    #[arg(long)]
    pub as_of: Option<String>,
    /// csv (default), json or table.
    #[arg(long, default_value = "csv")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct AwayArgs {
    /// Only the members with no contact for longer than --months months.
    #[arg(long)]
    pub no_contact: bool,
    /// The day the list stands on (yyyy-mm-dd or dd/mm/yyyy).
    #[arg(long)]
    pub as_of: String,
    /// Only this unit's subtree (by code); default: the whole registry.
    #[arg(long)]
    pub unit: Option<String>,
    /// Months without contact past which a member is listed (default: the warning setting).
    #[arg(long)]
    pub months: Option<String>,
    /// csv (default), json or table.
    #[arg(long, default_value = "csv")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    /// The day the deadlines stand on (yyyy-mm-dd or dd/mm/yyyy).
    #[arg(long)]
    pub as_of: String,
    /// Only this unit's subtree (by code); default: the whole registry.
    #[arg(long)]
    pub unit: Option<String>,
    /// csv (default), json or table.
    #[arg(long, default_value = "csv")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Reporting day (yyyy-mm-dd or dd/mm/yyyy).
    #[arg(long)]
    pub as_of: String,
    /// Count this unit's subtree (by code); default: every root.
    #[arg(long)]
    pub unit: Option<String>,
    /// Comma-separated dimensions: unit, sex, age_band, ethnicity, religion, education,
    /// professional_level, political_theory, party_age_band, status.
    #[arg(long)]
    pub by: Option<String>,
    /// First day of the period measures (inclusive; needs --to).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day of the period measures (inclusive; needs --from).
    #[arg(long)]
    pub to: Option<String>,
    /// Add each as-of measure on this day and the difference.
    #[arg(long)]
    pub compare: Option<String>,
    /// csv (default), json or table.
    #[arg(long, default_value = "csv")]
    pub format: String,
}

#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Address to listen on, e.g. 0.0.0.0:8080 (default 127.0.0.1:8080 or CHIBO_BIND).
    #[arg(long)]
    pub bind: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many members to generate.
    #[arg(long, default_value_t = chibo_app::demo::DEFAULT_MEMBERS)]
    pub members: usize,
    /// Seed of the generator: the same seed gives the same data.
    #[arg(long, default_value_t = chibo_app::demo::DEFAULT_SEED)]
    pub seed: u64,
}

/// Options of `chibo synth`, checked by the command itself so that mistakes are explained in
/// Vietnamese.
#[derive(Debug, Args)]
pub struct SynthArgs {
    /// How many people members.csv holds: everyone who was a member at some time since 1975
    /// (about five in six are members on --today). 1 to 9,999,999; 5600000 is the national
    /// size (about 23 million events, 3 GB of files).
    #[arg(long, value_name = "N")]
    pub members: Option<String>,
    /// The directory to write into; created if missing, its three files replaced.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Seed of the generator [default: 2026].
    #[arg(long, value_name = "S")]
    pub seed: Option<String>,
    /// The day every history ends, YYYY-MM-DD, on or after 2025-07-01 [default: 2026-11-24,
    /// fixed rather than the clock's date so that runs on different days give the same files].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account.
    Add(UserAddArgs),
    /// List the accounts.
    List,
    /// Disable an account (it can no longer log in; its sessions end).
    Disable { username: String },
    /// Enable a disabled account.
    Enable { username: String },
    /// Set an account's password.
    Passwd {
        username: String,
        /// The new password (else CHIBO_PASSWORD, else asked for).
        #[arg(long)]
        password: Option<String>,
    },
    /// Create an API token for an account (shown once).
    Token {
        username: String,
        /// What the token is for.
        #[arg(long, default_value = "api")]
        label: String,
    },
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// Login name: 3–32 lowercase letters, digits, '.', '_' or '-'.
    pub username: String,
    /// Role: admin, officer, secretary, inspector or member.
    #[arg(long)]
    pub role: String,
    /// Display name (default: the username).
    #[arg(long)]
    pub name: Option<String>,
    /// Officers, secretaries, inspectors: the code of the unit whose subtree they work on.
    #[arg(long)]
    pub unit: Option<String>,
    /// Member accounts: the member's key.
    #[arg(long)]
    pub member: Option<String>,
    /// The password (else CHIBO_PASSWORD, else asked for).
    #[arg(long)]
    pub password: Option<String>,
}
