//! The rule values marked "configurable" in the rule catalogue (GEN-03), kept in the
//! `app_setting` table under `rule.<name>` and read with the catalogue's defaults for those
//! never set: the admission checks' [`AdmissionParams`], the deadlines' warning window and the
//! early warning's [`WarningParams`].
//! Only an administrator (or the command line, as the system) changes them, one at a time,
//! validated and audited. Values have no validity dates yet: the value set is the value in force.

use chibo_domain::access::Permission;
use chibo_domain::admission::{AdmissionParams, EducationLevel};
use chibo_domain::calendar::DEFAULT_DUE_SOON_WORKING_DAYS;
use chibo_domain::field::Problem;
use chibo_domain::warning::{CountWindow, WarningParams};
use chibo_storage::{Tx, settings as repo};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::audit::{self, About, Action, By};
use crate::{App, AppError};

/// The prefix of the rule settings' keys in `app_setting`.
pub const PREFIX: &str = "rule.";

/// Every setting's name, as `chibo settings` takes it.
pub const KEYS: &[&str] = &[
    "admission_decision_wd",
    "admission_extension_wd",
    "awareness_cert_valid_months",
    "ceremony_wd",
    "contact_gap_months",
    "due_soon_working_days",
    "exclude_absent_exempted",
    "fee_grace_days",
    "hardship_min_education",
    "late_payment_cures",
    "max_age_months",
    "max_vote_rounds",
    "min_age_months",
    "min_education",
    "sponsor_min_months_together",
    "sponsors_required",
    "sponsors_with_endorsement",
    "warning_count_window",
    "warning_margin",
    "warning_threshold",
    "youth_age_max_years",
];

const BOOLEANS: &[&str] = &["true", "false"];

/// The configurable rule values in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(flatten)]
    pub admission: AdmissionParams,
    /// How many working days before a deadline it shows as due soon.
    pub due_soon_working_days: u32,
    /// The early warning's threshold, margin, count window and contact gap (REM-02, REM-03,
    /// AWY-03).
    #[serde(flatten)]
    pub warning: WarningParams,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            admission: AdmissionParams::default(),
            due_soon_working_days: DEFAULT_DUE_SOON_WORKING_DAYS,
            warning: WarningParams::default(),
        }
    }
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

    /// The values must make sense together: an age window, at least one sponsor, a youth age,
    /// deadlines of at least one day.
    fn check(&self) -> Result<(), Problem> {
        let a = &self.admission;
        if a.min_age_months >= a.max_age_months {
            return Err(Problem::ConflictsWith {
                other_field: "min_age_months < max_age_months",
            });
        }
        if a.sponsors_with_endorsement > a.sponsors_required {
            return Err(Problem::ConflictsWith {
                other_field: "sponsors_with_endorsement ≤ sponsors_required",
            });
        }
        if a.hardship_min_education > a.min_education {
            return Err(Problem::ConflictsWith {
                other_field: "hardship_min_education ≤ min_education",
            });
        }
        let positive = [
            a.sponsors_required,
            a.awareness_cert_valid_months,
            a.admission_decision_wd,
            a.ceremony_wd,
            a.max_vote_rounds,
            a.youth_age_max_years,
        ];
        let w = &self.warning;
        if positive.contains(&0) || w.threshold == 0 || w.contact_gap_months == 0 {
            return Err(Problem::NotPositive);
        }
        if w.margin >= w.threshold {
            return Err(Problem::ConflictsWith {
                other_field: "warning_margin < warning_threshold",
            });
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

/// Parses `value` as the same kind of value as `current`: a count, a yes/no, a schooling level.
fn parse_like(current: &Value, value: &str, key: &str) -> Result<Value, Problem> {
    match current {
        Value::Bool(_) => match value {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(Problem::NotOneOf { allowed: BOOLEANS }),
        },
        Value::Number(_) => value
            .parse::<u32>()
            .map(Value::from)
            .map_err(|_| Problem::NotACount),
        Value::String(_) if key == "warning_count_window" => CountWindow::parse(value)
            .map(|w| Value::String(w.code().to_owned()))
            .ok_or(Problem::NotOneOf {
                allowed: CountWindow::CODES,
            }),
        Value::String(_) if key.ends_with("education") => EducationLevel::parse(value)
            .map(|l| Value::String(l.code().to_owned()))
            .ok_or(Problem::NotOneOf {
                allowed: EducationLevel::CODES,
            }),
        _ => Err(Problem::NotOneOf { allowed: KEYS }),
    }
}

/// The settings in force, read within a transaction. A stored value that no longer parses
/// (written by another version) is ignored with a warning, so the default applies.
pub async fn load_in(tx: &mut Tx) -> Result<Settings, AppError> {
    let mut s = Settings::default();
    for (key, value) in repo::with_prefix(tx, PREFIX).await? {
        let name = &key[PREFIX.len()..];
        match s.with(name, &value) {
            Ok(next) => s = next,
            Err(_) => tracing::warn!(key, value, "ignored an unusable rule setting"),
        }
    }
    Ok(s)
}

/// The settings in force.
pub async fn load(app: &App) -> Result<Settings, AppError> {
    let mut tx = app.db.read().await?;
    let s = load_in(&mut tx).await?;
    tx.commit().await?;
    Ok(s)
}

#[derive(Serialize)]
struct Change<'a> {
    key: &'a str,
    value: String,
}

/// Sets one rule value (administrators and the system only), audited with the value before
/// and after; the settings now in force.
pub async fn set(app: &App, by: By<'_>, key: &str, value: &str) -> Result<Settings, AppError> {
    if let By::User(actor) = by
        && !actor.can(Permission::ManageUsers)
    {
        return Err(AppError::Forbidden(Permission::ManageUsers));
    }
    let key = key.trim();
    let mut tx = app.db.write().await?;
    let current = load_in(&mut tx).await?;
    let next = current.with(key, value)?;
    let stored = next
        .value_of(key)
        .ok_or_else(|| AppError::Internal(format!("setting {key}")))?;
    repo::put(&mut tx, &format!("{PREFIX}{key}"), &stored).await?;
    let before = current.value_of(key).map(|value| Change { key, value });
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
        Some(&Change { key, value: stored }),
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
