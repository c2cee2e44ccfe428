using Dapper;
using Microsoft.Data.Sqlite;
using Procurement.Cli;

namespace Procurement.IntegrationTests.Cli;

/// <summary><c>procurement seed-demo --submissions N</c>: the demo procurement from the operators' tool, each run on a database file of its own.</summary>
public sealed class SeedDemoProcurementCliTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "procurement-cli-tests", Guid.NewGuid().ToString("N"));

    public SeedDemoProcurementCliTests() => Directory.CreateDirectory(directory);

    [Fact]
    public async Task Seed_demo_makes_the_demo_procurement_with_the_needs_asked_for_once_and_the_same_data_every_time()
    {
        var first = await RunAsync("a.db", "seed-demo", "--submissions", "250");
        var second = await RunAsync("a.db", "seed-demo", "--submissions", "400");
        var elsewhere = await RunAsync("b.db", "seed-demo", "--submissions", "250");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Demoupphandlingen DEMO-1 skapades:", first.Output, StringComparison.Ordinal);
        Assert.Matches(@"skapades: \d+ anslutna kommuner och regioner, 150 krav och 250 behov\.", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Demoupphandlingen DEMO-1 finns redan och lämnades orörd.", second.Output, StringComparison.Ordinal);
        Assert.Equal(0, elsewhere.ExitCode);

        await using var a = Open("a.db");
        await using var b = Open("b.db");
        Assert.Equal(250, await a.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions"));
        Assert.Equal(1, await a.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM procurements"));
        Assert.Equal(200, await a.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM participations p JOIN organisations o ON o.id = p.organisation_id WHERE p.status = 'Joined' AND o.kind = 'Municipality'"));

        // Deterministic: two databases seeded with the same count hold the same demo data (ids and times aside).
        foreach (var query in Fingerprints)
        {
            var left = (await a.QueryAsync<string>(query)).ToList();
            var right = (await b.QueryAsync<string>(query)).ToList();
            Assert.NotEmpty(left);
            Assert.Equal(left, right);
        }
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1000001")]
    [InlineData("12.5")]
    public async Task A_bad_submissions_count_is_refused_with_a_Swedish_message_and_nothing_is_seeded(string count)
    {
        var result = await RunAsync("bad.db", "seed-demo", "--submissions", count);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--submissions ska vara ett heltal från 0 till 1000000.", result.Error, StringComparison.Ordinal);
        Assert.Contains("Användning: procurement", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "bad.db")) && await CountProcurementsAsync("bad.db") > 0);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>What must be equal between two seedings: who joined, the requirements and their support, and every need.</summary>
    private static readonly string[] Fingerprints =
    [
        """
        SELECT o.name || ':' || p.status FROM participations p JOIN organisations o ON o.id = p.organisation_id ORDER BY 1
        """,
        """
        SELECT r.code || '|' || r.kind || '|' || r.section || '|' || r.status || '|' || r.title || '|' ||
               (SELECT COUNT(*) FROM supports s WHERE s.requirement_id = r.id)
        FROM requirements r ORDER BY r.code
        """,
        """
        SELECT o.name || '|' || s.text || '|' || coalesce(s.suggested_kind, '') || '|' || coalesce(s.motiv, '') || '|' || coalesce(c.number, '')
        FROM submissions s JOIN organisations o ON o.id = s.organisation_id LEFT JOIN procurement_categories c ON c.id = s.category_id
        ORDER BY 1
        """,
        """
        SELECT text FROM comments ORDER BY created_at
        """,
    ];

    private async Task<int> CountProcurementsAsync(string database)
    {
        await using var connection = Open(database);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'procurements'") == 0
            ? 0
            : await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM procurements");
    }

    private SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(directory, database)};Pooling=False");
        connection.Open();
        return connection;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string database, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Procurement"] = $"Data Source={Path.Combine(directory, database)}",
        });
        return (code, output.ToString(), error.ToString());
    }
}
