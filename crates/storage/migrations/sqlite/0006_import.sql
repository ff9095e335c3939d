-- Imports started from the web: they run in the background and report progress here, so a
-- closed browser loses nothing and another instance can show the progress.
CREATE TABLE import_job (
    id INTEGER PRIMARY KEY,
    user_id INTEGER REFERENCES app_user (id),
    username TEXT NOT NULL,
    file_name TEXT NOT NULL,
    dry_run BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    stage TEXT NOT NULL,
    done INTEGER NOT NULL,
    total INTEGER NOT NULL,
    counts_json TEXT,
    errors_total INTEGER NOT NULL,
    errors_csv TEXT,
    message TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);

CREATE INDEX import_job_user ON import_job (user_id, created_at);
