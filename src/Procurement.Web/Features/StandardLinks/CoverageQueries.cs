using Procurement.Data;
using Procurement.Data.Journal;
using Procurement.Domain.Requirements;
using Procurement.Web.Features.Standards;

namespace Procurement.Web.Features.StandardLinks;

/// <summary>
/// The coverage report of a procurement: every clause of every applicable standard with the requirements that
/// cover it through accepted links, and the conflicts officers flagged. Ska-krav, kvalificeringskrav and
/// kontraktsvillkor cover a clause; a bör-krav does not (a supplier may leave it unmet), it is shown as a hint.
/// </summary>
public sealed class CoverageQueries(DbSession session, StandardStore standards, JournalWriter journal, TimeProvider clock)
{
    public async Task<CoverageReport> ReportAsync(Guid procurementId, CancellationToken cancellationToken)
    {
        var applicable = await session.QueryAsync<StandardHead>(
            """
            SELECT s.id, s.name, s.title FROM procurement_standards ps JOIN standards s ON s.id = ps.standard_id
            WHERE ps.procurement_id = @procurementId ORDER BY s.id
            """, new { procurementId }, cancellationToken);
        var clauses = (await standards.ClausesAsync(applicable.Select(s => s.Id).ToList(), cancellationToken)).ToLookup(c => c.StandardId);
        var linked = (await session.QueryAsync<LinkedRequirement>(
            """
            SELECT l.standard_id, l.clause_id, r.id, r.code, r.version, r.kind, r.title
            FROM requirement_standard_links l JOIN requirements r ON r.id = l.requirement_id
            WHERE r.procurement_id = @procurementId AND l.status = 'Accepted' AND r.status <> 'Removed'
            ORDER BY r.section, r.code
            """, new { procurementId }, cancellationToken)).ToLookup(l => (l.StandardId, l.ClauseId));
        var conflicts = (await ConflictsAsync(procurementId, cancellationToken)).ToLookup(c => (c.StandardId, c.ClauseId));

        var report = applicable.Select(s => new StandardCoverage(s.Id, s.Name, s.Title, clauses[s.Id].Select(c =>
        {
            var covering = linked[(s.Id, c.ClauseId)].ToList();
            return new ClauseCoverage(s.Id, c.ClauseId, c.Text,
                covering.Where(r => r.Kind != RequirementKind.Bor).ToList(),
                covering.Where(r => r.Kind == RequirementKind.Bor).ToList(),
                conflicts[(s.Id, c.ClauseId)].ToList());
        }).ToList())).ToList();
        return new CoverageReport(report);
    }

    public Task<IReadOnlyList<ConflictRow>> ConflictsAsync(Guid procurementId, CancellationToken cancellationToken) =>
        session.QueryAsync<ConflictRow>(
            """
            SELECT c.id, c.requirement_id, r.code, r.version, r.title, c.standard_id, c.clause_id, c.rationale, c.flagged_at,
                   u.display_name AS flagged_by_name
            FROM coverage_conflicts c JOIN requirements r ON r.id = c.requirement_id LEFT JOIN users u ON u.id = c.flagged_by
            WHERE r.procurement_id = @procurementId AND c.resolved_at IS NULL
            ORDER BY c.flagged_at
            """, new { procurementId }, cancellationToken);

    public async Task<Guid> FlagConflictAsync(Guid requirementId, string standardId, string clauseId, string rationale, Guid userId, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await session.ExecuteAsync(
            """
            INSERT INTO coverage_conflicts (id, requirement_id, standard_id, clause_id, rationale, flagged_by, flagged_at, resolved_by, resolved_at)
            VALUES (@id, @requirementId, @standardId, @clauseId, @rationale, @userId, @now, NULL, NULL)
            """, new { id, requirementId, standardId, clauseId, rationale, userId, now = clock.GetUtcNow() }, cancellationToken);
        await journal.WriteAsync(userId, "coverage-conflict.flagged", "requirement", requirementId,
            after: new { conflict = id, standardId, clauseId, rationale }, cancellationToken: cancellationToken);
        return id;
    }

    /// <summary>Marks an open conflict of the procurement resolved; false when there is none by that id.</summary>
    public async Task<bool> ResolveConflictAsync(Guid procurementId, Guid conflictId, Guid userId, CancellationToken cancellationToken)
    {
        var resolved = await session.ExecuteAsync(
            """
            UPDATE coverage_conflicts SET resolved_by = @userId, resolved_at = @now
            WHERE id = @conflictId AND resolved_at IS NULL
              AND requirement_id IN (SELECT id FROM requirements WHERE procurement_id = @procurementId)
            """, new { conflictId, procurementId, userId, now = clock.GetUtcNow() }, cancellationToken);
        if (resolved > 0)
        {
            await journal.WriteAsync(userId, "coverage-conflict.resolved", "coverage-conflict", conflictId, cancellationToken: cancellationToken);
        }

        return resolved > 0;
    }

    private sealed class StandardHead
    {
        public string Id { get; init; } = "";

        public string Name { get; init; } = "";

        public string Title { get; init; } = "";
    }
}

public sealed record CoverageReport(IReadOnlyList<StandardCoverage> Standards)
{
    public IEnumerable<ClauseCoverage> Clauses => Standards.SelectMany(s => s.Clauses);

    public int Covered => Clauses.Count(c => c.IsCovered);

    public int Gaps => Clauses.Count(c => !c.IsCovered);

    public int Conflicts => Clauses.Sum(c => c.Conflicts.Count);
}

public sealed record StandardCoverage(string Id, string Name, string Title, IReadOnlyList<ClauseCoverage> Clauses);

public sealed record ClauseCoverage(string StandardId, string ClauseId, string Text,
    IReadOnlyList<LinkedRequirement> Covering, IReadOnlyList<LinkedRequirement> BorOnly, IReadOnlyList<ConflictRow> Conflicts)
{
    public bool IsCovered => Covering.Count > 0;

    public string Anchor => $"avsnitt-{StandardId}-{ClauseId}";
}

public sealed class LinkedRequirement
{
    public string StandardId { get; init; } = "";

    public string ClauseId { get; init; } = "";

    public Guid Id { get; init; }

    public string Code { get; init; } = "";

    public int Version { get; init; }

    public RequirementKind Kind { get; init; }

    public string Title { get; init; } = "";

    public string CodeWithVersion => $"{Code}:{Version}";
}

public sealed class ConflictRow
{
    public Guid Id { get; init; }

    public Guid RequirementId { get; init; }

    public string Code { get; init; } = "";

    public int Version { get; init; }

    public string Title { get; init; } = "";

    public string StandardId { get; init; } = "";

    public string ClauseId { get; init; } = "";

    public string Rationale { get; init; } = "";

    public DateTimeOffset FlaggedAt { get; init; }

    public string? FlaggedByName { get; init; }

    public string CodeWithVersion => $"{Code}:{Version}";
}
