-- 0004 standards: the catalogue of standards and their clauses (edited by administrators, every change a
-- snapshot in standard_versions), the standards a procurement declares applicable, the links between
-- requirements and standards/clauses (suggested, accepted or rejected), and conflicts officers flag.
-- Depends only on 0001 and 0002.

CREATE TABLE standards (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    owner TEXT NOT NULL,
    version_label TEXT NOT NULL,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    -- JSON array of lower-case terms.
    keywords TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NULL REFERENCES users (id)
);

CREATE TABLE standard_clauses (
    standard_id TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    clause_id TEXT NOT NULL,
    text TEXT NOT NULL,
    -- JSON array of lower-case terms; '[]' when the clause has none of its own.
    keywords TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (standard_id, clause_id)
);

CREATE TABLE standard_versions (
    standard_id TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    -- The whole standard with its clauses as saved (JSON).
    snapshot TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    PRIMARY KEY (standard_id, version)
);

CREATE TABLE procurement_standards (
    procurement_id TEXT NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    standard_id TEXT NOT NULL REFERENCES standards (id),
    added_at TEXT NOT NULL,
    added_by TEXT NULL REFERENCES users (id),
    PRIMARY KEY (procurement_id, standard_id)
);

CREATE TABLE requirement_standard_links (
    id TEXT NOT NULL PRIMARY KEY,
    requirement_id TEXT NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,
    standard_id TEXT NOT NULL REFERENCES standards (id),
    -- '' when the link names the standard only. No foreign key: a clause an administrator removes leaves the link
    -- in place (and out of the coverage report) rather than deleting the officers' decision.
    clause_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Suggested', 'Accepted', 'Rejected')),
    source TEXT NOT NULL CHECK (source IN ('Suggester', 'Manual')),
    rank INTEGER NULL,
    confidence REAL NULL,
    -- The suggester's own judgement: pre-selected for acceptance in the officers' bulk form.
    confident INTEGER NOT NULL DEFAULT 0,
    matched_terms TEXT NOT NULL,
    requirement_version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    decided_by TEXT NULL REFERENCES users (id),
    decided_at TEXT NULL,
    UNIQUE (requirement_id, standard_id, clause_id)
);
CREATE INDEX ix_requirement_standard_links_clause ON requirement_standard_links (standard_id, clause_id, status);

CREATE TABLE coverage_conflicts (
    id TEXT NOT NULL PRIMARY KEY,
    requirement_id TEXT NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,
    standard_id TEXT NOT NULL REFERENCES standards (id),
    clause_id TEXT NOT NULL,
    rationale TEXT NOT NULL,
    flagged_by TEXT NULL REFERENCES users (id),
    flagged_at TEXT NOT NULL,
    resolved_by TEXT NULL REFERENCES users (id),
    resolved_at TEXT NULL
);
CREATE INDEX ix_coverage_conflicts_requirement ON coverage_conflicts (requirement_id);
