//! What every page's frame needs: title, the signed-in user, navigation and the CSRF token.

use axum_csrf::CsrfToken;
use chibo_domain::access::{Actor, Permission, Scope};

use crate::messages;

/// The sections of the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Tree,
    Stats,
    Members,
    Candidates,
    Audit,
    Imports,
    Calendar,
    Settings,
    Meetings,
    Fees,
    Me,
    Away,
    None,
}

impl Section {
    fn name(self) -> &'static str {
        match self {
            Self::Dashboard => "dashboard",
            Self::Tree => "tree",
            Self::Stats => "stats",
            Self::Members => "members",
            Self::Candidates => "candidates",
            Self::Audit => "audit",
            Self::Imports => "imports",
            Self::Calendar => "calendar",
            Self::Settings => "settings",
            Self::Meetings => "meetings",
            Self::Fees => "fees",
            Self::Me => "me",
            Self::Away => "away",
            Self::None => "",
        }
    }
}

/// The signed-in user as the frame shows them.
#[derive(Debug, Clone)]
pub struct NavUser {
    pub username: String,
    pub role: &'static str,
    pub can_tree: bool,
    pub can_members: bool,
    pub can_audit: bool,
    pub can_import: bool,
    pub can_calendar: bool,
    /// May change the rule settings (administrators).
    pub can_settings: bool,
    pub own_member: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub title: String,
    pub user: Option<NavUser>,
    pub csrf: String,
    pub section: Section,
}

impl Layout {
    pub fn new(
        actor: &Actor,
        token: &CsrfToken,
        title: impl Into<String>,
        section: Section,
    ) -> Self {
        let own_member = match actor.scope {
            Scope::OwnRecord(m) => Some(m.0),
            _ => None,
        };
        Self {
            title: title.into(),
            user: Some(NavUser {
                username: actor.username.clone(),
                role: messages::role(actor.role.code()),
                can_tree: actor.can(Permission::ViewUnits) && actor.scope.unit_prefix().is_some(),
                can_members: actor.can(Permission::ViewMembers),
                can_audit: actor.can(Permission::ViewAudit),
                can_import: actor.can(Permission::ManageTree) && actor.can(Permission::EditMembers),
                can_calendar: actor.can(Permission::ManageCalendar)
                    && actor.scope == Scope::Everything,
                can_settings: actor.can(Permission::ManageUsers),
                own_member,
            }),
            csrf: token.authenticity_token().unwrap_or_default(),
            section,
        }
    }

    /// The frame of a page shown to someone not signed in (login, errors).
    pub fn anonymous(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            user: None,
            csrf: String::new(),
            section: Section::None,
        }
    }

    pub fn with_token(title: impl Into<String>, token: &CsrfToken) -> Self {
        Self {
            csrf: token.authenticity_token().unwrap_or_default(),
            ..Self::anonymous(title)
        }
    }

    /// `aria-current` of the navigation link to `section`.
    pub fn current(&self, section: &str) -> &'static str {
        if section == self.section.name() {
            "page"
        } else {
            "false"
        }
    }
}
