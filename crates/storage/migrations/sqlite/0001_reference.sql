-- Administrative reference units after the 2025 reorganisation (rule ORG-02).
CREATE TABLE province (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    valid_from DATE NOT NULL
);

CREATE TABLE commune (
    code TEXT PRIMARY KEY,
    province_code TEXT NOT NULL REFERENCES province (code),
    name TEXT NOT NULL,
    search_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    valid_from DATE NOT NULL
);

CREATE INDEX commune_province ON commune (province_code);
