using Procurement.Data;
using Procurement.Data.Journal;
using Procurement.Domain.Requirements;
using Procurement.Domain.Standards;
using Procurement.Domain.TextAnalysis;
using Procurement.Web.Features.Standards;

namespace Procurement.Web.Features.StandardLinks;

/// <summary>
/// The standards a procurement declares applicable and the links of its requirements to standards and clauses:
/// suggested by the <see cref="StandardSuggester"/>, then accepted or rejected by an officer, or added by hand.
/// A link is unique per requirement, standard and clause, so a rejected suggestion is never suggested again.
/// </summary>
public sealed class StandardLinkStore(DbSession session, StandardStore standards, JournalWriter journal, TimeProvider clock)
{
    public const int SuggestionsPerRequirement = 3;

    public Task<IReadOnlyList<string>> ApplicableAsync(Guid procurementId, CancellationToken cancellationToken) =>
        session.QueryAsync<string>("SELECT standard_id FROM procurement_standards WHERE procurement_id = @procurementId ORDER BY standard_id",
            new { procurementId }, cancellationToken);

    /// <summary>Makes exactly <paramref name="standardIds"/> (all in the catalogue) the procurement's applicable standards.</summary>
    public async Task<bool> DeclareAsync(Guid procurementId, IReadOnlyCollection<string> standardIds, Guid? userId, CancellationToken cancellationToken)
    {
        var before = await ApplicableAsync(procurementId, cancellationToken);
        var added = standardIds.Except(before).ToList();
        var removed = before.Except(standardIds).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        foreach (var standardId in added)
        {
            await session.ExecuteAsync(
                "INSERT INTO procurement_standards (procurement_id, standard_id, added_at, added_by) VALUES (@procurementId, @standardId, @now, @userId)",
                new { procurementId, standardId, now, userId }, cancellationToken);
        }

        if (removed.Count > 0)
        {
            await session.ExecuteAsync("DELETE FROM procurement_standards WHERE procurement_id = @procurementId AND standard_id IN @removed",
                new { procurementId, removed }, cancellationToken);
        }

        await journal.WriteAsync(userId, "procurement.standards-declared", "procurement", procurementId,
            before: new { standards = before }, after: new { standards = standardIds.Order(StringComparer.Ordinal), added, removed }, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>
    /// Suggests links from the procurement's requirements (or the one given) to its applicable standards. Undecided
    /// suggestions are replaced; accepted and rejected links stay, and a pair that has one is not suggested again.
    /// Returns the number of suggestions now open.
    /// </summary>
    public async Task<int> SuggestAsync(Guid procurementId, Guid? userId, Guid? requirementId, CancellationToken cancellationToken)
    {
        var applicable = await ApplicableAsync(procurementId, cancellationToken);
        if (applicable.Count == 0)
        {
            return 0; // nothing to suggest; open suggestions of standards no longer applicable stay until the next run
        }

        var suggester = new StandardSuggester(TextAnalyzer.Swedish, await standards.EntriesAsync(applicable, cancellationToken));
        var requirements = await session.QueryAsync<RequirementText>(
            """
            SELECT id, version, title, text FROM requirements
            WHERE procurement_id = @procurementId AND status <> 'Removed' AND (@requirementId IS NULL OR id = @requirementId)
            """, new { procurementId, requirementId }, cancellationToken);
        var decided = (await session.QueryAsync<LinkKey>(
            """
            SELECT l.requirement_id, l.standard_id, l.clause_id FROM requirement_standard_links l JOIN requirements r ON r.id = l.requirement_id
            WHERE r.procurement_id = @procurementId AND l.status <> 'Suggested' AND (@requirementId IS NULL OR r.id = @requirementId)
            """, new { procurementId, requirementId }, cancellationToken)).Select(k => (k.RequirementId, k.StandardId, k.ClauseId)).ToHashSet();

        await session.ExecuteAsync(
            """
            DELETE FROM requirement_standard_links WHERE status = 'Suggested'
              AND requirement_id IN (SELECT id FROM requirements WHERE procurement_id = @procurementId AND (@requirementId IS NULL OR id = @requirementId))
            """, new { procurementId, requirementId }, cancellationToken);

        var now = clock.GetUtcNow();
        var count = 0;
        foreach (var requirement in requirements)
        {
            // Ask for a few more than shown, so that pairs already decided do not leave the requirement with fewer.
            var fresh = suggester.Suggest($"{requirement.Title}. {requirement.Text}", SuggestionsPerRequirement + 3)
                .Where(s => !decided.Contains((requirement.Id, s.StandardId, s.ClauseId ?? "")))
                .DistinctBy(s => (s.StandardId, s.ClauseId ?? ""))
                .Take(SuggestionsPerRequirement);
            var rank = 0;
            foreach (var s in fresh)
            {
                await session.ExecuteAsync(
                    """
                    INSERT INTO requirement_standard_links (id, requirement_id, standard_id, clause_id, status, source, rank, confidence, confident, matched_terms,
                      requirement_version, created_at, decided_by, decided_at)
                    VALUES (@Id, @RequirementId, @StandardId, @ClauseId, 'Suggested', 'Suggester', @Rank, @Confidence, @Confident, @MatchedTerms,
                      @Version, @now, NULL, NULL)
                    """,
                    new
                    {
                        Id = Guid.CreateVersion7(), RequirementId = requirement.Id, s.StandardId, ClauseId = s.ClauseId ?? "", Rank = ++rank,
                        Confidence = Math.Clamp(s.Confidence, 0, 1), s.Confident, MatchedTerms = string.Join(", ", s.MatchedTerms), requirement.Version, now,
                    }, cancellationToken);
                count++;
            }
        }

        await journal.WriteAsync(userId, "requirement-links.suggested", "procurement", procurementId,
            after: new { requirement = requirementId, requirements = requirements.Count, suggestions = count, standards = applicable }, cancellationToken: cancellationToken);
        return count;
    }

    /// <summary>Accepts or rejects links of the procurement; ids of other procurements' links are ignored. Returns how many changed.</summary>
    /// <remarks>
    /// <paramref name="suggestedOnly"/>: a bulk decision from a page that may be stale touches only links still suggested,
    /// so it never flips another officer's decision; a row's own button may change a decision knowingly.
    /// </remarks>
    public async Task<int> DecideAsync(Guid procurementId, IReadOnlyCollection<Guid> linkIds, LinkStatus status, Guid userId, CancellationToken cancellationToken,
        bool suggestedOnly = false)
    {
        if (linkIds.Count == 0)
        {
            return 0;
        }

        var links = await session.QueryAsync<LinkRow>(
            $"{SelectLink} WHERE r.procurement_id = @procurementId AND l.id IN @linkIds AND l.status <> @Status"
              + (suggestedOnly ? " AND l.status = 'Suggested'" : ""),
            // As text: Dapper expands a list without the Guid type handler, and SQLite stores ids as text.
            new { procurementId, linkIds = linkIds.Select(l => l.ToString("D")), Status = status.ToString() }, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var link in links)
        {
            await session.ExecuteAsync(
                "UPDATE requirement_standard_links SET status = @Status, decided_by = @userId, decided_at = @now WHERE id = @Id",
                new { Status = status.ToString(), userId, now, link.Id }, cancellationToken);
            await journal.WriteAsync(userId, status == LinkStatus.Accepted ? "requirement-link.accepted" : "requirement-link.rejected",
                "requirement", link.RequirementId,
                before: new { link = link.Id, status = link.Status.ToString() },
                after: new { link = link.Id, status = status.ToString(), link.StandardId, link.ClauseId, link.Confidence }, cancellationToken: cancellationToken);
        }

        return links.Count;
    }

    /// <summary>An officer's own link, accepted at once (an earlier suggestion or rejection of the same pair becomes it).</summary>
    public async Task AddManualAsync(Guid requirementId, string standardId, string clauseId, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var version = await session.ExecuteScalarAsync<int>("SELECT version FROM requirements WHERE id = @requirementId", new { requirementId }, cancellationToken);
        var updated = await session.ExecuteAsync(
            """
            UPDATE requirement_standard_links SET status = 'Accepted', decided_by = @userId, decided_at = @now
            WHERE requirement_id = @requirementId AND standard_id = @standardId AND clause_id = @clauseId
            """, new { requirementId, standardId, clauseId, userId, now }, cancellationToken);
        if (updated == 0)
        {
            await session.ExecuteAsync(
                """
                INSERT INTO requirement_standard_links (id, requirement_id, standard_id, clause_id, status, source, rank, confidence, confident, matched_terms,
                  requirement_version, created_at, decided_by, decided_at)
                VALUES (@id, @requirementId, @standardId, @clauseId, 'Accepted', 'Manual', NULL, NULL, 0, '', @version, @now, @userId, @now)
                """, new { id = Guid.CreateVersion7(), requirementId, standardId, clauseId, version, now, userId }, cancellationToken);
        }

        await journal.WriteAsync(userId, "requirement-link.added", "requirement", requirementId,
            after: new { standardId, clauseId }, cancellationToken: cancellationToken);
    }

    private const string SelectLink =
        """
        SELECT l.id, l.requirement_id, l.standard_id, l.clause_id, l.status, l.source, l.rank, l.confidence, l.confident, l.matched_terms,
               s.name AS standard_name, c.text AS clause_text
        FROM requirement_standard_links l
        JOIN requirements r ON r.id = l.requirement_id
        JOIN standards s ON s.id = l.standard_id
        LEFT JOIN standard_clauses c ON c.standard_id = l.standard_id AND c.clause_id = l.clause_id
        """;

    /// <summary>Every link of the procurement's requirements, best suggestions first.</summary>
    public Task<IReadOnlyList<LinkRow>> ForProcurementAsync(Guid procurementId, CancellationToken cancellationToken) =>
        session.QueryAsync<LinkRow>(
            $"{SelectLink} WHERE r.procurement_id = @procurementId ORDER BY l.requirement_id, l.status, l.rank, l.standard_id, l.clause_id",
            new { procurementId }, cancellationToken);

    public Task<IReadOnlyList<LinkRow>> AcceptedForRequirementAsync(Guid requirementId, CancellationToken cancellationToken) =>
        session.QueryAsync<LinkRow>(
            $"{SelectLink} WHERE l.requirement_id = @requirementId AND l.status = 'Accepted' ORDER BY l.standard_id, l.clause_id",
            new { requirementId }, cancellationToken);

    private sealed class RequirementText
    {
        public Guid Id { get; init; }

        public int Version { get; init; }

        public string Title { get; init; } = "";

        public string Text { get; init; } = "";
    }

    private sealed class LinkKey
    {
        public Guid RequirementId { get; init; }

        public string StandardId { get; init; } = "";

        public string ClauseId { get; init; } = "";
    }
}

public enum LinkStatus
{
    Suggested,
    Accepted,
    Rejected,
}

public enum LinkSource
{
    Suggester,
    Manual,
}

public sealed class LinkRow
{
    public Guid Id { get; init; }

    public Guid RequirementId { get; init; }

    public string StandardId { get; init; } = "";

    public string ClauseId { get; init; } = "";

    public LinkStatus Status { get; init; }

    public LinkSource Source { get; init; }

    public int? Rank { get; init; }

    public double? Confidence { get; init; }

    public string MatchedTerms { get; init; } = "";

    public string StandardName { get; init; } = "";

    public string? ClauseText { get; init; }

    /// <summary>The suggester's <see cref="StandardSuggestion.Confident"/>: pre-selected in the officers' bulk form.</summary>
    public bool Confident { get; init; }

    public int? Percent => Confidence is { } c ? (int)Math.Round(c * 100) : null;

    public string Target => ClauseId.Length == 0 ? StandardId : $"{StandardId} {ClauseId}";
}

/// <summary>A requirement as the suggestions page lists it.</summary>
public sealed class RequirementSummary
{
    public Guid Id { get; init; }

    public string Code { get; init; } = "";

    public int Version { get; init; }

    public RequirementKind Kind { get; init; }

    public string Title { get; init; } = "";

    public string Text { get; init; } = "";

    public string CodeWithVersion => $"{Code}:{Version}";
}
