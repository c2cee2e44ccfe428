using Microsoft.Extensions.Logging;

namespace Procurement.Data.Seeding;

/// <summary>
/// Brings counties, the 290 municipalities and the 21 regions in line with the embedded reference files.
/// Runs after every migration; inserts what is missing and corrects names, so it is cheap and idempotent.
/// Region Gotland (0980) is one organisation that is both a municipality and a region.
/// </summary>
public sealed class ReferenceDataSeeder(DbSession session, TimeProvider clock, ILogger<ReferenceDataSeeder> logger)
{
    public const string GotlandMunicipalityCode = "0980";
    public const string GotlandCountyCode = "09";

    public static Guid MunicipalityId(string municipalityCode) => DeterministicGuid.Create("municipality:" + municipalityCode);

    public static Guid RegionId(string countyCode) => countyCode == GotlandCountyCode
        ? MunicipalityId(GotlandMunicipalityCode)
        : DeterministicGuid.Create("region:" + countyCode);

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var counties = Csv.ReadEmbedded("seed/counties.csv");
        var municipalities = Csv.ReadEmbedded("seed/municipalities.csv");
        var regions = Csv.ReadEmbedded("seed/regions.csv");
        var now = clock.GetUtcNow();
        var changed = 0;

        await session.WriteAsync(async () =>
        {
            // Several instances starting at once seed one at a time, under the migration lock.
            if (session.Dialect.MigrationLockSql is { } lockSql)
            {
                await session.ExecuteAsync(lockSql, cancellationToken: cancellationToken);
            }

            foreach (var county in counties)
            {
                changed += await UpsertAsync(
                    "SELECT COUNT(*) FROM counties WHERE code = @Code AND name = @Name",
                    "SELECT COUNT(*) FROM counties WHERE code = @Code",
                    "INSERT INTO counties (code, name) VALUES (@Code, @Name)",
                    "UPDATE counties SET name = @Name WHERE code = @Code",
                    new { Code = county["county_code"], Name = county["county_name"] }, cancellationToken);
            }

            foreach (var m in municipalities)
            {
                var code = m["municipality_code"];
                var isGotland = code == GotlandMunicipalityCode;
                var regionName = isGotland ? regions.Single(r => r["county_code"] == GotlandCountyCode)["region_name"] : null;
                changed += await UpsertOrganisationAsync(new
                {
                    Id = MunicipalityId(code),
                    Kind = "Municipality",
                    Name = regionName ?? m["municipality_name_short"],
                    MunicipalityCode = code,
                    RegionCountyCode = isGotland ? GotlandCountyCode : null,
                    CountyCode = m["county_code"],
                    CreatedAt = now,
                }, cancellationToken);
            }

            foreach (var r in regions.Where(r => r["county_code"] != GotlandCountyCode))
            {
                changed += await UpsertOrganisationAsync(new
                {
                    Id = RegionId(r["county_code"]),
                    Kind = "Region",
                    Name = r["region_name"],
                    MunicipalityCode = (string?)null,
                    RegionCountyCode = r["county_code"],
                    CountyCode = r["county_code"],
                    CreatedAt = now,
                }, cancellationToken);
            }
        }, cancellationToken);

        if (changed > 0)
        {
            logger.LogInformation("Reference data: {Changed} counties and organisations added or corrected", changed);
        }
    }

    private Task<int> UpsertOrganisationAsync(object row, CancellationToken cancellationToken) =>
        UpsertAsync(
            """
            SELECT COUNT(*) FROM organisations WHERE id = @Id AND kind = @Kind AND name = @Name
              AND (municipality_code = @MunicipalityCode OR (municipality_code IS NULL AND @MunicipalityCode IS NULL))
              AND (region_county_code = @RegionCountyCode OR (region_county_code IS NULL AND @RegionCountyCode IS NULL))
              AND county_code = @CountyCode
            """,
            "SELECT COUNT(*) FROM organisations WHERE id = @Id",
            """
            INSERT INTO organisations (id, kind, name, municipality_code, region_county_code, county_code, created_at)
            VALUES (@Id, @Kind, @Name, @MunicipalityCode, @RegionCountyCode, @CountyCode, @CreatedAt)
            """,
            """
            UPDATE organisations SET kind = @Kind, name = @Name, municipality_code = @MunicipalityCode,
              region_county_code = @RegionCountyCode, county_code = @CountyCode
            WHERE id = @Id
            """,
            row, cancellationToken);

    /// <summary>Returns 1 when a row was inserted or corrected, 0 when it was already right.</summary>
    private async Task<int> UpsertAsync(string sameSql, string existsSql, string insertSql, string updateSql, object row,
        CancellationToken cancellationToken)
    {
        if (await session.ExecuteScalarAsync<int>(sameSql, row, cancellationToken) > 0)
        {
            return 0;
        }

        var exists = await session.ExecuteScalarAsync<int>(existsSql, row, cancellationToken) > 0;
        await session.ExecuteAsync(exists ? updateSql : insertSql, row, cancellationToken);
        return 1;
    }
}
