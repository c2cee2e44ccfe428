using Procurement.Data;
using Procurement.Data.Journal;
using Procurement.Domain.Requirements;

namespace Procurement.Web.Features.Merging;

/// <summary>The suggested groups of near-duplicate needs, as the officer works through them.</summary>
public sealed class SuggestionStore(DbSession session, JournalWriter journal, TimeProvider clock)
{
    public const int PageSize = 25;

    private const string SelectSuggestion =
        """
        SELECT g.id, g.rank, g.similarity, g.shared_terms, g.status, g.target_requirement_id, g.target_similarity,
               r.code AS target_code, r.title AS target_title,
               (SELECT COUNT(*) FROM merge_suggestion_members m WHERE m.suggestion_id = g.id) AS member_count,
               (SELECT COUNT(DISTINCT s.organisation_id) FROM merge_suggestion_members m JOIN submissions s ON s.id = m.submission_id
                WHERE m.suggestion_id = g.id) AS organisation_count
        FROM merge_suggestions g LEFT JOIN requirements r ON r.id = g.target_requirement_id
        """;

    /// <summary>A page of open suggestions in rank order, with how many of each group's needs are still free to merge.</summary>
    public async Task<(IReadOnlyList<SuggestionRow> Rows, int Total)> OpenAsync(Guid procurementId, int skip, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<SuggestionRow>(
            $"""
            {SelectSuggestion}
            WHERE g.procurement_id = @procurementId AND g.status = 'Open'
            ORDER BY g.rank
            {session.Dialect.Paging}
            """, new { procurementId, Skip = skip, Take = PageSize }, cancellationToken);
        var total = await session.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM merge_suggestions WHERE procurement_id = @procurementId AND status = 'Open'", new { procurementId }, cancellationToken);
        return (rows, total);
    }

    public Task<SuggestionRow?> GetAsync(Guid procurementId, Guid suggestionId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<SuggestionRow>(
            $"""
            {SelectSuggestion}
            WHERE g.procurement_id = @procurementId AND g.id = @suggestionId
            """, new { procurementId, suggestionId }, cancellationToken);

    /// <summary>The needs of a suggestion with their senders; <see cref="SourceRow.MergedInto"/> is set when one was merged meanwhile.</summary>
    public Task<IReadOnlyList<SourceRow>> MembersAsync(Guid suggestionId, CancellationToken cancellationToken) =>
        session.QueryAsync<SourceRow>(
            $"""
            SELECT s.id, s.organisation_id, o.name AS organisation_name, s.text, s.suggested_kind, s.motiv, s.category_id, s.created_at, s.status,
                   (SELECT COUNT(*) FROM supports x WHERE x.submission_id = s.id) AS supports,
                   (SELECT r.code FROM merge_members mm JOIN merges mg ON mg.id = mm.merge_id JOIN requirements r ON r.id = mg.requirement_id
                    WHERE mm.submission_id = s.id AND mm.removed_at IS NULL) AS merged_into
            FROM merge_suggestion_members m
            JOIN submissions s ON s.id = m.submission_id
            JOIN organisations o ON o.id = s.organisation_id
            WHERE m.suggestion_id = @suggestionId
            ORDER BY o.name {session.Dialect.SwedishOrder}, s.created_at, s.id
            """, new { suggestionId }, cancellationToken);

    /// <summary>The first few needs of each suggestion on a page, for the overview: one query, however many groups.</summary>
    public async Task<ILookup<Guid, SourceRow>> PreviewAsync(Guid procurementId, IReadOnlyList<SuggestionRow> suggestions, int perSuggestion, CancellationToken cancellationToken)
    {
        if (suggestions.Count == 0)
        {
            return Array.Empty<SourceRow>().ToLookup(r => r.GroupId);
        }

        var rows = await session.QueryAsync<SourceRow>(
            $"""
            SELECT * FROM (
              SELECT m.suggestion_id AS group_id, s.id, s.organisation_id, o.name AS organisation_name, s.text, s.created_at, s.status,
                     ROW_NUMBER() OVER (PARTITION BY m.suggestion_id ORDER BY o.name {session.Dialect.SwedishOrder}, s.created_at, s.id) AS n
              FROM merge_suggestions g
              JOIN merge_suggestion_members m ON m.suggestion_id = g.id
              JOIN submissions s ON s.id = m.submission_id
              JOIN organisations o ON o.id = s.organisation_id
              WHERE g.procurement_id = @procurementId AND g.status = 'Open' AND g.rank BETWEEN @first AND @last) numbered
            WHERE n <= @perSuggestion
            ORDER BY group_id, n
            """, new { procurementId, first = suggestions[0].Rank, last = suggestions[^1].Rank, perSuggestion }, cancellationToken);
        return rows.ToLookup(r => r.GroupId);
    }

    /// <summary>Closes a suggestion (accepted or rejected); false when someone else closed it first.</summary>
    public async Task<bool> DecideAsync(Guid procurementId, Guid suggestionId, string status, Guid userId, CancellationToken cancellationToken)
    {
        var changed = await session.ExecuteAsync(
            """
            UPDATE merge_suggestions SET status = @status, decided_by = @userId, decided_at = @now
            WHERE procurement_id = @procurementId AND id = @suggestionId AND status = 'Open'
            """, new { procurementId, suggestionId, status, userId, now = clock.GetUtcNow() }, cancellationToken);
        if (changed == 1)
        {
            await journal.WriteAsync(userId, status == "Rejected" ? "merge.suggestion-rejected" : "merge.suggestion-accepted",
                "merge_suggestion", suggestionId, after: new { procurementId, status }, cancellationToken: cancellationToken);
        }

        return changed == 1;
    }
}

public sealed class SuggestionRow
{
    public Guid Id { get; init; }

    public int Rank { get; init; }

    public double Similarity { get; init; }

    public string SharedTerms { get; init; } = "";

    public string Status { get; init; } = "";

    public Guid? TargetRequirementId { get; init; }

    public double? TargetSimilarity { get; init; }

    public string? TargetCode { get; init; }

    public string? TargetTitle { get; init; }

    public int MemberCount { get; init; }

    public int OrganisationCount { get; init; }

    public IReadOnlySet<string> SharedTermSet => SharedTerms.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>A need as a source of a requirement: its words and who sent it.</summary>
public sealed class SourceRow
{
    /// <summary>The suggestion the row was read for (in the overview's preview).</summary>
    public Guid GroupId { get; init; }

    public Guid Id { get; init; }

    public Guid OrganisationId { get; init; }

    public string OrganisationName { get; init; } = "";

    public string Text { get; init; } = "";

    public RequirementKind? SuggestedKind { get; init; }

    public string? Motiv { get; init; }

    public Guid? CategoryId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public int Supports { get; init; }

    public string? MergedInto { get; init; }

    public string Status { get; init; } = "Active";

    /// <summary>Still a need of its own: active and not part of a requirement.</summary>
    public bool IsFree => MergedInto is null && Status == "Active";

    public Guid? MergeId { get; init; }

    public DateTimeOffset? MergedAt { get; init; }
}
