//! One template for every data-entry form: a list of fields, each with its label, value,
//! hint and the Vietnamese error placed next to it.

use askama::Template;
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::AppError;
use chibo_domain::field::FieldError;

use super::layout::Layout;
use crate::error::WebError;
use crate::messages;

#[derive(Debug, Clone)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    /// `text`, `date`, `select`, `checkbox`, `textarea` or `password`.
    pub kind: &'static str,
    pub value: String,
    pub required: bool,
    pub hint: Option<&'static str>,
    pub error: Option<String>,
    pub options: Vec<(String, String)>,
    /// Id of a `<datalist>` of units the field suggests from.
    pub units_list: bool,
    pub autocomplete: &'static str,
    pub inputmode: &'static str,
}

impl Field {
    pub fn text(name: &'static str, value: impl Into<String>) -> Self {
        Self {
            name,
            label: messages::field_label(name),
            kind: "text",
            value: value.into(),
            required: false,
            hint: None,
            error: None,
            options: Vec::new(),
            units_list: false,
            autocomplete: "off",
            inputmode: "text",
        }
    }

    /// A date typed as dd/mm/yyyy (browsers' own date inputs follow the device's locale).
    pub fn date(name: &'static str, value: impl Into<String>) -> Self {
        Self {
            kind: "date",
            inputmode: "numeric",
            hint: Some("ngày/tháng/năm, ví dụ 05/09/2025"),
            ..Self::text(name, value)
        }
    }

    pub fn select(
        name: &'static str,
        value: impl Into<String>,
        options: Vec<(String, String)>,
    ) -> Self {
        Self {
            kind: "select",
            options,
            ..Self::text(name, value)
        }
    }

    /// A single checkbox, posted as `true` when ticked; `checked` is its current state.
    pub fn checkbox(name: &'static str, checked: bool) -> Self {
        Self {
            kind: "checkbox",
            ..Self::text(name, if checked { "true" } else { "" })
        }
    }

    pub fn textarea(name: &'static str, value: impl Into<String>) -> Self {
        Self {
            kind: "textarea",
            ..Self::text(name, value)
        }
    }

    pub fn unit(name: &'static str, value: impl Into<String>) -> Self {
        Self {
            units_list: true,
            hint: Some("gõ tên hoặc mã để chọn"),
            ..Self::text(name, value)
        }
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn hint(mut self, hint: &'static str) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn numeric(mut self) -> Self {
        self.inputmode = "numeric";
        self
    }

    pub fn label(mut self, label: &'static str) -> Self {
        self.label = label;
        self
    }
}

/// Options of a select with an empty first choice.
pub fn options(
    blank: &str,
    items: impl IntoIterator<Item = (&'static str, &'static str)>,
) -> Vec<(String, String)> {
    std::iter::once((String::new(), blank.to_owned()))
        .chain(items.into_iter().map(|(v, l)| (v.to_owned(), l.to_owned())))
        .collect()
}

#[derive(Template)]
#[template(path = "form.html")]
pub struct FormPage {
    pub layout: Layout,
    pub heading: String,
    pub intro: Option<String>,
    pub back: (String, String),
    pub action: String,
    pub form_id: &'static str,
    pub submit: &'static str,
    pub alert: Option<String>,
    pub fields: Vec<Field>,
}

impl FormPage {
    /// Places each field error next to its field; any other error goes in the alert above.
    pub fn with_error(mut self, error: &AppError) -> Self {
        self.alert = place_errors(&mut self.fields, error);
        self
    }

    /// A refused submission (bad fields, a rule's refusal, an unknown reference) comes back as
    /// this form with its errors, at the error's status (422 or 404); any other failure is an
    /// error page.
    pub fn sent_back(self, token: CsrfToken, e: AppError) -> Result<Response, WebError> {
        match e {
            AppError::Invalid(_)
            | AppError::Rule(_)
            | AppError::Refused(_)
            | AppError::Transition(_)
            | AppError::Tree(_)
            | AppError::NoSuchReference { .. } => {
                super::render_status(crate::error::status_of(&e), token, self.with_error(&e))
            }
            other => Err(other.into()),
        }
    }
}

/// Puts each field error of `error` next to its field in `fields`; returns the alert for the
/// rest (a rule's refusal, an error about a field the form does not show).
pub fn place_errors(fields: &mut [Field], error: &AppError) -> Option<String> {
    let mut alert = Some(messages::INVALID.to_owned());
    match error {
        AppError::Invalid(errors) => {
            for e in errors {
                place(fields, &mut alert, e);
            }
        }
        AppError::NoSuchReference { field } => place(
            fields,
            &mut alert,
            &FieldError::new(field, chibo_domain::field::Problem::UnknownUnit),
        ),
        other => alert = Some(crate::error::user_message(other)),
    }
    alert
}

fn place(fields: &mut [Field], alert: &mut Option<String>, e: &FieldError) {
    let text = messages::problem(&e.problem);
    match fields.iter_mut().find(|f| f.name == e.field) {
        Some(f) => f.error = Some(text),
        None => {
            let line = messages::field_error(e);
            *alert = Some(match alert.take() {
                Some(a) => format!("{a} {line}"),
                None => line,
            });
        }
    }
}
