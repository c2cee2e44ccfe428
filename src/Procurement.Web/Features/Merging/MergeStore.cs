using Procurement.Data;
using Procurement.Data.Journal;
using Procurement.Web.Features.Specification;

namespace Procurement.Web.Features.Merging;

/// <summary>
/// Merges of needs into requirements, and the provenance they leave: every requirement knows which needs (and so
/// which organisations, in their own words) it came from. Split and undo stamp members as removed; nothing is deleted.
/// </summary>
public sealed class MergeStore(DbSession session, JournalWriter journal, TimeProvider clock)
{
    /// <summary>
    /// Merges the needs into the requirement. Needs that are no longer free (merged meanwhile, withdrawn, or of
    /// another procurement) are left out; returns the merge id and the needs actually merged.
    /// </summary>
    public async Task<(Guid MergeId, IReadOnlyList<Guid> Merged)> MergeAsync(Guid procurementId, Guid requirementId, Guid? suggestionId,
        bool createdRequirement, IReadOnlyCollection<Guid> submissionIds, Guid userId, CancellationToken cancellationToken)
    {
        var free = new List<Guid>();
        foreach (var submissionId in submissionIds.Distinct())
        {
            var isFree = await session.ExecuteScalarAsync<int>(
                """
                SELECT COUNT(*) FROM submissions s
                WHERE s.id = @submissionId AND s.procurement_id = @procurementId AND s.status = 'Active'
                  AND NOT EXISTS (SELECT 1 FROM merge_members mm WHERE mm.submission_id = s.id AND mm.removed_at IS NULL)
                """, new { submissionId, procurementId }, cancellationToken);
            if (isFree == 1)
            {
                free.Add(submissionId);
            }
        }

        var mergeId = Guid.CreateVersion7();
        if (free.Count == 0)
        {
            return (mergeId, free);
        }

        var now = clock.GetUtcNow();
        await session.ExecuteAsync(
            """
            INSERT INTO merges (id, procurement_id, requirement_id, suggestion_id, created_requirement, created_by, created_at)
            VALUES (@mergeId, @procurementId, @requirementId, @suggestionId, @createdRequirement, @userId, @now)
            """, new { mergeId, procurementId, requirementId, suggestionId, createdRequirement, userId, now }, cancellationToken);
        await session.ExecuteAsync(
            "INSERT INTO merge_members (merge_id, submission_id, procurement_id, added_at) VALUES (@mergeId, @SubmissionId, @procurementId, @now)",
            free.Select(id => new { mergeId, SubmissionId = id, procurementId, now }), cancellationToken);
        await journal.WriteAsync(userId, "merge.created", "requirement", requirementId,
            after: new { mergeId, suggestionId, createdRequirement, needs = free }, cancellationToken: cancellationToken);
        return (mergeId, free);
    }

    /// <summary>The needs a requirement is made of now, with their senders and support.</summary>
    public Task<IReadOnlyList<SourceRow>> SourcesAsync(Guid requirementId, CancellationToken cancellationToken) =>
        session.QueryAsync<SourceRow>(
            $"""
            SELECT s.id, s.organisation_id, o.name AS organisation_name, s.text, s.suggested_kind, s.motiv, s.category_id, s.created_at,
                   (SELECT COUNT(*) FROM supports x WHERE x.submission_id = s.id) AS supports,
                   mg.id AS merge_id, mm.added_at AS merged_at
            FROM merges mg
            JOIN merge_members mm ON mm.merge_id = mg.id AND mm.removed_at IS NULL
            JOIN submissions s ON s.id = mm.submission_id
            JOIN organisations o ON o.id = s.organisation_id
            WHERE mg.requirement_id = @requirementId
            ORDER BY o.name {session.Dialect.SwedishOrder}, s.created_at, s.id
            """, new { requirementId }, cancellationToken);

    /// <summary>
    /// Who stands behind a requirement, each organisation once: those who support it directly, those whose needs
    /// were merged into it and those who supported those needs.
    /// </summary>
    public Task<BackingRow> BackingAsync(Guid requirementId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<BackingRow>(
            $"""
            SELECT
              (SELECT COUNT(*) FROM supports s WHERE s.requirement_id = @requirementId) AS direct_supporters,
              (SELECT COUNT(DISTINCT sub.organisation_id) FROM merges mg JOIN merge_members mm ON mm.merge_id = mg.id AND mm.removed_at IS NULL
                 JOIN submissions sub ON sub.id = mm.submission_id WHERE mg.requirement_id = @requirementId) AS askers,
              (SELECT COUNT(DISTINCT x.organisation_id) FROM merges mg JOIN merge_members mm ON mm.merge_id = mg.id AND mm.removed_at IS NULL
                 JOIN supports x ON x.submission_id = mm.submission_id WHERE mg.requirement_id = @requirementId) AS need_supporters,
              {RequirementBacking.CountSql} AS total
            FROM requirements r WHERE r.id = @requirementId
            """, new { requirementId }, cancellationToken)!;

    /// <summary>Takes needs out of a requirement: they are free again and come back in the next analysis.</summary>
    public async Task<int> SplitAsync(Guid requirementId, IReadOnlyCollection<Guid> submissionIds, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var removed = new List<Guid>();
        foreach (var submissionId in submissionIds.Distinct())
        {
            if (await session.ExecuteAsync(
                """
                UPDATE merge_members SET removed_at = @now, removed_by = @userId
                WHERE submission_id = @submissionId AND removed_at IS NULL
                  AND merge_id IN (SELECT id FROM merges WHERE requirement_id = @requirementId)
                """, new { submissionId, requirementId, userId, now }, cancellationToken) == 1)
            {
                removed.Add(submissionId);
            }
        }

        if (removed.Count > 0)
        {
            await journal.WriteAsync(userId, "merge.split", "requirement", requirementId, before: new { needs = removed }, cancellationToken: cancellationToken);
        }

        return removed.Count;
    }

    public Task<MergeRow?> GetAsync(Guid procurementId, Guid mergeId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<MergeRow>(
            $"{SelectMerge} WHERE mg.procurement_id = @procurementId AND mg.id = @mergeId",
            new { procurementId, mergeId }, cancellationToken);

    /// <summary>The procurement's merges, newest first.</summary>
    public Task<IReadOnlyList<MergeRow>> RecentAsync(Guid procurementId, int take, CancellationToken cancellationToken) =>
        session.QueryAsync<MergeRow>(
            $"""
            {SelectMerge} WHERE mg.procurement_id = @procurementId
            ORDER BY mg.created_at DESC, mg.id DESC
            {session.Dialect.Paging}
            """, new { procurementId, Skip = 0, Take = take }, cancellationToken);

    /// <summary>The merges that made a requirement, newest first (undone ones too: they are part of its story).</summary>
    public Task<IReadOnlyList<MergeRow>> ForRequirementAsync(Guid requirementId, CancellationToken cancellationToken) =>
        session.QueryAsync<MergeRow>(
            $"{SelectMerge} WHERE mg.requirement_id = @requirementId ORDER BY mg.created_at DESC, mg.id DESC",
            new { requirementId }, cancellationToken);

    /// <summary>Undoes a merge: all its needs are free again. False when it was already undone.</summary>
    public async Task<bool> UndoAsync(MergeRow merge, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var changed = await session.ExecuteAsync(
            "UPDATE merges SET undone_at = @now, undone_by = @userId WHERE id = @Id AND undone_at IS NULL",
            new { merge.Id, now, userId }, cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        await session.ExecuteAsync(
            "UPDATE merge_members SET removed_at = @now, removed_by = @userId WHERE merge_id = @Id AND removed_at IS NULL",
            new { merge.Id, now, userId }, cancellationToken);
        // The accepted suggestion stays as it was decided (the merge refers to it); the freed needs come back in the next analysis.
        await journal.WriteAsync(userId, "merge.undone", "requirement", merge.RequirementId, before: new { mergeId = merge.Id }, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>
    /// What people have added to a requirement besides the needs merged into it: comments, support, decided or
    /// hand-made standard links, flagged conflicts, and versions saved by anyone but <paramref name="userId"/>.
    /// Removing the requirement would hide all of it, so undoing the merge that made it is refused while any is there.
    /// </summary>
    public Task<RequirementActivity> ActivityAsync(Guid requirementId, Guid userId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<RequirementActivity>(
            """
            SELECT
              (SELECT COUNT(*) FROM comments c WHERE c.requirement_id = @requirementId) AS comments,
              (SELECT COUNT(*) FROM supports s WHERE s.requirement_id = @requirementId) AS supports,
              (SELECT COUNT(*) FROM requirement_standard_links l
                 WHERE l.requirement_id = @requirementId AND (l.status <> 'Suggested' OR l.source = 'Manual')) AS standard_links,
              (SELECT COUNT(*) FROM coverage_conflicts k WHERE k.requirement_id = @requirementId) AS conflicts,
              (SELECT COUNT(*) FROM requirement_versions v
                 WHERE v.requirement_id = @requirementId AND v.version > 1 AND (v.changed_by IS NULL OR v.changed_by <> @userId)) AS edits_by_others
            FROM requirements r WHERE r.id = @requirementId
            """, new { requirementId, userId }, cancellationToken)!;

    /// <summary>Journals an undo that was refused because the requirement it would remove has others' work in it.</summary>
    public Task UndoRefusedAsync(MergeRow merge, RequirementActivity activity, Guid userId, CancellationToken cancellationToken) =>
        journal.WriteAsync(userId, "merge.undo-refused", "requirement", merge.RequirementId,
            after: new { mergeId = merge.Id, activity.Comments, activity.Supports, activity.StandardLinks, activity.Conflicts, activity.EditsByOthers },
            cancellationToken: cancellationToken);

    /// <summary>
    /// True while merged needs of other merges than <paramref name="exceptMergeId"/> still feed the requirement: whether
    /// undoing that merge would leave the requirement without sources.
    /// </summary>
    public async Task<bool> HasActiveSourcesAsync(Guid requirementId, Guid exceptMergeId, CancellationToken cancellationToken) =>
        await session.ExecuteScalarAsync<int>(
            """
            SELECT COUNT(*) FROM merge_members mm JOIN merges mg ON mg.id = mm.merge_id
            WHERE mg.requirement_id = @requirementId AND mm.removed_at IS NULL AND mg.id <> @exceptMergeId
            """, new { requirementId, exceptMergeId }, cancellationToken) > 0;

    private const string SelectMerge =
        """
        SELECT mg.id, mg.requirement_id, r.code AS requirement_code, r.title AS requirement_title, r.status AS requirement_status,
               mg.suggestion_id, mg.created_requirement, mg.created_at, mg.undone_at, u.display_name AS created_by_name,
               (SELECT COUNT(*) FROM merge_members mm WHERE mm.merge_id = mg.id) AS member_count,
               (SELECT COUNT(*) FROM merge_members mm WHERE mm.merge_id = mg.id AND mm.removed_at IS NULL) AS active_member_count
        FROM merges mg
        JOIN requirements r ON r.id = mg.requirement_id
        LEFT JOIN users u ON u.id = mg.created_by
        """;
}

public sealed class MergeRow
{
    public Guid Id { get; init; }

    public Guid RequirementId { get; init; }

    public string RequirementCode { get; init; } = "";

    public string RequirementTitle { get; init; } = "";

    public string RequirementStatus { get; init; } = "";

    public Guid? SuggestionId { get; init; }

    public bool CreatedRequirement { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? UndoneAt { get; init; }

    public string? CreatedByName { get; init; }

    public int MemberCount { get; init; }

    public int ActiveMemberCount { get; init; }
}

/// <summary>Others' work in a requirement that removing it would hide (see <see cref="MergeStore.ActivityAsync"/>).</summary>
public sealed class RequirementActivity
{
    public int Comments { get; init; }

    public int Supports { get; init; }

    public int StandardLinks { get; init; }

    public int Conflicts { get; init; }

    public int EditsByOthers { get; init; }

    public bool Any => Comments + Supports + StandardLinks + Conflicts + EditsByOthers > 0;
}

/// <summary>How many organisations stand behind a requirement, and how (each organisation counted once in Total).</summary>
public sealed class BackingRow
{
    public int DirectSupporters { get; init; }

    public int Askers { get; init; }

    public int NeedSupporters { get; init; }

    public int Total { get; init; }
}
