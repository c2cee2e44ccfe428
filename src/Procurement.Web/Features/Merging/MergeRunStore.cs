using Procurement.Data;
using Procurement.Data.Journal;
using Procurement.Domain.Merging;
using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Merging;

/// <summary>
/// Analysis runs: what the background analysis reads (needs not yet merged, requirements, rejected groupings) and
/// what it writes (a fresh list of open suggestions; accepted and rejected ones stay as they were).
/// </summary>
public sealed class MergeRunStore(DbSession session, JournalWriter journal, TimeProvider clock)
{
    public Task<MergeRunRow?> LatestAsync(Guid procurementId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<MergeRunRow>(
            $"""
            SELECT r.id, r.procurement_id, r.status, r.started_at, r.finished_at, r.item_count, r.cluster_count, r.message,
                   u.display_name AS started_by_name
            FROM merge_runs r LEFT JOIN users u ON u.id = r.started_by
            WHERE r.procurement_id = @procurementId
            ORDER BY r.started_at DESC, r.id DESC
            {session.Dialect.Paging}
            """, new { procurementId, Skip = 0, Take = 1 }, cancellationToken);

    public Task<MergeRunRow?> GetAsync(Guid procurementId, Guid runId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<MergeRunRow>(
            """
            SELECT r.id, r.procurement_id, r.status, r.started_at, r.finished_at, r.item_count, r.cluster_count, r.message,
                   u.display_name AS started_by_name
            FROM merge_runs r LEFT JOIN users u ON u.id = r.started_by
            WHERE r.procurement_id = @procurementId AND r.id = @runId
            """, new { procurementId, runId }, cancellationToken);

    /// <summary>Starts a run unless one is already running for the procurement (then that one is returned).</summary>
    public async Task<(Guid RunId, bool Started)> StartAsync(Guid procurementId, Guid userId, CancellationToken cancellationToken)
    {
        var running = await session.QuerySingleOrDefaultAsync<Guid?>(
            "SELECT id FROM merge_runs WHERE procurement_id = @procurementId AND status = 'Running'", new { procurementId }, cancellationToken);
        if (running is { } existing)
        {
            return (existing, false);
        }

        var id = Guid.CreateVersion7();
        await session.ExecuteAsync(
            """
            INSERT INTO merge_runs (id, procurement_id, status, started_by, started_at, item_count, cluster_count)
            VALUES (@id, @procurementId, 'Running', @userId, @now, 0, 0)
            """, new { id, procurementId, userId, now = clock.GetUtcNow() }, cancellationToken);
        await journal.WriteAsync(userId, "merge.analysis-started", "procurement", procurementId, after: new { runId = id }, cancellationToken: cancellationToken);
        return (id, true);
    }

    /// <summary>The active needs of the procurement that are not part of a requirement yet.</summary>
    public async Task<IReadOnlyList<ClusterInput>> UnmergedNeedsAsync(Guid procurementId, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<TextRow>(
            """
            SELECT s.id, s.text
            FROM submissions s
            WHERE s.procurement_id = @procurementId AND s.status = 'Active'
              AND NOT EXISTS (SELECT 1 FROM merge_members mm WHERE mm.submission_id = s.id AND mm.removed_at IS NULL)
            ORDER BY s.created_at, s.id
            """, new { procurementId }, cancellationToken);
        return rows.Select(r => new ClusterInput(r.Id.ToString(), r.Text)).ToList();
    }

    /// <summary>The requirements a group may be merged into (all but removed ones), as title and text.</summary>
    public async Task<IReadOnlyList<ClusterInput>> RequirementTextsAsync(Guid procurementId, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<TextRow>(
            "SELECT r.id, r.title, r.text FROM requirements r WHERE r.procurement_id = @procurementId AND r.status <> 'Removed'",
            new { procurementId }, cancellationToken);
        return rows.Select(r => new ClusterInput(r.Id.ToString(), r.Title + ". " + r.Text)).ToList();
    }

    /// <summary>Groupings officers rejected: as pairs, they are never suggested together again.</summary>
    public async Task<IReadOnlySet<(string, string)>> RejectedPairsAsync(Guid procurementId, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<MemberRow>(
            """
            SELECT m.suggestion_id AS group_id, m.submission_id
            FROM merge_suggestion_members m JOIN merge_suggestions g ON g.id = m.suggestion_id
            WHERE g.procurement_id = @procurementId AND g.status = 'Rejected'
            """, new { procurementId }, cancellationToken);
        return CannotLink.FromGroups(rows.GroupBy(r => r.GroupId).Select(g => (IReadOnlyList<string>)g.Select(r => r.SubmissionId.ToString()).ToList()));
    }

    /// <summary>
    /// Saves the run's suggestions and closes the run, in the caller's transaction. Decisions made while the run was
    /// going win: needs merged or withdrawn meanwhile leave their groups, groups with a pair rejected meanwhile are
    /// dropped, and an open suggestion whose group is unchanged keeps its id (an officer may be filling it in now).
    /// False when the run is no longer running (it was failed meanwhile): then nothing is written.
    /// </summary>
    public async Task<bool> CompleteAsync(MergeRunRow run, int itemCount, IReadOnlyList<RankedSuggestion> suggestions, CancellationToken cancellationToken)
    {
        if (await session.ExecuteScalarAsync<string>("SELECT status FROM merge_runs WHERE id = @Id", new { run.Id }, cancellationToken) != "Running")
        {
            return false;
        }

        var taken = (await session.QueryAsync<Guid>(
            """
            SELECT s.id FROM submissions s
            WHERE s.procurement_id = @ProcurementId
              AND (s.status <> 'Active' OR EXISTS (SELECT 1 FROM merge_members mm WHERE mm.submission_id = s.id AND mm.removed_at IS NULL))
            """, new { run.ProcurementId }, cancellationToken)).Select(id => id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fresh = StaleClusters.Refresh(suggestions, s => s.Cluster, (s, c) => s with { Cluster = c },
            taken, await RejectedPairsAsync(run.ProcurementId, cancellationToken));

        var open = (await session.QueryAsync<MemberRow>(
            """
            SELECT m.suggestion_id AS group_id, m.submission_id
            FROM merge_suggestion_members m JOIN merge_suggestions g ON g.id = m.suggestion_id
            WHERE g.procurement_id = @ProcurementId AND g.status = 'Open'
            """, new { run.ProcurementId }, cancellationToken))
            .GroupBy(m => m.GroupId)
            .ToDictionary(g => StaleClusters.Signature(g.Select(m => m.SubmissionId.ToString())), g => g.Key);

        var kept = new HashSet<Guid>();
        foreach (var (suggestion, rank) in fresh.Select((s, i) => (s, i + 1)))
        {
            var values = new
            {
                run.ProcurementId, RunId = run.Id, rank, suggestion.Cluster.Similarity,
                SharedTerms = string.Join(' ', suggestion.Cluster.SharedTerms),
                suggestion.TargetRequirementId, suggestion.TargetSimilarity,
            };
            if (open.TryGetValue(StaleClusters.Signature(suggestion.Cluster.MemberIds), out var existing) && kept.Add(existing))
            {
                await session.ExecuteAsync(
                    """
                    UPDATE merge_suggestions SET run_id = @RunId, rank = @rank, similarity = @Similarity, shared_terms = @SharedTerms,
                      target_requirement_id = @TargetRequirementId, target_similarity = @TargetSimilarity
                    WHERE id = @existing
                    """, new { values.RunId, values.rank, values.Similarity, values.SharedTerms, values.TargetRequirementId, values.TargetSimilarity, existing },
                    cancellationToken);
                continue;
            }

            var id = Guid.CreateVersion7();
            await session.ExecuteAsync(
                """
                INSERT INTO merge_suggestions (id, procurement_id, run_id, rank, similarity, shared_terms, status, target_requirement_id, target_similarity)
                VALUES (@id, @ProcurementId, @RunId, @rank, @Similarity, @SharedTerms, 'Open', @TargetRequirementId, @TargetSimilarity)
                """,
                new { id, values.ProcurementId, values.RunId, values.rank, values.Similarity, values.SharedTerms, values.TargetRequirementId, values.TargetSimilarity },
                cancellationToken);
            await session.ExecuteAsync(
                "INSERT INTO merge_suggestion_members (suggestion_id, submission_id) VALUES (@id, @SubmissionId)",
                suggestion.Cluster.MemberIds.Select(m => new { id, SubmissionId = Guid.Parse(m) }), cancellationToken);
        }

        foreach (var gone in open.Values.Where(g => !kept.Contains(g)))
        {
            await session.ExecuteAsync("DELETE FROM merge_suggestion_members WHERE suggestion_id = @gone", new { gone }, cancellationToken);
            await session.ExecuteAsync("DELETE FROM merge_suggestions WHERE id = @gone", new { gone }, cancellationToken);
        }

        await session.ExecuteAsync(
            """
            UPDATE merge_runs SET status = 'Completed', finished_at = @now, item_count = @itemCount, cluster_count = @clusters
            WHERE id = @Id AND status = 'Running'
            """, new { run.Id, now = clock.GetUtcNow(), itemCount, clusters = fresh.Count }, cancellationToken);
        await journal.WriteAsync(null, "merge.analysis-completed", "procurement", run.ProcurementId,
            after: new { runId = run.Id, needs = itemCount, suggestions = fresh.Count }, cancellationToken: cancellationToken);
        return true;
    }

    public async Task FailAsync(Guid runId, CancellationToken cancellationToken)
    {
        var failed = await session.ExecuteAsync(
            "UPDATE merge_runs SET status = 'Failed', finished_at = @now, message = @message WHERE id = @runId AND status = 'Running'",
            new { runId, now = clock.GetUtcNow(), message = Sv("Analysen kunde inte slutföras. Försök igen eller kontakta supporten.") }, cancellationToken);
        if (failed == 1)
        {
            await journal.WriteAsync(null, "merge.analysis-failed", "merge_run", runId, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Runs that were going when the process stopped never finished.</summary>
    public Task<int> FailInterruptedAsync(CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE merge_runs SET status = 'Failed', finished_at = @now, message = @message WHERE status = 'Running'",
            new { now = clock.GetUtcNow(), message = Sv("Analysen avbröts när tjänsten startades om. Starta den igen.") }, cancellationToken);
}

/// <summary>A cluster from the engine with the requirement it most resembles, if any.</summary>
public sealed record RankedSuggestion(SuggestedCluster Cluster, Guid? TargetRequirementId, double? TargetSimilarity);

public sealed class MergeRunRow
{
    public Guid Id { get; init; }

    public Guid ProcurementId { get; init; }

    public string Status { get; init; } = "";

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public int ItemCount { get; init; }

    public int ClusterCount { get; init; }

    public string? Message { get; init; }

    public string? StartedByName { get; init; }
}

/// <summary>A text with its owner's id (a need, or a requirement with its title).</summary>
public sealed class TextRow
{
    public Guid Id { get; init; }

    public string? Title { get; init; }

    public string Text { get; init; } = "";
}

/// <summary>A need that belongs to a group (a suggestion or a merge).</summary>
public sealed class MemberRow
{
    public Guid GroupId { get; init; }

    public Guid SubmissionId { get; init; }
}
