//! A registry with a small tree and accounts for each role, built through the services.

use chibo_app::App;
use chibo_app::audit::By;
use chibo_app::members::{NewMemberInput, add_member};
use chibo_app::org::{CreateUnitInput, create_unit};
use chibo_app::users::{NewUserInput, actor_for, add_user};
use chibo_domain::access::{Actor, Role, Scope};
use chibo_domain::ids::MemberId;
use chibo_domain::person::ProfileInput;
use chibo_storage::Engine;
use chibo_testkit::TestDb;

pub struct Fixture {
    pub _db: TestDb,
    pub app: App,
    pub admin: Actor,
}

/// The tree every test starts from:
/// P (province) ─ C1 (commune) ─ C1-G1 (grassroots cell), C1-G2 (grassroots cell)
///              └ C2 (commune) ─ C2-G1 (grassroots cell)
pub const TREE: &[(&str, &str, &str, Option<&str>)] = &[
    ("P", "Đảng bộ tỉnh Đồng Tháp", "province_committee", None),
    ("C1", "Đảng bộ xã Phú Cường", "commune_committee", Some("P")),
    ("C1-G1", "Chi bộ ấp An Lợi", "grassroots_cell", Some("C1")),
    ("C1-G2", "Chi bộ ấp Tân Phú", "grassroots_cell", Some("C1")),
    (
        "C2",
        "Đảng bộ phường Sa Đéc",
        "commune_committee",
        Some("P"),
    ),
    ("C2-G1", "Chi bộ khóm 1", "grassroots_cell", Some("C2")),
];

impl Fixture {
    pub async fn new(engine: Engine) -> Fixture {
        let db = TestDb::fresh(engine).await;
        let app = App::new(db.db.clone());
        let input = NewUserInput {
            username: "quantri".into(),
            display_name: "Quản trị".into(),
            password: "mat-khau-dai".into(),
            role: "admin".into(),
            ..NewUserInput::default()
        };
        let id = add_user(&app, By::System("test"), &input).await.unwrap();
        let admin = actor_for(&app, id).await.unwrap().unwrap();
        assert_eq!(
            (admin.role, &admin.scope),
            (Role::Admin, &Scope::Everything)
        );
        for (code, name, kind, parent) in TREE {
            let input = CreateUnitInput {
                code: (*code).into(),
                name: (*name).into(),
                kind: (*kind).into(),
                parent_code: parent.map(str::to_owned),
                admin_unit_code: None,
                valid_from: "01/01/1990".into(),
            };
            create_unit(&app, &admin, &input).await.unwrap();
        }
        Fixture {
            _db: db,
            app,
            admin,
        }
    }

    /// An account of `role` on `unit` (or for a member), and the actor it acts as.
    pub async fn user(
        &self,
        username: &str,
        role: &str,
        unit: Option<&str>,
        member_key: Option<&str>,
    ) -> Actor {
        let input = NewUserInput {
            username: username.into(),
            display_name: username.into(),
            password: "mat-khau-dai".into(),
            role: role.into(),
            unit_code: unit.map(str::to_owned),
            member_key: member_key.map(str::to_owned),
        };
        let id = add_user(&self.app, By::System("test"), &input)
            .await
            .unwrap();
        actor_for(&self.app, id).await.unwrap().unwrap()
    }

    /// Adds a member admitted to `cell` on `admitted`, official from `recognized` if given.
    pub async fn member(
        &self,
        key: &str,
        name: &str,
        cell: &str,
        admitted: &str,
        recognized: Option<&str>,
    ) -> MemberId {
        let input = NewMemberInput {
            profile: ProfileInput {
                full_name: Some(name.into()),
                sex: Some("M".into()),
                birth_date: Some("15/03/1970".into()),
                ..ProfileInput::default()
            },
            member_key: Some(key.into()),
            cell_code: cell.into(),
            admitted_on: admitted.into(),
            recognized_on: recognized.map(str::to_owned),
            ..NewMemberInput::default()
        };
        add_member(&self.app, &self.admin, &input).await.unwrap()
    }
}
