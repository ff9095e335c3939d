-- The party organisation tree, effective-dated (interchange units.csv, rule ORG-09).
CREATE TABLE unit (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

-- One row per version; a rename or move closes the current row and opens a new one.
CREATE TABLE unit_version (
    unit_id INTEGER NOT NULL REFERENCES unit (id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    parent_id INTEGER REFERENCES unit (id),
    name TEXT NOT NULL,
    search_key TEXT NOT NULL,
    sort_key BLOB NOT NULL,
    kind TEXT NOT NULL,
    admin_unit_code TEXT,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (unit_id, valid_from)
);

CREATE INDEX unit_version_parent ON unit_version (parent_id, valid_from);

-- Derived from unit_version: the full path of a unit for each period its ancestry is constant.
CREATE TABLE unit_path (
    unit_id INTEGER NOT NULL REFERENCES unit (id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    path TEXT NOT NULL,
    depth INTEGER NOT NULL,
    PRIMARY KEY (unit_id, valid_from)
);

CREATE INDEX unit_path_path ON unit_path (path);

-- Predecessor and successor links (a merged unit points at the one that absorbed it).
CREATE TABLE unit_link (
    from_unit_id INTEGER NOT NULL REFERENCES unit (id),
    to_unit_id INTEGER NOT NULL REFERENCES unit (id),
    kind TEXT NOT NULL,
    effective_on DATE NOT NULL,
    PRIMARY KEY (from_unit_id, to_unit_id, kind)
);

-- Residential units below a commune and the cell that covers each (rule ORG-11).
CREATE TABLE residential_area (
    id INTEGER PRIMARY KEY,
    commune_code TEXT NOT NULL REFERENCES commune (code),
    name TEXT NOT NULL,
    search_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    covering_unit_id INTEGER REFERENCES unit (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (commune_code, search_key)
);

CREATE INDEX residential_area_unit ON residential_area (covering_unit_id);
