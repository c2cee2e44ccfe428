using Procurement.Domain.Organisations;

namespace Procurement.Data.Organisations;

public sealed class OrganisationQueries(DbSession session)
{
    private const string SelectOrganisation =
        """
        SELECT o.id, o.kind, o.name, o.organisation_number, o.municipality_code, o.region_county_code,
               o.county_code, c.name AS county_name
        FROM organisations o
        LEFT JOIN counties c ON c.code = o.county_code
        """;

    public Task<Organisation?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        session.QuerySingleOrDefaultAsync<Organisation>($"{SelectOrganisation} WHERE o.id = @id", new { id }, cancellationToken);

    public Task<Organisation?> FindByOrganisationNumberAsync(OrganisationNumber number, CancellationToken cancellationToken = default) =>
        session.QuerySingleOrDefaultAsync<Organisation>(
            $"{SelectOrganisation} WHERE o.organisation_number = @Number", new { Number = number.ToString() }, cancellationToken);

    /// <summary>
    /// Finds one organisation from what an operator types: a municipality code (0380), a county code for a
    /// region (R03), an organisationsnummer, or an exact name. Null when nothing or several match.
    /// </summary>
    public async Task<Organisation?> FindByReferenceAsync(string reference, CancellationToken cancellationToken = default)
    {
        var text = reference.Trim();
        if (text.Length == 4 && text.All(char.IsAsciiDigit))
        {
            return await session.QuerySingleOrDefaultAsync<Organisation>(
                $"{SelectOrganisation} WHERE o.municipality_code = @text", new { text }, cancellationToken);
        }

        if (text.Length == 3 && (text[0] is 'R' or 'r') && text[1..].All(char.IsAsciiDigit))
        {
            return await session.QuerySingleOrDefaultAsync<Organisation>(
                $"{SelectOrganisation} WHERE o.region_county_code = @Code", new { Code = text[1..] }, cancellationToken);
        }

        if (OrganisationNumber.TryParse(text, out var number, out _))
        {
            return await FindByOrganisationNumberAsync(number, cancellationToken);
        }

        var byName = await session.QueryAsync<Organisation>(
            $"{SelectOrganisation} WHERE UPPER(o.name) = @Name", new { Name = text.ToUpperInvariant() }, cancellationToken);
        return byName.Count == 1 ? byName[0] : null;
    }

    public Task<IReadOnlyList<Organisation>> ListAsync(OrganisationFilter filter, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            {SelectOrganisation}
            WHERE (@Kind IS NULL OR o.kind = @Kind)
              AND (@RegionsOnly = 0 OR o.region_county_code IS NOT NULL)
              AND (@CountyCode IS NULL OR o.county_code = @CountyCode)
              AND (@Search IS NULL OR UPPER(o.name) LIKE @Search OR o.municipality_code = @Exact OR o.organisation_number = @Exact)
            ORDER BY o.name {session.Dialect.SwedishOrder}
            {session.Dialect.Paging}
            """;
        return session.QueryAsync<Organisation>(sql, new
        {
            Kind = filter.Kind?.ToString(),
            RegionsOnly = filter.RegionsOnly,
            filter.CountyCode,
            Search = string.IsNullOrWhiteSpace(filter.Search) ? null : "%" + EscapeLike(filter.Search.Trim().ToUpperInvariant()) + "%",
            Exact = filter.Search?.Trim(),
            filter.Skip,
            filter.Take,
        }, cancellationToken);
    }

    public Task<IReadOnlyList<County>> CountiesAsync(CancellationToken cancellationToken = default) =>
        session.QueryAsync<County>("SELECT code, name FROM counties ORDER BY code", cancellationToken: cancellationToken);

    public async Task<OrganisationCounts> CountsAsync(CancellationToken cancellationToken = default) =>
        (await session.QuerySingleOrDefaultAsync<OrganisationCounts>(
            """
            SELECT
              SUM(CASE WHEN kind = 'Municipality' THEN 1 ELSE 0 END) AS municipalities,
              SUM(CASE WHEN region_county_code IS NOT NULL THEN 1 ELSE 0 END) AS regions,
              SUM(CASE WHEN kind = 'CentralPurchasingBody' THEN 1 ELSE 0 END) AS central_purchasing_bodies,
              SUM(CASE WHEN kind = 'Supplier' THEN 1 ELSE 0 END) AS suppliers
            FROM organisations
            """, cancellationToken: cancellationToken))!;

    // LIKE wildcards typed by a user are searched for literally. Both dialects accept [ ] escaping for
    // SQL Server, but SQLite does not, so the characters are simply removed.
    private static string EscapeLike(string text) => text.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace("[", "", StringComparison.Ordinal);
}

public sealed record OrganisationFilter(OrganisationKind? Kind = null, bool RegionsOnly = false, string? CountyCode = null,
    string? Search = null, int Skip = 0, int Take = 50);

public sealed class County
{
    public string Code { get; init; } = "";

    public string Name { get; init; } = "";
}

public sealed class OrganisationCounts
{
    public int Municipalities { get; init; }

    public int Regions { get; init; }

    public int CentralPurchasingBodies { get; init; }

    public int Suppliers { get; init; }
}
