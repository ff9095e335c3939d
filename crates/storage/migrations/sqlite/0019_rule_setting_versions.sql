-- Rule values with effective dates (GEN-03): every value an administrator sets for a rule
-- setting is a version in force from `valid_from` until the next version of the same key.
-- Append-only: a correction is a newer version. `set_by` is the username (or the system's
-- name, e.g. `cli`), as the audit log keeps it.
CREATE TABLE rule_setting_version (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    valid_from DATE NOT NULL,
    set_at TIMESTAMP NOT NULL,
    set_by TEXT NOT NULL
);

CREATE INDEX rule_setting_version_key ON rule_setting_version (key, valid_from);

-- The values set before versions existed were in force from the start: they become versions
-- valid from 1900-01-01 and are no longer read from app_setting.
INSERT INTO rule_setting_version (key, value, valid_from, set_at, set_by)
SELECT substr(key, 6), value, '1900-01-01', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), 'migration'
FROM app_setting WHERE substr(key, 1, 5) = 'rule.';

DELETE FROM app_setting WHERE substr(key, 1, 5) = 'rule.';
