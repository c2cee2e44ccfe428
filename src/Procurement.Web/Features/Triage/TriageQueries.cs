using Dapper;
using Procurement.Data;
using Procurement.Data.Search;
using Procurement.Domain.Requirements;

namespace Procurement.Web.Features.Triage;

/// <summary>The officer's lists: needs and requirements, filtered, searched, sorted and paged in SQL.</summary>
public sealed class TriageQueries(DbSession session)
{
    // Sections are stored by name; the document's order is their number (1 Administrativa föreskrifter … 5 Kontraktsvillkor).
    private static readonly string SectionOrder =
        $"CASE r.section {string.Join(' ', Enum.GetValues<SpecificationSection>().Select(s => $"WHEN '{s}' THEN {(int)s}"))} END";

    public async Task<TriagePage<TriageSubmission>> SubmissionsAsync(Guid procurementId, TriageFilter filter, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new
        {
            procurementId,
            Status = filter.Status ?? "Active",
            filter.OrganisationId,
            filter.County,
            Kind = filter.Kind?.ToString(),
            filter.Category,
            Skip = filter.Skip,
            Take = filter.Take,
        });
        var where = new List<string>
        {
            "s.procurement_id = @procurementId",
            "s.status = @Status",
        };
        if (filter.OrganisationId is not null)
        {
            where.Add("s.organisation_id = @OrganisationId");
        }

        if (filter.County is not null)
        {
            where.Add("o.county_code = @County");
        }

        if (filter.Kind is not null)
        {
            where.Add("s.suggested_kind = @Kind");
        }

        if (filter.Category is not null)
        {
            where.Add("c.number = @Category");
        }

        if (TextSearch.Condition(session.Dialect, filter.Search, "s", "submissions_fts", ["text", "motiv"], parameters) is { } search)
        {
            where.Add(search);
        }

        var conditions = string.Join(" AND ", where);
        var order = filter.Sort switch
        {
            "aldst" => "s.created_at ASC, s.id",
            "organisation" => $"o.name {session.Dialect.SwedishOrder}, s.created_at DESC, s.id",
            "typ" => "s.suggested_kind, s.created_at DESC, s.id",
            _ => "s.created_at DESC, s.id",
        };
        var rows = await session.QueryAsync<TriageSubmission>(
            $"""
            SELECT s.id, s.text, s.suggested_kind, s.status, s.created_at, o.id AS organisation_id, o.name AS organisation_name,
                   c.number AS category_number, c.name AS category_name,
                   (SELECT COUNT(*) FROM supports x WHERE x.submission_id = s.id) AS supports
            FROM submissions s
            JOIN organisations o ON o.id = s.organisation_id
            LEFT JOIN procurement_categories c ON c.id = s.category_id
            WHERE {conditions}
            ORDER BY {order}
            {session.Dialect.Paging}
            """, parameters, cancellationToken);
        var total = await session.ExecuteScalarAsync<int>(
            $"""
            SELECT COUNT(*) FROM submissions s
            JOIN organisations o ON o.id = s.organisation_id
            LEFT JOIN procurement_categories c ON c.id = s.category_id
            WHERE {conditions}
            """, parameters, cancellationToken);
        return new TriagePage<TriageSubmission>(rows, total);
    }

    public async Task<TriagePage<TriageRequirement>> RequirementsAsync(Guid procurementId, TriageFilter filter, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new
        {
            procurementId,
            filter.Status,
            Kind = filter.Kind?.ToString(),
            filter.Category,
            Skip = filter.Skip,
            Take = filter.Take,
        });
        var where = new List<string> { "r.procurement_id = @procurementId" };
        if (filter.Status is not null)
        {
            where.Add("r.status = @Status");
        }

        if (filter.Kind is not null)
        {
            where.Add("r.kind = @Kind");
        }

        if (filter.Category is not null)
        {
            where.Add("c.number = @Category");
        }

        if (TextSearch.Condition(session.Dialect, filter.Search, "r", "requirements_fts", ["title", "text", "motiv"], parameters) is { } search)
        {
            where.Add(search);
        }

        var conditions = string.Join(" AND ", where);
        var order = filter.Sort switch
        {
            "stod" => "supports DESC, r.code",
            "typ" => "r.kind, r.code",
            _ => $"{SectionOrder}, c.number, r.position",
        };
        var rows = await session.QueryAsync<TriageRequirement>(
            $"""
            SELECT r.id, r.code, r.version, r.kind, r.title, r.status, r.section, c.number AS category_number,
                   (SELECT COUNT(*) FROM supports x WHERE x.requirement_id = r.id) AS supports,
                   (SELECT COUNT(*) FROM comments m WHERE m.requirement_id = r.id) AS comments
            FROM requirements r
            LEFT JOIN procurement_categories c ON c.id = r.category_id
            WHERE {conditions}
            ORDER BY {order}
            {session.Dialect.Paging}
            """, parameters, cancellationToken);
        var total = await session.ExecuteScalarAsync<int>(
            $"SELECT COUNT(*) FROM requirements r LEFT JOIN procurement_categories c ON c.id = r.category_id WHERE {conditions}",
            parameters, cancellationToken);
        return new TriagePage<TriageRequirement>(rows, total);
    }

    /// <summary>The organisations that sent needs, for the filter.</summary>
    public Task<IReadOnlyList<OrganisationOption>> SubmittersAsync(Guid procurementId, CancellationToken cancellationToken) =>
        session.QueryAsync<OrganisationOption>(
            $"""
            SELECT o.id, o.name FROM organisations o
            WHERE o.id IN (SELECT DISTINCT organisation_id FROM submissions WHERE procurement_id = @procurementId)
            ORDER BY o.name {session.Dialect.SwedishOrder}
            """, new { procurementId }, cancellationToken);
}

public sealed record TriageFilter(
    string? Search,
    Guid? OrganisationId,
    string? County,
    RequirementKind? Kind,
    int? Category,
    string? Status,
    string? Sort,
    int Skip,
    int Take);

public sealed record TriagePage<T>(IReadOnlyList<T> Rows, int Total);

public sealed class TriageSubmission
{
    public Guid Id { get; init; }

    public string Text { get; init; } = "";

    public RequirementKind? SuggestedKind { get; init; }

    public string Status { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public Guid OrganisationId { get; init; }

    public string OrganisationName { get; init; } = "";

    public int? CategoryNumber { get; init; }

    public string? CategoryName { get; init; }

    public int Supports { get; init; }
}

public sealed class TriageRequirement
{
    public Guid Id { get; init; }

    public string Code { get; init; } = "";

    public int Version { get; init; }

    public RequirementKind Kind { get; init; }

    public string Title { get; init; } = "";

    public string Status { get; init; } = "";

    public SpecificationSection Section { get; init; }

    public int? CategoryNumber { get; init; }

    public int Supports { get; init; }

    public int Comments { get; init; }
}

public sealed class OrganisationOption
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";
}
