//! The rule values marked "configurable" in the rule catalogue (GEN-03), kept as versions with
//! an effective date in `rule_setting_version` and read, for a day, as the latest version of
//! each key effective on or before it, the catalogue's default for those never set: the admission checks' [`AdmissionParams`], the deadlines' warning window, the
//! early warning's [`WarningParams`] and the party-life rules' values (transfers, exemption,
//! working away, meetings, fees, removal), each domain parameter struct flattened in.
//! Only an administrator (or the command line, as the system) changes them, one at a time,
//! validated and audited; a value is never changed in place, a new version is appended.

use chibo_domain::access::Permission;
use chibo_domain::admission::{AdmissionParams, EducationLevel};
use chibo_domain::away::AwayParams;
use chibo_domain::calendar::DEFAULT_DUE_SOON_WORKING_DAYS;
use chibo_domain::exemption::{ExemptCondition, ExemptionParams};
use chibo_domain::fees::{
    FeeParams, parse_percent_bp, parse_percent_list, percent_bp_text, shipped_schedule,
};
use chibo_domain::field::Problem;
use chibo_domain::meetings::MeetingParams;
use chibo_domain::month::YearMonth;
use chibo_domain::recognition::RecognitionParams;
use chibo_domain::removal::RemovalParams;
use chibo_domain::transfer::{DayUnit, TransferParams};
use chibo_domain::warning::{CountWindow, WarningParams};
use chibo_storage::Tx;
use chibo_storage::rule_settings::{self as repo, RuleVersionRow};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::audit::{self, About, Action, By};
use crate::{App, AppError, clock};

/// Every setting's name, as `chibo settings` takes it.
pub const KEYS: &[&str] = &[
    "abroad_cell_min_official",
    "abroad_min_months",
    "admission_decision_wd",
    "admission_extension_wd",
    "awareness_cert_valid_months",
    "ceremony_wd",
    "complaint_wd",
    "contact_gap_months",
    "contact_interval_days",
    "discipline_complaint_months",
    "discipline_in_force_months",
    "due_soon_working_days",
    "except_barracks",
    "except_students_away",
    "except_study_min_months",
    "exclude_absent_exempted",
    "exclude_temporarily_exempted",
    "exclude_temporarily_out",
    "exempt_age_female",
    "exempt_age_male",
    "exempt_condition",
    "exempt_party_age_years",
    "fee_grace_days",
    "fee_rule_from",
    "general_per_year",
    "hardship_min_education",
    "help_period_months",
    "illness_min_months",
    "late_payment_cures",
    "letter_presentation_limit",
    "letter_presentation_unit",
    "max_age_months",
    "max_requests",
    "max_unexcused",
    "max_vote_rounds",
    "min_age_months",
    "min_attendance_pct",
    "min_duration_min",
    "min_education",
    "missing_reason_is_unexcused",
    "official_transfer_start_wd",
    "online_allowed",
    "rate_insured",
    "rate_pension",
    "recognition_decision_wd",
    "recognition_extension_wd",
    "recognition_review_wd",
    "reduction_max_months",
    "reduction_options_pct",
    "regular_per_month",
    "renewal_months",
    "renewal_notice_days",
    "resolve_central_wd",
    "resolve_local_wd",
    "score_band_average",
    "score_band_fair",
    "score_band_good",
    "score_weight_attendance",
    "score_weight_conclusion",
    "score_weight_conduct",
    "score_weight_preparation",
    "sponsor_min_months_together",
    "sponsors_required",
    "sponsors_with_endorsement",
    "temp_exempt_max_months",
    "temp_min_months",
    "temp_study_max_months",
    "temp_work_max_months",
    "thematic_per_quarter",
    "warning_count_window",
    "warning_margin",
    "warning_threshold",
    "year_good_min",
    "youth_age_max_years",
];

const BOOLEANS: &[&str] = &["true", "false"];

/// The configurable rule values in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(flatten)]
    pub admission: AdmissionParams,
    /// How many working days before a deadline it shows as due soon.
    pub due_soon_working_days: u32,
    /// The early warning's threshold, margin, count window and contact gap (REM-02, REM-03,
    /// AWY-03).
    #[serde(flatten)]
    pub warning: WarningParams,
    /// TRF-01, TRF-02, TRF-05, TRF-06.
    #[serde(flatten)]
    pub transfer: TransferParams,
    /// EXM-01.
    #[serde(flatten)]
    pub exemption: ExemptionParams,
    /// AWY-01, AWY-03, AWY-04.
    #[serde(flatten)]
    pub away: AwayParams,
    /// MTG-01 … MTG-06.
    #[serde(flatten)]
    pub meeting: MeetingParams,
    /// FEE-01, FEE-03, FEE-04.
    #[serde(flatten)]
    pub fee: FeeParams,
    /// REM-05, REM-06, REM-07, REM-09.
    #[serde(flatten)]
    pub removal: RemovalParams,
    /// PRB-02, PRB-03.
    #[serde(flatten)]
    pub recognition: RecognitionParams,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            admission: AdmissionParams::default(),
            due_soon_working_days: DEFAULT_DUE_SOON_WORKING_DAYS,
            warning: WarningParams::default(),
            transfer: TransferParams::default(),
            exemption: ExemptionParams::default(),
            away: AwayParams::default(),
            meeting: MeetingParams::default(),
            fee: FeeParams::default(),
            removal: RemovalParams::default(),
            recognition: RecognitionParams::default(),
        }
    }
}

/// The rule a setting belongs to (its first rule where it serves several), `None` for the
/// deadlines' display window, which is no rule.
pub fn rule_of(key: &str) -> Option<&'static str> {
    Some(match key {
        "min_age_months" | "max_age_months" => "ADM-01",
        "min_education" | "hardship_min_education" => "ADM-03",
        "awareness_cert_valid_months" => "ADM-04",
        "sponsor_min_months_together" => "ADM-05",
        "sponsors_required" | "sponsors_with_endorsement" | "youth_age_max_years" => "ADM-06",
        "exclude_absent_exempted" => "ADM-09",
        "admission_decision_wd" | "admission_extension_wd" => "ADM-11",
        "ceremony_wd" => "ADM-13",
        "max_vote_rounds" => "PRB-05",
        "recognition_review_wd" => "PRB-02",
        "recognition_decision_wd" | "recognition_extension_wd" => "PRB-03",
        "warning_threshold" => "REM-01",
        "warning_count_window" | "fee_grace_days" | "late_payment_cures" => "REM-02",
        "warning_margin" => "REM-03",
        "contact_gap_months" => "AWY-03",
        "official_transfer_start_wd" => "TRF-01",
        "letter_presentation_limit" | "letter_presentation_unit" => "TRF-02",
        "temp_min_months" | "temp_work_max_months" | "temp_study_max_months" => "TRF-05",
        "abroad_min_months" | "abroad_cell_min_official" => "TRF-06",
        "exempt_age_male" | "exempt_age_female" | "illness_min_months" | "exempt_condition" => {
            "EXM-01"
        }
        "temp_exempt_max_months" => "AWY-01",
        "renewal_months" | "renewal_notice_days" | "contact_interval_days" => "AWY-03",
        "except_barracks" | "except_study_min_months" | "except_students_away" => "AWY-04",
        "regular_per_month" | "general_per_year" | "online_allowed" => "MTG-01",
        "thematic_per_quarter" => "MTG-02",
        "exclude_temporarily_exempted" | "exclude_temporarily_out" => "MTG-03",
        "min_attendance_pct" | "max_unexcused" | "min_duration_min" => "MTG-04",
        k if k.starts_with("score_") || k == "year_good_min" => "MTG-05",
        "missing_reason_is_unexcused" => "MTG-06",
        "rate_insured" | "rate_pension" => "FEE-01",
        "fee_rule_from" => "GEN-03",
        "exempt_party_age_years" => "FEE-03",
        "reduction_options_pct" | "reduction_max_months" => "FEE-04",
        "max_requests" => "REM-05",
        "complaint_wd" | "resolve_local_wd" | "resolve_central_wd" => "REM-06",
        "discipline_complaint_months" | "discipline_in_force_months" => "REM-07",
        "help_period_months" => "REM-09",
        _ => return None,
    })
}

impl Settings {
    /// The settings as `name → value` text, by name.
    pub fn entries(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = as_object(self)
            .into_iter()
            .map(|(k, v)| (k, text_of(&v)))
            .collect();
        out.sort();
        out
    }

    /// One setting's value as text; `None` for an unknown name.
    pub fn value_of(&self, key: &str) -> Option<String> {
        as_object(self).get(key).map(text_of)
    }

    /// A copy with `key` set from the text `value`, checked for type and consistency.
    pub fn with(&self, key: &str, value: &str) -> Result<Settings, AppError> {
        let key = key.trim();
        let mut map = as_object(self);
        let Some(current) = map.get(key) else {
            return Err(AppError::field("key", Problem::NotOneOf { allowed: KEYS }));
        };
        let parsed =
            parse_like(current, value.trim(), key).map_err(|p| AppError::field("value", p))?;
        map.insert(key.to_owned(), parsed);
        let next: Settings = serde_json::from_value(Value::Object(map))
            .map_err(|_| AppError::field("value", Problem::NotOneOf { allowed: KEYS }))?;
        next.check().map_err(|p| AppError::field("value", p))?;
        Ok(next)
    }

    /// The values must make sense together: windows whose lower end is below the upper one,
    /// counts and time limits of at least one, percentages of at most 100, score weights
    /// adding up to 100 and grade bands in order.
    fn check(&self) -> Result<(), Problem> {
        let conflict = |other_field| Err(Problem::ConflictsWith { other_field });
        let a = &self.admission;
        if a.min_age_months >= a.max_age_months {
            return conflict("min_age_months < max_age_months");
        }
        if a.sponsors_with_endorsement > a.sponsors_required {
            return conflict("sponsors_with_endorsement ≤ sponsors_required");
        }
        if a.hardship_min_education > a.min_education {
            return conflict("hardship_min_education ≤ min_education");
        }
        let (w, t, e, aw, m, f, r) = (
            &self.warning,
            &self.transfer,
            &self.exemption,
            &self.away,
            &self.meeting,
            &self.fee,
            &self.removal,
        );
        let positive = [
            self.recognition.review_wd,
            self.recognition.decision_wd,
            self.recognition.extension_wd,
            a.sponsors_required,
            a.awareness_cert_valid_months,
            a.admission_decision_wd,
            a.ceremony_wd,
            a.max_vote_rounds,
            a.youth_age_max_years,
            w.threshold,
            w.contact_gap_months,
            t.official_transfer_start_wd,
            t.letter_presentation_limit,
            t.temp_min_months,
            t.abroad_min_months,
            t.abroad_cell_min_official,
            e.age_male_years,
            e.age_female_years,
            e.illness_min_months,
            aw.temp_exempt_max_months,
            aw.renewal_months,
            aw.contact_interval_days,
            aw.except_study_min_months,
            m.regular_per_month,
            m.general_per_year,
            m.thematic_per_quarter,
            m.min_duration_min,
            m.year_good_min,
            f.rate_insured_bp,
            f.rate_pension_bp,
            f.exempt_party_age_years,
            f.reduction_max_months,
            r.max_requests,
            r.complaint_wd,
            r.resolve_local_wd,
            r.resolve_central_wd,
            r.discipline_complaint_months,
            r.discipline_in_force_months,
            r.help_period_months,
        ];
        if positive.contains(&0) {
            return Err(Problem::NotPositive);
        }
        if w.margin >= w.threshold {
            return conflict("warning_margin < warning_threshold");
        }
        if t.temp_min_months >= t.temp_work_max_months {
            return conflict("temp_min_months < temp_work_max_months");
        }
        if t.temp_min_months > t.temp_study_max_months {
            return conflict("temp_min_months ≤ temp_study_max_months");
        }
        if aw.renewal_months > aw.temp_exempt_max_months {
            return conflict("renewal_months ≤ temp_exempt_max_months");
        }
        if m.min_attendance_pct > 100 {
            return Err(Problem::OutOfRange { min: 0, max: 100 });
        }
        let s = &m.weights;
        if s.preparation + s.attendance + s.conduct + s.conclusion != 100 {
            return conflict("score_weight_* = 100");
        }
        let b = &m.bands;
        if !(b.average < b.fair && b.fair < b.good && b.good <= 100) {
            return conflict("score_band_average < score_band_fair < score_band_good ≤ 100");
        }
        if m.year_good_min > 12 {
            return Err(Problem::OutOfRange { min: 1, max: 12 });
        }
        if f.rate_pension_bp > f.rate_insured_bp {
            return conflict("rate_pension ≤ rate_insured");
        }
        if f.apply_to(&shipped_schedule()).is_err() {
            return conflict("fee_rule_from");
        }
        if r.resolve_local_wd > r.resolve_central_wd {
            return conflict("resolve_local_wd ≤ resolve_central_wd");
        }
        Ok(())
    }
}

fn as_object(s: &Settings) -> Map<String, Value> {
    match serde_json::to_value(s) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Parses `value` as the same kind of value as `current`: a count, a yes/no, one of a list of
/// codes, a percentage, a list of percentages or a month.
fn parse_like(current: &Value, value: &str, key: &str) -> Result<Value, Problem> {
    let code = |c: Option<&'static str>, allowed: &'static [&'static str]| {
        c.map(|c| Value::String(c.to_owned()))
            .ok_or(Problem::NotOneOf { allowed })
    };
    match (current, key) {
        (Value::Bool(_), _) => match value {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(Problem::NotOneOf { allowed: BOOLEANS }),
        },
        (Value::Number(_), _) => value
            .parse::<u32>()
            .map(Value::from)
            .map_err(|_| Problem::NotACount),
        (Value::String(_), "warning_count_window") => code(
            CountWindow::parse(value).map(CountWindow::code),
            CountWindow::CODES,
        ),
        (Value::String(_), "letter_presentation_unit") => {
            code(DayUnit::parse(value).map(DayUnit::code), DayUnit::CODES)
        }
        (Value::String(_), "exempt_condition") => code(
            ExemptCondition::parse(value).map(ExemptCondition::code),
            ExemptCondition::CODES,
        ),
        (Value::String(_), k) if k.ends_with("education") => code(
            EducationLevel::parse(value).map(EducationLevel::code),
            EducationLevel::CODES,
        ),
        (Value::String(_), "rate_insured" | "rate_pension") => parse_percent_bp(value)
            .map(|bp| Value::String(percent_bp_text(bp)))
            .ok_or(Problem::PercentFormat),
        (Value::String(_), "reduction_options_pct") => parse_percent_list(value)
            .map(|v| {
                let parts: Vec<String> = v.iter().map(u32::to_string).collect();
                Value::String(parts.join(","))
            })
            .ok_or(Problem::PercentFormat),
        (Value::String(_), "fee_rule_from") => {
            YearMonth::parse_input(value).map(|m| Value::String(m.code()))
        }
        _ => Err(Problem::NotOneOf { allowed: KEYS }),
    }
}

/// Every stored version of the rule values, read once: the values in force on any day.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// By key, then effective date, then the order they were set in.
    versions: Vec<RuleVersionRow>,
}

/// One setting as in force on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InForce {
    pub key: String,
    pub value: String,
    /// The rule it belongs to (see [`rule_of`]).
    pub rule: Option<&'static str>,
    /// The day the value took effect; `None` for the catalogue's default.
    pub since: Option<NaiveDate>,
}

impl Timeline {
    /// The version of each key in force on `day`: the latest with `valid_from` ≤ `day` (of
    /// two with the same date, the one set last).
    fn latest_on(&self, day: NaiveDate) -> Vec<&RuleVersionRow> {
        let mut out: Vec<&RuleVersionRow> = Vec::new();
        for v in self.versions.iter().filter(|v| v.valid_from <= day) {
            match out.last_mut() {
                Some(last) if last.key == v.key => *last = v,
                _ => out.push(v),
            }
        }
        out
    }

    /// The settings in force on `day`, refusing values that do not parse or agree.
    fn checked_on(&self, day: NaiveDate) -> Result<Settings, AppError> {
        let mut map = as_object(&Settings::default());
        for v in self.latest_on(day) {
            let Some(current) = map.get(&v.key) else {
                return Err(AppError::field("key", Problem::NotOneOf { allowed: KEYS }));
            };
            let parsed =
                parse_like(current, &v.value, &v.key).map_err(|p| AppError::field("value", p))?;
            map.insert(v.key.clone(), parsed);
        }
        let s: Settings = serde_json::from_value(Value::Object(map))
            .map_err(|_| AppError::field("value", Problem::NotOneOf { allowed: KEYS }))?;
        s.check().map_err(|p| AppError::field("value", p))?;
        Ok(s)
    }

    /// The settings in force on `day`. A stored value that no longer parses or agrees with
    /// the others (written by another version) is left out with a warning, so its default (or
    /// the value before it) applies.
    pub fn on(&self, day: NaiveDate) -> Settings {
        if let Ok(s) = self.checked_on(day) {
            return s;
        }
        let mut s = Settings::default();
        for v in self.latest_on(day) {
            match s.with(&v.key, &v.value) {
                Ok(next) => s = next,
                Err(_) => {
                    tracing::warn!(
                        key = v.key,
                        value = v.value,
                        "ignored an unusable rule setting"
                    )
                }
            }
        }
        s
    }

    /// Every setting in force on `day` with its rule and the day it took effect, by name.
    pub fn in_force(&self, day: NaiveDate) -> Vec<InForce> {
        let settings = self.on(day);
        let latest = self.latest_on(day);
        settings
            .entries()
            .into_iter()
            .map(|(key, value)| {
                let since = latest
                    .iter()
                    .find(|v| v.key == key && settings.value_of(&key).as_deref() == Some(&*value))
                    .map(|v| v.valid_from);
                InForce {
                    rule: rule_of(&key),
                    key,
                    value,
                    since,
                }
            })
            .collect()
    }

    /// The stored versions, of one key or of all, by key and effective date.
    pub fn versions(&self, key: Option<&str>) -> Vec<RuleVersionRow> {
        self.versions
            .iter()
            .filter(|v| key.is_none_or(|k| v.key == k))
            .cloned()
            .collect()
    }
}

/// The [`Timeline`] of the rule values, read within a transaction.
pub async fn timeline(tx: &mut Tx) -> Result<Timeline, AppError> {
    Ok(Timeline {
        versions: repo::all(tx).await?,
    })
}

/// The settings in force on `day` (GEN-03: an event is judged by the values in force on its
/// date): for each key the latest version effective on or before `day`, else the default.
pub async fn load_on(tx: &mut Tx, day: NaiveDate) -> Result<Settings, AppError> {
    Ok(timeline(tx).await?.on(day))
}

/// The settings in force today, read within a transaction.
pub async fn load_in(tx: &mut Tx) -> Result<Settings, AppError> {
    load_on(tx, clock::today()).await
}

/// The settings in force today.
pub async fn load(app: &App) -> Result<Settings, AppError> {
    let mut tx = app.db.read().await?;
    let s = load_in(&mut tx).await?;
    tx.commit().await?;
    Ok(s)
}

/// Reading the settings' list and history: administrators (as for changing them) and the
/// system.
fn may_manage(by: By<'_>) -> Result<(), AppError> {
    match by {
        By::User(actor) if !actor.can(Permission::ManageUsers) => {
            Err(AppError::Forbidden(Permission::ManageUsers))
        }
        _ => Ok(()),
    }
}

/// Every setting in force on `day` (today by default), with its rule and the day it took
/// effect.
pub async fn in_force(
    app: &App,
    by: By<'_>,
    day: Option<NaiveDate>,
) -> Result<Vec<InForce>, AppError> {
    may_manage(by)?;
    let mut tx = app.db.read().await?;
    let t = timeline(&mut tx).await?;
    tx.commit().await?;
    Ok(t.in_force(day.unwrap_or_else(clock::today)))
}

/// The stored versions of `key` (of every setting without one), by key and effective date;
/// an unknown key is refused naming `key`.
pub async fn history(
    app: &App,
    by: By<'_>,
    key: Option<&str>,
) -> Result<Vec<RuleVersionRow>, AppError> {
    may_manage(by)?;
    let key = key.map(str::trim);
    if let Some(k) = key
        && !KEYS.contains(&k)
    {
        return Err(AppError::field("key", Problem::NotOneOf { allowed: KEYS }));
    }
    let mut tx = app.db.read().await?;
    let t = timeline(&mut tx).await?;
    tx.commit().await?;
    Ok(t.versions(key))
}

/// A value to set as typed in a form or an API body: `valid_from` as dd/mm/yyyy or
/// yyyy-mm-dd, today when empty.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SettingInput {
    pub key: String,
    pub value: String,
    pub valid_from: String,
}

/// [`set`] from typed input; a bad date is refused naming `valid_from`. Returns the settings
/// in force on the day the value takes effect, and that day.
pub async fn set_input(
    app: &App,
    by: By<'_>,
    input: &SettingInput,
) -> Result<(Settings, NaiveDate), AppError> {
    let from = match chibo_domain::field::optional(Some(&input.valid_from)) {
        None => clock::today(),
        Some(s) => crate::transfers::day(s).map_err(|p| AppError::field("valid_from", p))?,
    };
    let s = set(app, by, &input.key, &input.value, Some(from)).await?;
    Ok((s, from))
}

/// The CSV header of [`history_csv`].
pub const HISTORY_COLUMNS: [&str; 5] = ["key", "value", "valid_from", "set_at", "set_by"];

/// Versions as CSV (`chibo settings history`): dates as yyyy-mm-dd, instants in UTC.
pub fn history_csv(rows: &[RuleVersionRow]) -> Result<String, AppError> {
    let fail = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HISTORY_COLUMNS).map_err(fail)?;
    for v in rows {
        w.write_record([
            v.key.clone(),
            v.value.clone(),
            v.valid_from.to_string(),
            v.set_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            v.set_by.clone(),
        ])
        .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(format!("csv: {e}")))
}

#[derive(Serialize)]
struct Change<'a> {
    key: &'a str,
    value: String,
    valid_from: NaiveDate,
}

/// Sets one rule value from `valid_from` (today by default) as a new version (administrators
/// and the system only), audited with the value in force on that day before and after. The
/// value must parse and agree with the others on that day and on every later day another
/// version takes effect. Returns the settings in force on `valid_from`.
pub async fn set(
    app: &App,
    by: By<'_>,
    key: &str,
    value: &str,
    valid_from: Option<NaiveDate>,
) -> Result<Settings, AppError> {
    may_manage(by)?;
    let key = key.trim();
    let from = valid_from.unwrap_or_else(clock::today);
    let mut tx = app.db.write().await?;
    let mut t = timeline(&mut tx).await?;
    let current = t.on(from);
    // Parsed and checked against the values in force on the day, and stored in its printed
    // form (e.g. `0,5` as `0.5%`).
    let next = current.with(key, value)?;
    let stored = next
        .value_of(key)
        .ok_or_else(|| AppError::Internal(format!("setting {key}")))?;
    let at = chibo_storage::now();
    let who = match by {
        By::User(a) => a.username.as_str(),
        By::System(name) => name,
    };
    // The new version must also agree with the versions that take effect after it.
    t.versions.push(RuleVersionRow {
        id: i64::MAX,
        key: key.to_owned(),
        value: stored.clone(),
        valid_from: from,
        set_at: at,
        set_by: who.to_owned(),
    });
    t.versions
        .sort_by(|a, b| (&a.key, a.valid_from, a.id).cmp(&(&b.key, b.valid_from, b.id)));
    let later: Vec<NaiveDate> = t
        .versions
        .iter()
        .map(|v| v.valid_from)
        .filter(|d| *d > from)
        .collect();
    for day in later {
        t.checked_on(day)?;
    }
    repo::insert(&mut tx, key, &stored, from, at, who).await?;
    let before = current.value_of(key).map(|value| Change {
        key,
        value,
        valid_from: from,
    });
    audit::record(
        &mut tx,
        by,
        Action::SettingSet,
        About {
            kind: "setting",
            id: Some(key.to_owned()),
            label: None,
            unit_path: None,
        },
        before.as_ref(),
        Some(&Change {
            key,
            value: stored,
            valid_from: from,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gen_03_every_setting_is_listed_with_the_rule_defaults() {
        let d = Settings::default();
        let names: Vec<String> = d.entries().into_iter().map(|(k, _)| k).collect();
        assert_eq!(names, KEYS);
        assert_eq!(d.value_of("min_age_months").as_deref(), Some("216"));
        assert_eq!(
            d.value_of("min_education").as_deref(),
            Some("lower_secondary")
        );
        assert_eq!(d.value_of("due_soon_working_days").as_deref(), Some("5"));
        assert_eq!(d.value_of("warning_threshold").as_deref(), Some("3"));
        assert_eq!(
            d.value_of("warning_count_window").as_deref(),
            Some("calendar_year")
        );
        // The party-life rules, sections 6 to 11 of the catalogue.
        for (key, default) in [
            ("official_transfer_start_wd", "60"),
            ("letter_presentation_limit", "30"),
            ("letter_presentation_unit", "calendar_days"),
            ("temp_min_months", "3"),
            ("temp_work_max_months", "12"),
            ("temp_study_max_months", "24"),
            ("abroad_min_months", "12"),
            ("abroad_cell_min_official", "3"),
            ("exempt_age_male", "60"),
            ("exempt_age_female", "55"),
            ("illness_min_months", "3"),
            ("exempt_condition", "age_or_health"),
            ("temp_exempt_max_months", "12"),
            ("renewal_months", "6"),
            ("contact_interval_days", "30"),
            ("renewal_notice_days", "14"),
            ("regular_per_month", "1"),
            ("online_allowed", "false"),
            ("thematic_per_quarter", "1"),
            ("min_attendance_pct", "85"),
            ("max_unexcused", "0"),
            ("min_duration_min", "90"),
            ("score_weight_conduct", "45"),
            ("score_band_good", "90"),
            ("year_good_min", "7"),
            ("missing_reason_is_unexcused", "true"),
            ("rate_insured", "1%"),
            ("rate_pension", "0.5%"),
            ("fee_rule_from", "2026-03"),
            ("exempt_party_age_years", "50"),
            ("reduction_options_pct", "30,50,70,100"),
            ("reduction_max_months", "12"),
            ("max_requests", "3"),
            ("complaint_wd", "30"),
            ("resolve_local_wd", "90"),
            ("resolve_central_wd", "180"),
            ("discipline_complaint_months", "1"),
            ("help_period_months", "12"),
        ] {
            assert_eq!(d.value_of(key).as_deref(), Some(default), "{key}");
        }
        // Every setting but the deadlines' display window names its rule.
        for key in KEYS {
            assert_eq!(
                rule_of(key).is_none(),
                *key == "due_soon_working_days",
                "{key}"
            );
        }
    }

    #[test]
    fn gen_03_party_life_values_are_typed_and_checked_together() {
        let d = Settings::default();
        let s = d.with("letter_presentation_unit", "working_days").unwrap();
        assert_eq!(
            s.transfer.letter_presentation(),
            chibo_domain::calendar::Limit::WorkingDays(30)
        );
        let s = d.with("rate_pension", "0,75").unwrap();
        assert_eq!(s.fee.rate_pension_bp, 75);
        assert_eq!(s.value_of("rate_pension").as_deref(), Some("0.75%"));
        let s = d.with("reduction_options_pct", "50, 100").unwrap();
        assert_eq!(s.fee.reduction_options_pct, vec![50, 100]);
        let s = d.with("fee_rule_from", "05/2026").unwrap();
        assert_eq!(s.value_of("fee_rule_from").as_deref(), Some("2026-05"));
        let s = d.with("exempt_condition", "age_and_health").unwrap();
        assert_eq!(s.exemption.condition, ExemptCondition::AgeAndHealth);
        let s = d.with("temp_work_max_months", "18").unwrap();
        assert_eq!(s.transfer.temp_work_max_months, 18);
        let problem = |r: Result<Settings, AppError>| match r {
            Err(AppError::Invalid(v)) => (v[0].field, v[0].problem.clone()),
            other => panic!("{other:?}"),
        };
        let conflict = |r| matches!(problem(r), ("value", Problem::ConflictsWith { .. }));
        assert_eq!(
            problem(d.with("rate_insured", "120")),
            ("value", Problem::PercentFormat)
        );
        assert_eq!(
            problem(d.with("reduction_options_pct", "30,abc")),
            ("value", Problem::PercentFormat)
        );
        assert_eq!(
            problem(d.with("fee_rule_from", "tháng ba")),
            ("value", Problem::InvalidDate)
        );
        assert_eq!(
            problem(d.with("min_attendance_pct", "101")),
            ("value", Problem::OutOfRange { min: 0, max: 100 })
        );
        assert!(matches!(
            problem(d.with("letter_presentation_unit", "weeks")),
            ("value", Problem::NotOneOf { .. })
        ));
        assert_eq!(
            problem(d.with("help_period_months", "0")),
            ("value", Problem::NotPositive)
        );
        assert!(conflict(d.with("temp_min_months", "12")));
        assert!(conflict(d.with("score_weight_conduct", "50")));
        assert!(conflict(d.with("score_band_fair", "95")));
        assert!(conflict(d.with("renewal_months", "13")));
        assert!(conflict(d.with("resolve_local_wd", "200")));
        assert!(conflict(d.with("rate_pension", "2")));
        assert!(conflict(d.with("fee_rule_from", "2010-01")));
    }

    #[test]
    fn gen_03_values_are_typed_and_checked_together() {
        let d = Settings::default();
        let s = d.with("awareness_cert_valid_months", "48").unwrap();
        assert_eq!(s.admission.awareness_cert_valid_months, 48);
        let s = d.with("exclude_absent_exempted", "true").unwrap();
        assert!(s.admission.exclude_absent_exempted);
        let s = d.with("warning_count_window", "rolling_12_months").unwrap();
        assert_eq!(s.warning.count_window, CountWindow::Rolling12Months);
        assert!(d.with("warning_margin", "3").is_err());
        let s = d.with("min_education", "primary").unwrap();
        assert_eq!(s.admission.min_education, EducationLevel::Primary);
        let field = |r: Result<Settings, AppError>| match r {
            Err(AppError::Invalid(v)) => (v[0].field, v[0].problem.clone()),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(d.with("nope", "1")),
            ("key", Problem::NotOneOf { allowed: KEYS })
        );
        assert_eq!(
            field(d.with("ceremony_wd", "-3")),
            ("value", Problem::NotACount)
        );
        assert_eq!(
            field(d.with("ceremony_wd", "0")),
            ("value", Problem::NotPositive)
        );
        assert!(matches!(
            field(d.with("min_age_months", "800")),
            ("value", Problem::ConflictsWith { .. })
        ));
        assert!(matches!(
            field(d.with("exclude_absent_exempted", "yes")),
            ("value", Problem::NotOneOf { .. })
        ));
        assert!(matches!(
            field(d.with("hardship_min_education", "upper_secondary")),
            ("value", Problem::ConflictsWith { .. })
        ));
    }
}
