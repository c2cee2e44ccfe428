-- 0003 merging: background analysis runs, suggested clusters of near-duplicate needs (kept when rejected, so a
-- rejected grouping is never suggested again), and merges of needs into requirements. A merge keeps its
-- members for good: split and undo stamp removed_at instead of deleting, so provenance survives.

CREATE TABLE merge_runs (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    status NVARCHAR(20) NOT NULL CHECK (status IN ('Running', 'Completed', 'Failed')),
    started_by UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    started_at DATETIMEOFFSET NOT NULL,
    finished_at DATETIMEOFFSET NULL,
    item_count INT NOT NULL DEFAULT 0,
    cluster_count INT NOT NULL DEFAULT 0,
    message NVARCHAR(1000) NULL
);
CREATE INDEX ix_merge_runs_procurement ON merge_runs (procurement_id, started_at);
-- One running analysis per procurement, however many officers (or instances) press the button at once.
CREATE UNIQUE INDEX ux_merge_runs_running ON merge_runs (procurement_id) WHERE status = 'Running';

CREATE TABLE merge_suggestions (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    run_id UNIQUEIDENTIFIER NOT NULL REFERENCES merge_runs (id),
    rank INT NOT NULL,
    similarity FLOAT NOT NULL,
    shared_terms NVARCHAR(2000) NOT NULL,
    status NVARCHAR(20) NOT NULL CHECK (status IN ('Open', 'Accepted', 'Rejected')),
    target_requirement_id UNIQUEIDENTIFIER NULL REFERENCES requirements (id),
    target_similarity FLOAT NULL,
    decided_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    decided_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_merge_suggestions_procurement ON merge_suggestions (procurement_id, status, rank);

CREATE TABLE merge_suggestion_members (
    suggestion_id UNIQUEIDENTIFIER NOT NULL REFERENCES merge_suggestions (id) ON DELETE CASCADE,
    submission_id UNIQUEIDENTIFIER NOT NULL REFERENCES submissions (id),
    PRIMARY KEY (suggestion_id, submission_id)
);

CREATE TABLE merges (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    requirement_id UNIQUEIDENTIFIER NOT NULL REFERENCES requirements (id),
    suggestion_id UNIQUEIDENTIFIER NULL REFERENCES merge_suggestions (id),
    -- 1 when the merge created its requirement (undo then removes the requirement too).
    created_requirement BIT NOT NULL,
    created_by UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    created_at DATETIMEOFFSET NOT NULL,
    undone_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    undone_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_merges_requirement ON merges (requirement_id);
CREATE INDEX ix_merges_procurement ON merges (procurement_id, created_at);

CREATE TABLE merge_members (
    merge_id UNIQUEIDENTIFIER NOT NULL REFERENCES merges (id),
    submission_id UNIQUEIDENTIFIER NOT NULL REFERENCES submissions (id),
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id),
    added_at DATETIMEOFFSET NOT NULL,
    removed_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    removed_at DATETIMEOFFSET NULL,
    PRIMARY KEY (merge_id, submission_id)
);
-- A need is part of at most one requirement at a time.
CREATE UNIQUE INDEX ux_merge_members_active ON merge_members (submission_id) WHERE removed_at IS NULL;
GO

-- Merged needs are marked in the triage lists, so merges move the lists' version stamp too.
CREATE TRIGGER list_version_merge_members ON merge_members AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE procurements SET list_version = list_version + 1
    WHERE id IN (SELECT procurement_id FROM inserted UNION SELECT procurement_id FROM deleted);
END;
GO
