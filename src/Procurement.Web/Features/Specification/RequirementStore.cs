using Procurement.Data;
using Procurement.Data.Journal;
using Procurement.Domain.Requirements;

namespace Procurement.Web.Features.Specification;

/// <summary>
/// The specification of a procurement. A requirement's current state is one row; every change also adds a
/// row to requirement_versions (author, time, reason), so any two versions can be compared later.
/// </summary>
public sealed class RequirementStore(DbSession session, JournalWriter journal, TimeProvider clock)
{
    private const string SelectRequirement =
        $"""
        SELECT r.id, r.procurement_id, r.section, r.category_id, c.number AS category_number, c.name AS category_name,
               r.position, r.code, r.version, r.kind, r.title, r.text, r.motiv, r.verifikat, r.status, r.updated_at,
               u.display_name AS updated_by_name,
               {RequirementBacking.CountSql} AS supports,
               (SELECT COUNT(*) FROM comments m WHERE m.requirement_id = r.id) AS comments
        FROM requirements r
        LEFT JOIN procurement_categories c ON c.id = r.category_id
        LEFT JOIN users u ON u.id = r.updated_by
        """;

    public Task<IReadOnlyList<RequirementRow>> ListAsync(Guid procurementId, CancellationToken cancellationToken) =>
        session.QueryAsync<RequirementRow>(
            $"{SelectRequirement} WHERE r.procurement_id = @procurementId ORDER BY r.section, c.number, r.position",
            new { procurementId }, cancellationToken);

    public Task<RequirementRow?> GetAsync(Guid procurementId, Guid requirementId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<RequirementRow>(
            $"{SelectRequirement} WHERE r.procurement_id = @procurementId AND r.id = @requirementId",
            new { procurementId, requirementId }, cancellationToken);

    public Task<IReadOnlyList<RequirementVersionRow>> VersionsAsync(Guid requirementId, CancellationToken cancellationToken) =>
        session.QueryAsync<RequirementVersionRow>(
            """
            SELECT v.version, v.code, v.section, v.kind, v.title, v.text, v.motiv, v.verifikat, v.status, v.changed_at, v.reason,
                   u.display_name AS changed_by_name
            FROM requirement_versions v LEFT JOIN users u ON u.id = v.changed_by
            WHERE v.requirement_id = @requirementId ORDER BY v.version
            """, new { requirementId }, cancellationToken);

    public async Task<Guid> CreateAsync(Guid procurementId, RequirementData data, Guid? userId, string reason, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var position = await NextPositionAsync(procurementId, data.Section, data.CategoryId, cancellationToken);
        var code = new RequirementCode(data.Section, data.CategoryNumber, position).ToString();
        var row = Row(id, procurementId, data, position, code, version: 1, now, userId);
        await session.ExecuteAsync(
            """
            INSERT INTO requirements (id, procurement_id, section, category_id, position, code, version, kind, title, text, motiv, verifikat,
              status, created_at, updated_at, updated_by)
            VALUES (@Id, @ProcurementId, @Section, @CategoryId, @Position, @Code, @Version, @Kind, @Title, @Text, @Motiv, @Verifikat,
              @Status, @Now, @Now, @UserId)
            """, row, cancellationToken);
        await AddVersionAsync(row, reason, cancellationToken);
        await journal.WriteAsync(userId, "requirement.created", "requirement", id, after: new { code, data.Kind, data.Title }, cancellationToken: cancellationToken);
        return id;
    }

    /// <summary>Saves a change made from <paramref name="expectedVersion"/>; false when someone saved a newer version first.</summary>
    public async Task<bool> UpdateAsync(RequirementRow current, int expectedVersion, RequirementData data, Guid userId, string reason, CancellationToken cancellationToken)
    {
        var moved = current.Section != data.Section || current.CategoryId != data.CategoryId;
        var position = moved ? await NextPositionAsync(current.ProcurementId, data.Section, data.CategoryId, cancellationToken) : current.Position;
        var code = moved ? new RequirementCode(data.Section, data.CategoryNumber, position).ToString() : current.Code;
        var row = Row(current.Id, current.ProcurementId, data, position, code, expectedVersion + 1, clock.GetUtcNow(), userId);
        var updated = await session.ExecuteAsync(
            """
            UPDATE requirements SET section = @Section, category_id = @CategoryId, position = @Position, code = @Code, version = @Version,
              kind = @Kind, title = @Title, text = @Text, motiv = @Motiv, verifikat = @Verifikat, status = @Status,
              updated_at = @Now, updated_by = @UserId
            WHERE id = @Id AND version = @expectedVersion
            """, new { row.Id, row.Section, row.CategoryId, row.Position, row.Code, row.Version, row.Kind, row.Title, row.Text, row.Motiv, row.Verifikat, row.Status, row.Now, row.UserId, expectedVersion },
            cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        await AddVersionAsync(row, reason, cancellationToken);
        await journal.WriteAsync(userId, "requirement.changed", "requirement", current.Id,
            before: new { version = expectedVersion, current.Code, current.Kind, current.Title, current.Text, current.Motiv, current.Verifikat, current.Status },
            after: new { version = row.Version, code, data.Kind, data.Title, data.Text, data.Motiv, data.Verifikat, data.Status, reason },
            cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Swaps the requirement with its neighbour above or below in the same part. Codes stay until renumbering.</summary>
    public async Task<bool> MoveAsync(RequirementRow requirement, bool up, Guid userId, CancellationToken cancellationToken)
    {
        var neighbour = await session.QuerySingleOrDefaultAsync<RequirementPosition>(
            $"""
            SELECT id, position FROM requirements
            WHERE procurement_id = @ProcurementId AND section = @Section
              AND (category_id = @CategoryId OR (category_id IS NULL AND @CategoryId IS NULL))
              AND position {(up ? "<" : ">")} @Position
            ORDER BY position {(up ? "DESC" : "ASC")}
            {session.Dialect.Paging}
            """,
            new { requirement.ProcurementId, Section = requirement.Section.ToString(), requirement.CategoryId, requirement.Position, Skip = 0, Take = 1 },
            cancellationToken);
        if (neighbour is null)
        {
            return false;
        }

        await session.ExecuteAsync("UPDATE requirements SET position = @Position WHERE id = @Id", new { requirement.Id, neighbour.Position }, cancellationToken);
        await session.ExecuteAsync("UPDATE requirements SET position = @Position WHERE id = @Id", new { neighbour.Id, requirement.Position }, cancellationToken);
        await journal.WriteAsync(userId, "requirement.moved", "requirement", requirement.Id,
            before: new { requirement.Position }, after: new { neighbour.Position }, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>
    /// Gives every requirement the code of its place (K-section[.category].position, positions 1, 2, 3 …).
    /// A requirement whose code changes gets a new version with the reason "Omnumrering".
    /// </summary>
    public async Task<int> RenumberAsync(Guid procurementId, Guid userId, string reason, CancellationToken cancellationToken)
    {
        var all = await ListAsync(procurementId, cancellationToken);
        var changed = 0;
        var now = clock.GetUtcNow();
        foreach (var part in all.GroupBy(r => (r.Section, r.CategoryNumber)))
        {
            var position = 0;
            foreach (var r in part.OrderBy(r => r.Position))
            {
                position++;
                var code = new RequirementCode(r.Section, r.CategoryNumber, position).ToString();
                if (code == r.Code && position == r.Position)
                {
                    continue;
                }

                var data = r.ToData();
                var row = Row(r.Id, procurementId, data, position, code, r.Version + (code == r.Code ? 0 : 1), now, userId);
                await session.ExecuteAsync(
                    "UPDATE requirements SET position = @Position, code = @Code, version = @Version, updated_at = @Now, updated_by = @UserId WHERE id = @Id",
                    row, cancellationToken);
                if (code != r.Code)
                {
                    await AddVersionAsync(row, reason, cancellationToken);
                    changed++;
                }
            }
        }

        await journal.WriteAsync(userId, "specification.renumbered", "procurement", procurementId, after: new { changed }, cancellationToken: cancellationToken);
        return changed;
    }

    private async Task<int> NextPositionAsync(Guid procurementId, SpecificationSection section, Guid? categoryId, CancellationToken cancellationToken) =>
        await session.ExecuteScalarAsync<int>(
            """
            SELECT COALESCE(MAX(position), 0) + 1 FROM requirements
            WHERE procurement_id = @procurementId AND section = @Section AND (category_id = @categoryId OR (category_id IS NULL AND @categoryId IS NULL))
            """, new { procurementId, Section = section.ToString(), categoryId }, cancellationToken);

    private Task<int> AddVersionAsync(VersionedRow row, string reason, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO requirement_versions (requirement_id, version, code, section, category_id, kind, title, text, motiv, verifikat, status,
              changed_at, changed_by, reason)
            VALUES (@Id, @Version, @Code, @Section, @CategoryId, @Kind, @Title, @Text, @Motiv, @Verifikat, @Status, @Now, @UserId, @reason)
            """, new { row.Id, row.Version, row.Code, row.Section, row.CategoryId, row.Kind, row.Title, row.Text, row.Motiv, row.Verifikat, row.Status, row.Now, row.UserId, reason },
            cancellationToken);

    private static VersionedRow Row(Guid id, Guid procurementId, RequirementData data, int position, string code, int version, DateTimeOffset now, Guid? userId) =>
        new(id, procurementId, data.Section.ToString(), data.CategoryId, position, code, version, data.Kind.ToString(), data.Title, data.Text,
            data.Motiv, data.Verifikat, data.Status.ToString(), now, userId);

    private sealed record VersionedRow(Guid Id, Guid ProcurementId, string Section, Guid? CategoryId, int Position, string Code, int Version,
        string Kind, string Title, string Text, string Motiv, string Verifikat, string Status, DateTimeOffset Now, Guid? UserId);

    private sealed class RequirementPosition
    {
        public Guid Id { get; init; }

        public int Position { get; init; }
    }
}

public enum RequirementStatus
{
    Draft,
    Approved,
    Removed,
}

/// <summary>A requirement as the officer writes it, checked.</summary>
public sealed record RequirementData(
    SpecificationSection Section,
    Guid? CategoryId,
    int? CategoryNumber,
    RequirementKind Kind,
    string Title,
    string Text,
    string Motiv,
    string Verifikat,
    RequirementStatus Status);

public sealed class RequirementRow
{
    public Guid Id { get; init; }

    public Guid ProcurementId { get; init; }

    public SpecificationSection Section { get; init; }

    public Guid? CategoryId { get; init; }

    public int? CategoryNumber { get; init; }

    public string? CategoryName { get; init; }

    public int Position { get; init; }

    public string Code { get; init; } = "";

    public int Version { get; init; }

    public RequirementKind Kind { get; init; }

    public string Title { get; init; } = "";

    public string Text { get; init; } = "";

    public string Motiv { get; init; } = "";

    public string Verifikat { get; init; } = "";

    public RequirementStatus Status { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? UpdatedByName { get; init; }

    public int Supports { get; init; }

    public int Comments { get; init; }

    public string CodeWithVersion => $"{Code}:{Version}";

    public RequirementData ToData() => new(Section, CategoryId, CategoryNumber, Kind, Title, Text, Motiv, Verifikat, Status);
}

public sealed class RequirementVersionRow
{
    public int Version { get; init; }

    public string Code { get; init; } = "";

    public SpecificationSection Section { get; init; }

    public RequirementKind Kind { get; init; }

    public string Title { get; init; } = "";

    public string Text { get; init; } = "";

    public string Motiv { get; init; } = "";

    public string Verifikat { get; init; } = "";

    public RequirementStatus Status { get; init; }

    public DateTimeOffset ChangedAt { get; init; }

    public string Reason { get; init; } = "";

    public string? ChangedByName { get; init; }
}
