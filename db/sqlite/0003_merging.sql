-- 0003 merging: background analysis runs, suggested clusters of near-duplicate needs (kept when rejected, so a
-- rejected grouping is never suggested again), and merges of needs into requirements. A merge keeps its
-- members for good: split and undo stamp removed_at instead of deleting, so provenance survives.

CREATE TABLE merge_runs (
    id TEXT NOT NULL PRIMARY KEY,
    procurement_id TEXT NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('Running', 'Completed', 'Failed')),
    started_by TEXT NOT NULL REFERENCES users (id),
    started_at TEXT NOT NULL,
    finished_at TEXT NULL,
    item_count INTEGER NOT NULL DEFAULT 0,
    cluster_count INTEGER NOT NULL DEFAULT 0,
    message TEXT NULL
);
CREATE INDEX ix_merge_runs_procurement ON merge_runs (procurement_id, started_at);
-- One running analysis per procurement, however many officers (or instances) press the button at once.
CREATE UNIQUE INDEX ux_merge_runs_running ON merge_runs (procurement_id) WHERE status = 'Running';

CREATE TABLE merge_suggestions (
    id TEXT NOT NULL PRIMARY KEY,
    procurement_id TEXT NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    run_id TEXT NOT NULL REFERENCES merge_runs (id),
    rank INTEGER NOT NULL,
    similarity REAL NOT NULL,
    shared_terms TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Open', 'Accepted', 'Rejected')),
    target_requirement_id TEXT NULL REFERENCES requirements (id),
    target_similarity REAL NULL,
    decided_by TEXT NULL REFERENCES users (id),
    decided_at TEXT NULL
);
CREATE INDEX ix_merge_suggestions_procurement ON merge_suggestions (procurement_id, status, rank);

CREATE TABLE merge_suggestion_members (
    suggestion_id TEXT NOT NULL REFERENCES merge_suggestions (id) ON DELETE CASCADE,
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    PRIMARY KEY (suggestion_id, submission_id)
);

CREATE TABLE merges (
    id TEXT NOT NULL PRIMARY KEY,
    procurement_id TEXT NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    requirement_id TEXT NOT NULL REFERENCES requirements (id),
    suggestion_id TEXT NULL REFERENCES merge_suggestions (id),
    -- 1 when the merge created its requirement (undo then removes the requirement too).
    created_requirement INTEGER NOT NULL CHECK (created_requirement IN (0, 1)),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    undone_by TEXT NULL REFERENCES users (id),
    undone_at TEXT NULL
);
CREATE INDEX ix_merges_requirement ON merges (requirement_id);
CREATE INDEX ix_merges_procurement ON merges (procurement_id, created_at);

CREATE TABLE merge_members (
    merge_id TEXT NOT NULL REFERENCES merges (id) ON DELETE CASCADE,
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    procurement_id TEXT NOT NULL REFERENCES procurements (id),
    added_at TEXT NOT NULL,
    removed_by TEXT NULL REFERENCES users (id),
    removed_at TEXT NULL,
    PRIMARY KEY (merge_id, submission_id)
);
-- A need is part of at most one requirement at a time.
CREATE UNIQUE INDEX ux_merge_members_active ON merge_members (submission_id) WHERE removed_at IS NULL;

-- Merged needs are marked in the triage lists, so merges move the lists' version stamp too.
CREATE TRIGGER list_version_merge_member_insert AFTER INSERT ON merge_members BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id = new.procurement_id;
END;

CREATE TRIGGER list_version_merge_member_update AFTER UPDATE ON merge_members BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id IN (old.procurement_id, new.procurement_id);
END;

CREATE TRIGGER list_version_merge_member_delete AFTER DELETE ON merge_members BEGIN
    UPDATE procurements SET list_version = list_version + 1 WHERE id = old.procurement_id;
END;
