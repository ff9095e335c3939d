//! A test client: the whole router, a cookie jar, and the CSRF token of the session.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chibo_app::App;
use chibo_app::audit::By;
use chibo_app::members::{NewMemberInput, add_member};
use chibo_app::org::{CreateUnitInput, create_unit};
use chibo_app::users::{NewUserInput, actor_for, add_user};
use chibo_domain::person::ProfileInput;
use chibo_testkit::{Engine, TestDb};
use chibo_web::{AppState, WebConfig};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const PASSWORD: &str = "mat-khau-dai";

pub struct Response {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Response {
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }
}

#[derive(Clone)]
pub struct Client {
    router: Router,
    cookies: BTreeMap<String, String>,
    pub csrf: String,
}

impl Client {
    pub fn new(router: Router) -> Self {
        Self {
            router,
            cookies: BTreeMap::new(),
            csrf: String::new(),
        }
    }

    pub async fn send(&mut self, req: Request<Body>) -> Response {
        let mut req = req;
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            req.headers_mut()
                .insert(header::COOKIE, cookie.parse().unwrap());
        }
        let res = self.router.clone().oneshot(req).await.unwrap();
        for v in res.headers().get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap();
            let pair = v.split(';').next().unwrap();
            let (k, val) = pair.split_once('=').unwrap();
            if v.contains("Max-Age=0") || val.is_empty() {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), val.to_owned());
            }
        }
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(token) = meta_csrf(&body) {
            self.csrf = token;
        }
        Response {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&mut self, path: &str) -> Response {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    /// Posts a form with the session's CSRF token.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", self.csrf.as_str())];
        all.extend_from_slice(fields);
        let body = serde_urlencoded::to_string(&all).unwrap();
        self.post_raw(path, body).await
    }

    pub async fn post_raw(&mut self, path: &str, body: String) -> Response {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// Posts `multipart/form-data`: text fields (the session's CSRF token first) and one file.
    pub async fn upload(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file_name: &str,
        bytes: &[u8],
        with_token: bool,
    ) -> Response {
        let boundary = "chibo-test-boundary";
        let mut body = Vec::new();
        let text = |name: &str, value: &str, body: &mut Vec<u8>| {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
        };
        if with_token {
            let token = self.csrf.clone();
            text("csrf_token", &token, &mut body);
        }
        for (k, v) in fields {
            text(k, v, &mut body);
        }
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/zip\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = Request::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    pub async fn json(
        &mut self,
        method: &str,
        path: &str,
        body: serde_json::Value,
        bearer: Option<&str>,
    ) -> Response {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(t) = bearer {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.send(req.body(Body::from(body.to_string())).unwrap())
            .await
    }

    pub async fn login(&mut self, username: &str) -> Response {
        self.get("/login").await;
        let r = self
            .post("/login", &[("username", username), ("password", PASSWORD)])
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "login of {username} failed: {}",
            r.body
        );
        // Pick up the token of the new session's pages.
        self.get("/login").await;
        r
    }
}

fn meta_csrf(body: &str) -> Option<String> {
    let start =
        body.find("name=\"csrf-token\" content=\"")? + "name=\"csrf-token\" content=\"".len();
    let end = body[start..].find('"')? + start;
    let token = &body[start..end];
    (!token.is_empty()).then(|| token.to_owned())
}

/// A registry with two communes and accounts of every role; the member whose data must not
/// leak lives in C1.
pub struct World {
    pub _db: TestDb,
    pub app: App,
    pub router: Router,
    pub secret_member: i64,
    #[allow(dead_code)]
    pub other_member: i64,
    /// An import job of officer1's that was refused (it has errors to download).
    pub job: i64,
}

pub const SECRET_NAME: &str = "Nguyễn Thị Bí Mật";
pub const SECRET_CITIZEN_ID: &str = "001099000111";

impl World {
    pub async fn new(engine: Engine) -> World {
        let db = TestDb::fresh(engine).await;
        let app = App::new(db.db.clone());
        let system = By::System("test");
        let admin_input = NewUserInput {
            username: "quantri".into(),
            display_name: "Quản trị".into(),
            password: PASSWORD.into(),
            role: "admin".into(),
            ..NewUserInput::default()
        };
        let admin_id = add_user(&app, system, &admin_input).await.unwrap();
        let admin = actor_for(&app, admin_id).await.unwrap().unwrap();
        let units = [
            (
                "P",
                "Đảng bộ tỉnh Đồng Tháp",
                "province_committee",
                None,
                None,
            ),
            (
                "C1",
                "Đảng bộ xã Phú Cường",
                "commune_committee",
                Some("P"),
                Some("29983"),
            ),
            (
                "C1-G1",
                "Chi bộ ấp An Lợi",
                "grassroots_cell",
                Some("C1"),
                None,
            ),
            (
                "C2",
                "Đảng bộ phường Sa Đéc",
                "commune_committee",
                Some("P"),
                None,
            ),
            (
                "C2-G1",
                "Chi bộ khóm 1",
                "grassroots_cell",
                Some("C2"),
                None,
            ),
        ];
        for (code, name, kind, parent, admin_unit) in units {
            let input = CreateUnitInput {
                code: code.into(),
                name: name.into(),
                kind: kind.into(),
                parent_code: parent.map(str::to_owned),
                admin_unit_code: admin_unit.map(str::to_owned),
                valid_from: "01/01/1990".into(),
            };
            create_unit(&app, &admin, &input).await.unwrap();
        }
        let member = |key: &str, name: &str, cell: &str, cid: Option<&str>| NewMemberInput {
            profile: ProfileInput {
                full_name: Some(name.into()),
                sex: Some("F".into()),
                birth_date: Some("01/01/1970".into()),
                citizen_id: cid.map(str::to_owned),
                phone: Some("0912345678".into()),
                ..ProfileInput::default()
            },
            member_key: Some(key.into()),
            cell_code: cell.into(),
            admitted_on: "01/02/2000".into(),
            recognized_on: Some("01/02/2001".into()),
            ..NewMemberInput::default()
        };
        let secret = add_member(
            &app,
            &admin,
            &member("secret", SECRET_NAME, "C1-G1", Some(SECRET_CITIZEN_ID)),
        )
        .await
        .unwrap();
        let other = add_member(
            &app,
            &admin,
            &member("other", "Trần Văn Khác", "C2-G1", None),
        )
        .await
        .unwrap();
        let area = chibo_app::org::AreaInput {
            name: "Ấp An Lợi".into(),
            kind: "ap".into(),
            covering_unit_code: Some("C1-G1".into()),
        };
        chibo_app::org::add_area(&app, &admin, "C1", &area)
            .await
            .unwrap();
        let accounts = [
            ("officer1", "officer", Some("C1"), None),
            ("officer2", "officer", Some("C2"), None),
            ("secretary2", "secretary", Some("C2-G1"), None),
            ("inspector1", "inspector", Some("C1"), None),
            ("inspector2", "inspector", Some("C2"), None),
            ("member2", "member", None, Some("other")),
            ("member1", "member", None, Some("secret")),
        ];
        for (username, role, unit, member_key) in accounts {
            let input = NewUserInput {
                username: username.into(),
                display_name: username.into(),
                password: PASSWORD.into(),
                role: role.into(),
                unit_code: unit.map(str::to_owned),
                member_key: member_key.map(str::to_owned),
            };
            add_user(&app, system, &input).await.unwrap();
        }
        let officer1 = chibo_app::users::login(&app, "officer1", PASSWORD, None)
            .await
            .unwrap()
            .actor;
        let upload = tempfile::NamedTempFile::new()
            .unwrap()
            .into_temp_path()
            .keep()
            .unwrap();
        std::fs::write(&upload, b"not a zip").unwrap();
        let render: std::sync::Arc<chibo_app::interchange::jobs::ErrorCsv> =
            std::sync::Arc::new(chibo_web::pages::imports::errors_csv);
        let job =
            chibo_app::interchange::jobs::start(&app, &officer1, upload, "x.zip", false, render)
                .await
                .unwrap();
        while chibo_app::interchange::jobs::job(&app, &officer1, job)
            .await
            .unwrap()
            .status
            == "running"
        {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let state = AppState::new(
            app.clone(),
            WebConfig {
                secure_cookies: false,
                csrf_secret: "test-secret".into(),
            },
        );
        let router = chibo_web::router(state);
        World {
            _db: db,
            app,
            router,
            secret_member: secret.0,
            other_member: other.0,
            job,
        }
    }

    pub fn client(&self) -> Client {
        Client::new(self.router.clone())
    }

    pub async fn signed_in(&self, username: &str) -> Client {
        let mut c = self.client();
        c.login(username).await;
        c
    }
}
