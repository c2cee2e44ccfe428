-- 0002 requirements workspace: procurements with phases and DPS categories, participation of
-- municipalities and regions, the versioned specification, municipal submissions, support, comments,
-- spreadsheet imports, and full-text search (FTS5) over submissions and requirements.

CREATE TABLE procurements (
    id TEXT NOT NULL PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    cpv_codes TEXT NOT NULL,
    procedure_type TEXT NOT NULL CHECK (procedure_type IN ('DynamicPurchasingSystem')),
    valid_from TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('Collection', 'Compilation', 'Prioritisation', 'Review', 'Published')),
    owner_organisation_id TEXT NOT NULL REFERENCES organisations (id),
    created_by TEXT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    -- Moves on with every change to the procurement's needs, their support, its participants or categories (triggers below).
    list_version INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE procurement_phases (
    procurement_id TEXT NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    planned_start TEXT NULL,
    planned_end TEXT NULL,
    PRIMARY KEY (procurement_id, phase)
);

CREATE TABLE procurement_categories (
    id TEXT NOT NULL PRIMARY KEY,
    procurement_id TEXT NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    UNIQUE (procurement_id, number)
);

CREATE TABLE participations (
    procurement_id TEXT NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    status TEXT NOT NULL CHECK (status IN ('Invited', 'Joined', 'Declined')),
    invited_at TEXT NOT NULL,
    invited_by TEXT NULL REFERENCES users (id),
    responded_at TEXT NULL,
    responded_by TEXT NULL REFERENCES users (id),
    PRIMARY KEY (procurement_id, organisation_id)
);
CREATE INDEX ix_participations_organisation ON participations (organisation_id);

CREATE TABLE requirements (
    id TEXT NOT NULL PRIMARY KEY,
    procurement_id TEXT NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    category_id TEXT NULL REFERENCES procurement_categories (id),
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    version INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('Kval', 'Ska', 'Bor', 'Kv')),
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    motiv TEXT NOT NULL,
    verifikat TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Draft', 'Approved', 'Removed')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NULL REFERENCES users (id)
);
CREATE INDEX ix_requirements_order ON requirements (procurement_id, section, category_id, position);

CREATE TABLE requirement_versions (
    requirement_id TEXT NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    code TEXT NOT NULL,
    section TEXT NOT NULL,
    category_id TEXT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    motiv TEXT NOT NULL,
    verifikat TEXT NOT NULL,
    status TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    PRIMARY KEY (requirement_id, version)
);

CREATE TABLE imports (
    id TEXT NOT NULL PRIMARY KEY,
    procurement_id TEXT NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    file_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Previewed', 'Running', 'Completed', 'Failed')),
    total_rows INTEGER NOT NULL,
    processed_rows INTEGER NOT NULL DEFAULT 0,
    error_count INTEGER NOT NULL,
    payload TEXT NOT NULL,
    message TEXT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT NULL
);

CREATE TABLE submissions (
    id TEXT NOT NULL PRIMARY KEY,
    procurement_id TEXT NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    created_by TEXT NULL REFERENCES users (id),
    text TEXT NOT NULL,
    suggested_kind TEXT NULL CHECK (suggested_kind IN ('Kval', 'Ska', 'Bor', 'Kv')),
    motiv TEXT NULL,
    category_id TEXT NULL REFERENCES procurement_categories (id),
    status TEXT NOT NULL CHECK (status IN ('Active', 'Withdrawn')),
    source TEXT NOT NULL CHECK (source IN ('Form', 'Import', 'Seed')),
    import_id TEXT NULL REFERENCES imports (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
-- The triage list: its page of ids (newest first in index order), the filters on kind, category and organisation and
-- the count are answered from the index alone; only the page's fifty rows are read from the table.
CREATE INDEX ix_submissions_list ON submissions (procurement_id, status, created_at, id, organisation_id, suggested_kind, category_id);
CREATE INDEX ix_submissions_organisation ON submissions (procurement_id, organisation_id, status, created_at);

CREATE TABLE supports (
    id TEXT NOT NULL PRIMARY KEY,
    procurement_id TEXT NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    requirement_id TEXT NULL REFERENCES requirements (id),
    submission_id TEXT NULL REFERENCES submissions (id),
    comment TEXT NULL,
    created_by TEXT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    CHECK ((requirement_id IS NULL) <> (submission_id IS NULL))
);
CREATE UNIQUE INDEX ux_supports_requirement ON supports (organisation_id, requirement_id) WHERE requirement_id IS NOT NULL;
CREATE UNIQUE INDEX ux_supports_submission ON supports (organisation_id, submission_id) WHERE submission_id IS NOT NULL;
CREATE INDEX ix_supports_procurement ON supports (procurement_id);
CREATE INDEX ix_supports_requirement_target ON supports (requirement_id);
CREATE INDEX ix_supports_submission_target ON supports (submission_id);

CREATE TABLE comments (
    id TEXT NOT NULL PRIMARY KEY,
    procurement_id TEXT NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    requirement_id TEXT NOT NULL REFERENCES requirements (id),
    parent_id TEXT NULL REFERENCES comments (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    author_user_id TEXT NOT NULL REFERENCES users (id),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_comments_requirement ON comments (requirement_id, created_at);

-- Full-text search. External-content FTS5 tables over the rows above, kept in step by triggers.
-- unicode61 without diacritic folding: å, ä and ö are letters of their own in Swedish.
CREATE VIRTUAL TABLE submissions_fts USING fts5(
    text, motiv, content = 'submissions', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 0');

CREATE TRIGGER submissions_fts_insert AFTER INSERT ON submissions BEGIN
    INSERT INTO submissions_fts (rowid, text, motiv) VALUES (new.rowid, new.text, coalesce(new.motiv, ''));
END;

CREATE TRIGGER submissions_fts_delete AFTER DELETE ON submissions BEGIN
    INSERT INTO submissions_fts (submissions_fts, rowid, text, motiv) VALUES ('delete', old.rowid, old.text, coalesce(old.motiv, ''));
END;

CREATE TRIGGER submissions_fts_update AFTER UPDATE OF text, motiv ON submissions BEGIN
    INSERT INTO submissions_fts (submissions_fts, rowid, text, motiv) VALUES ('delete', old.rowid, old.text, coalesce(old.motiv, ''));
    INSERT INTO submissions_fts (rowid, text, motiv) VALUES (new.rowid, new.text, coalesce(new.motiv, ''));
END;

CREATE VIRTUAL TABLE requirements_fts USING fts5(
    title, text, motiv, content = 'requirements', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 0');

CREATE TRIGGER requirements_fts_insert AFTER INSERT ON requirements BEGIN
    INSERT INTO requirements_fts (rowid, title, text, motiv) VALUES (new.rowid, new.title, new.text, new.motiv);
END;

CREATE TRIGGER requirements_fts_delete AFTER DELETE ON requirements BEGIN
    INSERT INTO requirements_fts (requirements_fts, rowid, title, text, motiv) VALUES ('delete', old.rowid, old.title, old.text, old.motiv);
END;

CREATE TRIGGER requirements_fts_update AFTER UPDATE OF title, text, motiv ON requirements BEGIN
    INSERT INTO requirements_fts (requirements_fts, rowid, title, text, motiv) VALUES ('delete', old.rowid, old.title, old.text, old.motiv);
    INSERT INTO requirements_fts (rowid, title, text, motiv) VALUES (new.rowid, new.title, new.text, new.motiv);
END;

-- The lists' version stamp (procurements.list_version): moved by every change to what the triage lists show,
-- the procurement's needs, their support, its participants and its categories, whatever code writes it.
CREATE TRIGGER list_version_submission_insert AFTER INSERT ON submissions BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id = new.procurement_id;
END;

CREATE TRIGGER list_version_submission_update AFTER UPDATE ON submissions BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id IN (old.procurement_id, new.procurement_id);
END;

CREATE TRIGGER list_version_submission_delete AFTER DELETE ON submissions BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id = old.procurement_id;
END;

CREATE TRIGGER list_version_support_insert AFTER INSERT ON supports WHEN new.submission_id IS NOT NULL BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id = new.procurement_id;
END;

CREATE TRIGGER list_version_support_update AFTER UPDATE ON supports WHEN old.submission_id IS NOT NULL OR new.submission_id IS NOT NULL BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id IN (old.procurement_id, new.procurement_id);
END;

CREATE TRIGGER list_version_support_delete AFTER DELETE ON supports WHEN old.submission_id IS NOT NULL BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id = old.procurement_id;
END;

CREATE TRIGGER list_version_category_insert AFTER INSERT ON procurement_categories BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id = new.procurement_id;
END;

CREATE TRIGGER list_version_category_update AFTER UPDATE ON procurement_categories BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id = new.procurement_id;
END;

CREATE TRIGGER list_version_category_delete AFTER DELETE ON procurement_categories BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id = old.procurement_id;
END;

CREATE TRIGGER list_version_participation_insert AFTER INSERT ON participations BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id = new.procurement_id;
END;

CREATE TRIGGER list_version_participation_update AFTER UPDATE ON participations BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id = new.procurement_id;
END;

CREATE TRIGGER list_version_participation_delete AFTER DELETE ON participations BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id = old.procurement_id;
END;
