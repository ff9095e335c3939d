-- Sessions, API tokens, login throttling, the audit log and instance settings.
CREATE TABLE web_session (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at_ms INTEGER NOT NULL
);

CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user (id),
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);

CREATE TABLE login_attempt (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    client TEXT,
    at_ms INTEGER NOT NULL,
    succeeded BOOLEAN NOT NULL
);

CREATE INDEX login_attempt_username ON login_attempt (username, at_ms);
CREATE INDEX login_attempt_client ON login_attempt (client, at_ms);

-- Append-only: who did or saw what, when, with the state before and after.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    user_id INTEGER REFERENCES app_user (id),
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id TEXT,
    target_label TEXT,
    unit_path TEXT,
    before_json TEXT,
    after_json TEXT
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_unit_path ON audit_log (unit_path);
CREATE INDEX audit_log_user ON audit_log (user_id, at);

CREATE TABLE app_setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
