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

    /// <summary>The version of the procurement's set of applicable standards; every save moves it on.</summary>
    public Task<int> ApplicableVersionAsync(Guid procurementId, CancellationToken cancellationToken) =>
        session.ExecuteScalarAsync<int>("SELECT standards_version FROM procurements WHERE id = @procurementId", new { procurementId }, cancellationToken);

    /// <summary>Who saved the applicable standards last, and when (from the journal); null before any save.</summary>
    public Task<DeclarationRow?> LastDeclarationAsync(Guid procurementId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<DeclarationRow>(
            $"""
            SELECT j.occurred_at, u.display_name AS user_name
            FROM journal j LEFT JOIN users u ON u.id = j.actor_user_id
            WHERE j.action = 'procurement.standards-declared' AND j.entity_type = 'procurement' AND j.entity_id = @entityId
            ORDER BY j.id DESC
            {session.Dialect.Paging}
            """, new { entityId = procurementId.ToString(), Skip = 0, Take = 1 }, cancellationToken);

    /// <summary>
    /// Makes exactly <paramref name="standardIds"/> (all in the catalogue) the procurement's applicable standards, if
    /// nobody saved them since <paramref name="expectedVersion"/> (null, as the demo seeder does: whatever the version).
    /// </summary>
    public async Task<DeclareOutcome> DeclareAsync(Guid procurementId, IReadOnlyCollection<string> standardIds, int? expectedVersion, Guid? userId,
        CancellationToken cancellationToken)
    {
        var version = await ApplicableVersionAsync(procurementId, cancellationToken);
        if (expectedVersion is { } expected && expected != version)
        {
            return DeclareOutcome.Stale;
        }

        var before = await ApplicableAsync(procurementId, cancellationToken);
        var added = standardIds.Except(before).ToList();
        var removed = before.Except(standardIds).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return DeclareOutcome.Unchanged;
        }

        // The version moves first and only from the one read: a save that read it too (SQL Server runs them side by
        // side) finds no row here and changes nothing.
        if (await session.ExecuteAsync(
            "UPDATE procurements SET standards_version = standards_version + 1 WHERE id = @procurementId AND standards_version = @version",
            new { procurementId, version }, cancellationToken) == 0)
        {
            return DeclareOutcome.Stale;
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
            before: new { standards = before, version },
            after: new { standards = standardIds.Order(StringComparer.Ordinal), version = version + 1, added, removed }, cancellationToken: cancellationToken);
        return DeclareOutcome.Saved;
    }

    /// <summary>
    /// Suggests links from the procurement's requirements (or the one given) to its applicable standards, in the caller's
    /// transaction (a saved requirement gets its suggestions with its save). Undecided suggestions are replaced; accepted
    /// and rejected links stay, and a pair that has one is not suggested again. Returns the number of suggestions saved.
    /// For the whole procurement, the page reads, computes and saves in three steps instead, so that the computation
    /// never holds the write lock (see <see cref="ReadForSuggestingAsync"/>).
    /// </summary>
    public async Task<int> SuggestAsync(Guid procurementId, Guid? userId, Guid? requirementId, CancellationToken cancellationToken)
    {
        // Read and saved in one transaction: nothing can change in between, so the read needs no second look.
        var input = await ReadForSuggestingAsync(procurementId, requirementId, cancellationToken);
        return input.Applicable.Count == 0
            ? 0
            : await WriteSuggestionsAsync(procurementId, userId, input, ComputeSuggestions(input), input.Decided, input.Applicable.ToHashSet(StringComparer.Ordinal),
                cancellationToken);
    }

    /// <summary>
    /// Step 1 of suggesting: everything the suggester needs, read without a transaction of its own (no write lock).
    /// </summary>
    public async Task<SuggestionInput> ReadForSuggestingAsync(Guid procurementId, Guid? requirementId, CancellationToken cancellationToken)
    {
        var applicable = await ApplicableAsync(procurementId, cancellationToken);
        if (applicable.Count == 0)
        {
            return new SuggestionInput(requirementId, applicable, [], [], new HashSet<(Guid, string, string)>());
        }

        var entries = await standards.EntriesAsync(applicable, cancellationToken);
        var requirements = await session.QueryAsync<RequirementText>(
            """
            SELECT id, version, title, text FROM requirements
            WHERE procurement_id = @procurementId AND status <> 'Removed' AND (@requirementId IS NULL OR id = @requirementId)
            """, new { procurementId, requirementId }, cancellationToken);
        return new SuggestionInput(requirementId, applicable, entries, requirements, await DecidedPairsAsync(procurementId, requirementId, cancellationToken));
    }

    /// <summary>
    /// Step 2 of suggesting: pure computation, no database. For each requirement, its best candidates not yet decided,
    /// in the suggester's order; a few more than are shown, so that pairs decided before the save still leave enough.
    /// </summary>
    public static IReadOnlyList<ComputedSuggestions> ComputeSuggestions(SuggestionInput input)
    {
        if (input.Applicable.Count == 0)
        {
            return [];
        }

        var suggester = new StandardSuggester(TextAnalyzer.Swedish, input.Entries);
        return input.Requirements.Select(requirement => new ComputedSuggestions(requirement,
            suggester.Suggest($"{requirement.Title}. {requirement.Text}", SuggestionsPerRequirement + 3)
                .Where(s => !input.Decided.Contains((requirement.Id, s.StandardId, s.ClauseId ?? "")))
                .DistinctBy(s => (s.StandardId, s.ClauseId ?? ""))
                .ToList())).ToList();
    }

    /// <summary>
    /// Step 3 of suggesting: the one short write. Decisions made since the read win: a requirement changed, removed or
    /// added meanwhile keeps the suggestions its own save made, a pair decided meanwhile is not suggested, and only
    /// standards still applicable are. Undecided suggestions of the other requirements are replaced. Journalled.
    /// </summary>
    public async Task<int> SaveSuggestionsAsync(Guid procurementId, Guid? userId, SuggestionInput input, IReadOnlyList<ComputedSuggestions> computed,
        CancellationToken cancellationToken)
    {
        if (input.Applicable.Count == 0)
        {
            return 0; // nothing to suggest; open suggestions of standards no longer applicable stay until the next run
        }

        var requirementId = input.RequirementId;
        var versions = (await session.QueryAsync<RequirementText>(
            """
            SELECT id, version FROM requirements
            WHERE procurement_id = @procurementId AND status <> 'Removed' AND (@requirementId IS NULL OR id = @requirementId)
            """, new { procurementId, requirementId }, cancellationToken)).ToDictionary(r => r.Id, r => r.Version);
        var unchanged = computed.Where(c => versions.TryGetValue(c.Requirement.Id, out var version) && version == c.Requirement.Version).ToList();
        var decided = await DecidedPairsAsync(procurementId, requirementId, cancellationToken);
        var applicable = (await ApplicableAsync(procurementId, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return await WriteSuggestionsAsync(procurementId, userId, input, unchanged, decided, applicable, cancellationToken,
            changedMeanwhile: computed.Count - unchanged.Count);
    }

    /// <summary>
    /// Replaces the undecided suggestions of <paramref name="unchanged"/>'s requirements (and of removed ones) with their
    /// candidates for still applicable standards whose pair is not decided, and journals it.
    /// </summary>
    private async Task<int> WriteSuggestionsAsync(Guid procurementId, Guid? userId, SuggestionInput input, IReadOnlyList<ComputedSuggestions> unchanged,
        IReadOnlySet<(Guid, string, string)> decided, HashSet<string> applicable, CancellationToken cancellationToken, int changedMeanwhile = 0)
    {
        var requirementId = input.RequirementId;
        // Undecided suggestions go for the requirements suggested for now, and for removed ones (they get none).
        await session.ExecuteAsync(
            "DELETE FROM requirement_standard_links WHERE status = 'Suggested' AND requirement_id = @Id",
            unchanged.Select(c => new { c.Requirement.Id }), cancellationToken);
        await session.ExecuteAsync(
            """
            DELETE FROM requirement_standard_links WHERE status = 'Suggested'
              AND requirement_id IN (SELECT id FROM requirements WHERE procurement_id = @procurementId AND status = 'Removed'
                                     AND (@requirementId IS NULL OR id = @requirementId))
            """, new { procurementId, requirementId }, cancellationToken);

        var now = clock.GetUtcNow();
        var rows = unchanged.SelectMany(c => c.Candidates
            .Where(s => applicable.Contains(s.StandardId) && !decided.Contains((c.Requirement.Id, s.StandardId, s.ClauseId ?? "")))
            .Take(SuggestionsPerRequirement)
            .Select((s, i) => new
            {
                Id = Guid.CreateVersion7(), RequirementId = c.Requirement.Id, s.StandardId, ClauseId = s.ClauseId ?? "", Rank = i + 1,
                Confidence = Math.Clamp(s.Confidence, 0, 1), s.Confident, MatchedTerms = string.Join(", ", s.MatchedTerms), c.Requirement.Version, now,
            })).ToList();
        await session.ExecuteAsync(
            """
            INSERT INTO requirement_standard_links (id, requirement_id, standard_id, clause_id, status, source, rank, confidence, confident, matched_terms,
              requirement_version, created_at, decided_by, decided_at)
            VALUES (@Id, @RequirementId, @StandardId, @ClauseId, 'Suggested', 'Suggester', @Rank, @Confidence, @Confident, @MatchedTerms,
              @Version, @now, NULL, NULL)
            """, rows, cancellationToken);

        await journal.WriteAsync(userId, "requirement-links.suggested", "procurement", procurementId,
            after: new
            {
                requirement = requirementId, requirements = unchanged.Count, suggestions = rows.Count, standards = input.Applicable,
                changedMeanwhile,
            }, cancellationToken: cancellationToken);
        return rows.Count;
    }

    private async Task<HashSet<(Guid, string, string)>> DecidedPairsAsync(Guid procurementId, Guid? requirementId, CancellationToken cancellationToken) =>
        (await session.QueryAsync<LinkKey>(
            """
            SELECT l.requirement_id, l.standard_id, l.clause_id FROM requirement_standard_links l JOIN requirements r ON r.id = l.requirement_id
            WHERE r.procurement_id = @procurementId AND l.status <> 'Suggested' AND (@requirementId IS NULL OR r.id = @requirementId)
            """, new { procurementId, requirementId }, cancellationToken)).Select(k => (k.RequirementId, k.StandardId, k.ClauseId)).ToHashSet();

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

    /// <summary>The links of the given requirements (one page of them), best suggestions first.</summary>
    public async Task<IReadOnlyList<LinkRow>> ForRequirementsAsync(IReadOnlyCollection<Guid> requirementIds, CancellationToken cancellationToken) =>
        requirementIds.Count == 0
            ? []
            : await session.QueryAsync<LinkRow>(
                $"{SelectLink} WHERE l.requirement_id IN @requirementIds ORDER BY l.requirement_id, l.status, l.rank, l.standard_id, l.clause_id",
                // As text: Dapper expands a list without the Guid type handler, and SQLite stores ids as text.
                new { requirementIds = requirementIds.Select(r => r.ToString("D")) }, cancellationToken);

    /// <summary>How many links of the procurement's (not removed) requirements wait for a decision, and how many are accepted.</summary>
    public Task<LinkCounts> CountsAsync(Guid procurementId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<LinkCounts>(
            """
            SELECT COALESCE(SUM(CASE WHEN l.status = 'Suggested' THEN 1 ELSE 0 END), 0) AS open_count,
                   COALESCE(SUM(CASE WHEN l.status = 'Accepted' THEN 1 ELSE 0 END), 0) AS accepted
            FROM requirement_standard_links l JOIN requirements r ON r.id = l.requirement_id
            WHERE r.procurement_id = @procurementId AND r.status <> 'Removed'
            """, new { procurementId }, cancellationToken)!;

    public Task<IReadOnlyList<LinkRow>> AcceptedForRequirementAsync(Guid requirementId, CancellationToken cancellationToken) =>
        session.QueryAsync<LinkRow>(
            $"{SelectLink} WHERE l.requirement_id = @requirementId AND l.status = 'Accepted' ORDER BY l.standard_id, l.clause_id",
            new { requirementId }, cancellationToken);

    public sealed class RequirementText
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

/// <summary>What suggesting links reads (step 1 of <see cref="StandardLinkStore.SuggestAsync"/>).</summary>
public sealed record SuggestionInput(
    Guid? RequirementId,
    IReadOnlyList<string> Applicable,
    IReadOnlyList<StandardEntry> Entries,
    IReadOnlyList<StandardLinkStore.RequirementText> Requirements,
    IReadOnlySet<(Guid RequirementId, string StandardId, string ClauseId)> Decided);

/// <summary>A requirement as it was read, with its undecided candidates best first (step 2).</summary>
public sealed record ComputedSuggestions(StandardLinkStore.RequirementText Requirement, IReadOnlyList<StandardSuggestion> Candidates);

public sealed class LinkCounts
{
    public int OpenCount { get; init; }

    public int Accepted { get; init; }
}

public enum DeclareOutcome
{
    Saved,
    Unchanged,

    /// <summary>Someone saved the applicable standards after the page was read: nothing was changed.</summary>
    Stale,
}

public sealed class DeclarationRow
{
    public DateTimeOffset OccurredAt { get; init; }

    public string? UserName { get; init; }
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
