using System.Globalization;
using Dapper;
using Procurement.Data;
using Procurement.Data.Organisations;
using Procurement.Data.Search;
using Procurement.Domain.Requirements;
using Procurement.Web.Features.Procurements;

using Procurement.Web.Features.Specification;

namespace Procurement.Web.Features.Triage;

/// <summary>The officer's lists: needs and requirements, filtered, searched, sorted and paged in SQL.</summary>
public sealed class TriageQueries(DbSession session, TriageCache cache, ProcurementStore procurements, OrganisationQueries organisations)
{
    // Sections are stored by name; the document's order is their number (1 Administrativa föreskrifter … 5 Kontraktsvillkor).
    private static readonly string SectionOrder =
        $"CASE r.section {string.Join(' ', Enum.GetValues<SpecificationSection>().Select(s => $"WHEN '{s}' THEN {(int)s}"))} END";

    /// <summary>A page of needs; <paramref name="version"/> is the procurement's list_version as read for this request.</summary>
    public Task<TriagePage<TriageSubmission>> SubmissionsAsync(Guid procurementId, long version, TriageFilter filter, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync((nameof(SubmissionsAsync), procurementId, version, filter), () => LoadSubmissionsAsync(procurementId, version, filter, cancellationToken));

    private async Task<TriagePage<TriageSubmission>> LoadSubmissionsAsync(Guid procurementId, long version, TriageFilter filter, CancellationToken cancellationToken)
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

        // Every condition but the text search is on the needs' own columns, so they and the count are answered from ix_submissions_list.
        if (filter.County is not null)
        {
            where.Add("s.organisation_id IN (SELECT id FROM organisations WHERE county_code = @County)");
        }

        if (filter.Kind is not null)
        {
            where.Add("s.suggested_kind = @Kind");
        }

        if (filter.Category is not null)
        {
            where.Add("s.category_id = (SELECT id FROM procurement_categories WHERE procurement_id = @procurementId AND number = @Category)");
        }

        if (TextSearch.Condition(session.Dialect, filter.Search, "s", "submissions_fts", ["text", "motiv"], parameters) is { } search)
        {
            where.Add(search);
        }

        var conditions = string.Join(" AND ", where);
        // By organisation: the few participants are put in Swedish order once, then the needs sorted by that rank
        // (an organisation without a participation, which the app does not make, would come last, not vanish).
        // Ties go by id in the same direction as the time, so newest first is ix_submissions_list read backwards.
        var (ranked, position, order) = filter.Sort switch
        {
            "aldst" => ("", "0", "{0}created_at ASC, {0}id ASC"),
            "organisation" => ("LEFT JOIN ranked ON ranked.id = s.organisation_id", "COALESCE(ranked.position, 2147483647)", "{1}position, {0}created_at DESC, {0}id DESC"),
            "typ" => ("", "0", "{0}suggested_kind, {0}created_at DESC, {0}id DESC"),
            _ => ("", "0", "{0}created_at DESC, {0}id DESC"),
        };
        // The page's ids first, sorted and cut from the index; only those fifty rows are then read and joined, so a late
        // page or a sort the index does not give costs a sort of keys, not of 20,000 full rows with their support counts.
        var rows = await session.QueryAsync<TriageSubmission>(
            $"""
            WITH ranked AS (
              SELECT o.id, ROW_NUMBER() OVER (ORDER BY o.name {session.Dialect.SwedishOrder}) AS position
              FROM organisations o WHERE o.id IN (SELECT organisation_id FROM participations WHERE procurement_id = @procurementId)),
            page AS (
              SELECT s.id, s.created_at, s.suggested_kind, {position} AS position
              FROM submissions s
              {ranked}
              WHERE {conditions}
              ORDER BY {string.Format(CultureInfo.InvariantCulture, order, "s.", "")}
              {session.Dialect.Paging})
            SELECT s.id, s.text, s.suggested_kind, s.status, s.created_at, o.id AS organisation_id, o.name AS organisation_name,
                   c.number AS category_number, c.name AS category_name,
                   (SELECT COUNT(*) FROM supports x WHERE x.submission_id = s.id) AS supports,
                   (SELECT rq.code FROM merge_members mm JOIN merges mg ON mg.id = mm.merge_id JOIN requirements rq ON rq.id = mg.requirement_id
                    WHERE mm.submission_id = s.id AND mm.removed_at IS NULL) AS merged_into
            FROM page
            JOIN submissions s ON s.id = page.id
            JOIN organisations o ON o.id = s.organisation_id
            LEFT JOIN procurement_categories c ON c.id = s.category_id
            ORDER BY {string.Format(CultureInfo.InvariantCulture, order, "page.", "page.")}
            """, parameters, cancellationToken);
        // The count does not change with sort or page, so paging through a filtered list counts once per list version.
        var total = await cache.GetOrLoadAsync(
            ("SubmissionCount", procurementId, version, filter with { Sort = null, Skip = 0 }),
            () => session.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM submissions s WHERE {conditions}", parameters, cancellationToken));
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
                   {RequirementBacking.CountSql} AS supports,
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

    /// <summary>
    /// What the filters offer: the procurement's categories, the counties, and the organisations that take or took part
    /// (a handful of rows, not a pass over the needs). Kept under the list's version like its pages.
    /// </summary>
    public Task<TriageChoices> ChoicesAsync(Guid procurementId, long version, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync((nameof(ChoicesAsync), procurementId, version), async () => new TriageChoices(
            await procurements.CategoriesAsync(procurementId, cancellationToken),
            await session.QueryAsync<OrganisationOption>(
                $"""
                SELECT o.id, o.name FROM participations p JOIN organisations o ON o.id = p.organisation_id
                WHERE p.procurement_id = @procurementId AND p.status <> 'Invited'
                ORDER BY o.name {session.Dialect.SwedishOrder}
                """, new { procurementId }, cancellationToken),
            await organisations.CountiesAsync(cancellationToken)));
}

public sealed record TriageChoices(IReadOnlyList<CategoryRow> Categories, IReadOnlyList<OrganisationOption> Submitters, IReadOnlyList<County> Counties);

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

    /// <summary>The code of the requirement the need was merged into, if it was.</summary>
    public string? MergedInto { get; init; }
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
