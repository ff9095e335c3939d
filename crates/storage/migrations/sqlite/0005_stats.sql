-- Freshness of the in-memory statistics index (docs/architecture.md, "Statistics"): a
-- registry version bumped by every write that changes statistics, in the same transaction,
-- and what each version changed. Updating the one counter row serialises those writers, so
-- versions become visible in commit order and an index that has applied version v has seen
-- every change up to v.
CREATE TABLE registry_version (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL
);

INSERT INTO registry_version (id, version) VALUES (1, 0);

-- One row per changed member or unit of a version; both empty: everything changed (a bulk
-- import), so indexes reload from scratch.
CREATE TABLE registry_change (
    version INTEGER NOT NULL,
    member_id INTEGER,
    unit_id INTEGER,
    recorded_at TIMESTAMP NOT NULL
);

CREATE INDEX registry_change_version ON registry_change (version);
