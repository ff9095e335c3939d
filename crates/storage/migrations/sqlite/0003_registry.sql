-- Members, their append-only history (rule GEN-04) and its projections; user accounts.
CREATE TABLE member (
    id INTEGER PRIMARY KEY,
    member_key TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    search_key TEXT NOT NULL,
    sort_key BLOB NOT NULL,
    sex TEXT NOT NULL,
    birth_date DATE NOT NULL,
    citizen_id TEXT UNIQUE,
    card_number TEXT UNIQUE,
    ethnicity TEXT,
    religion TEXT,
    education TEXT,
    professional_level TEXT,
    political_theory TEXT,
    occupation TEXT,
    residence_admin_code TEXT REFERENCES commune (code),
    residential_area_id INTEGER REFERENCES residential_area (id),
    hometown TEXT,
    current_address TEXT,
    phone TEXT,
    email TEXT,
    biography_number TEXT,
    -- The state after the whole history, rebuilt and compared by `chibo check`.
    status TEXT NOT NULL,
    cell_id INTEGER NOT NULL REFERENCES unit (id),
    in_transit BOOLEAN NOT NULL,
    transit_since DATE,
    transit_to_id INTEGER REFERENCES unit (id),
    temp_host_id INTEGER REFERENCES unit (id),
    exempted BOOLEAN NOT NULL,
    working_away BOOLEAN NOT NULL,
    admitted_on DATE NOT NULL,
    recognized_on DATE,
    left_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE INDEX member_cell ON member (cell_id);
CREATE INDEX member_transit_to ON member (transit_to_id);
CREATE INDEX member_sort ON member (sort_key);

CREATE TABLE app_user (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id INTEGER REFERENCES unit (id),
    member_id INTEGER REFERENCES member (id),
    disabled BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Never updated or deleted: a correction is a new row of kind 'void' naming the row it voids.
CREATE TABLE member_event (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member (id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    effective_on DATE NOT NULL,
    unit_id INTEGER REFERENCES unit (id),
    voids_event_id INTEGER REFERENCES member_event (id),
    decision_ref TEXT,
    reason TEXT,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER REFERENCES app_user (id),
    UNIQUE (member_id, seq)
);

CREATE INDEX member_event_unit ON member_event (unit_id);

-- The history cut into spans of constant state while the person is a member.
CREATE TABLE membership_period (
    member_id INTEGER NOT NULL REFERENCES member (id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    standing TEXT NOT NULL,
    cell_id INTEGER NOT NULL REFERENCES unit (id),
    in_transit BOOLEAN NOT NULL,
    transit_to_id INTEGER REFERENCES unit (id),
    temp_host_id INTEGER REFERENCES unit (id),
    exempted BOOLEAN NOT NULL,
    working_away BOOLEAN NOT NULL,
    admitted_on DATE NOT NULL,
    PRIMARY KEY (member_id, valid_from)
);

CREATE INDEX membership_period_cell ON membership_period (cell_id, valid_from);
