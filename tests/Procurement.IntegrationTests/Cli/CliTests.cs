using Dapper;
using Microsoft.Data.Sqlite;
using Procurement.Cli;

namespace Procurement.IntegrationTests.Cli;

/// <summary>The operators' tool, run in-process against a database file of its own.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "procurement-cli-tests", Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(directory);

    private string DatabasePath => Path.Combine(directory, "cli.db");

    [Fact]
    public async Task Migrate_can_run_any_number_of_times()
    {
        var first = await RunAsync("migrate");
        var second = await RunAsync("migrate");

        Assert.Equal(0, first.ExitCode);
        var count = Procurement.Data.Migrations.Migration.LoadAll(new Procurement.Data.Dialects.SqliteDialect()).Count;
        Assert.Contains($"Tillämpade {count} migrationer", first.Output, StringComparison.Ordinal);
        Assert.Contains("290 kommuner och 21 regioner", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Databasen är redan uppdaterad.", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_user_makes_a_confirmed_user_in_the_organisation_and_prints_the_password_once()
    {
        var result = await RunAsync("create-user", "--email", "eva@uppsala.example", "--role", "MunicipalityRepresentative", "--organisation", "0380", "--name", "Eva Ek");

        Assert.Equal(0, result.ExitCode);
        var password = result.Output.Split('\n').Single(l => l.StartsWith("Lösenord", StringComparison.Ordinal)).Split(": ")[1].Trim();
        Assert.Equal(19, password.Length);
        await using var connection = Open();
        var row = await connection.QuerySingleAsync<(string Name, long Confirmed, string Org, string Role)>(
            """
            SELECT u.display_name, u.email_confirmed, o.name, r.name FROM users u
            JOIN organisations o ON o.id = u.organisation_id JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE u.email = 'eva@uppsala.example'
            """);
        Assert.Equal(("Eva Ek", 1L, "Uppsala", "MunicipalityRepresentative"), row);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE action = 'user.created'"));

        var again = await RunAsync("create-user", "--email", "eva@uppsala.example", "--role", "MunicipalityRepresentative", "--organisation", "0380");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("Det finns redan en användare", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_organisation_adds_a_purchasing_body_that_users_can_then_join()
    {
        var created = await RunAsync("create-organisation", "--kind", "CentralPurchasingBody", "--name", "Norra Inköpscentralen", "--number", "202100-5554");
        var user = await RunAsync("create-user", "--email", "chef@norra.example", "--role", "Administrator", "--organisation", "202100-5554");
        var duplicate = await RunAsync("create-organisation", "--kind", "Supplier", "--name", "Annat namn", "--number", "2021005554");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(0, user.ExitCode);
        Assert.Contains("Norra Inköpscentralen", user.Output, StringComparison.Ordinal);
        Assert.Contains("tvåfaktorsinloggning", user.Output, StringComparison.Ordinal);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("Det finns redan en organisation", duplicate.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "create-organisation", "--kind", "Municipality", "--name", "X", "--number", "202100-5554" }, "Okänd typ")]
    [InlineData(new[] { "create-organisation", "--kind", "Supplier", "--name", "X", "--number", "202100-5555" }, "fel kontrollsiffra")]
    [InlineData(new[] { "frobnicate" }, "Okänt kommando: frobnicate")]
    [InlineData(new string[0], "Ange ett kommando.")]
    [InlineData(new[] { "create-user", "--role", "Supplier", "--organisation", "0380" }, "--email saknas.")]
    [InlineData(new[] { "create-user", "--email", "inte-en-adress", "--role", "Supplier", "--organisation", "0380" }, "är ingen giltig e-postadress")]
    [InlineData(new[] { "create-user", "--email", "a@b.example", "--role", "Kung", "--organisation", "0380" }, "Okänd roll \"Kung\"")]
    [InlineData(new[] { "migrate", "--force" }, "Okänt alternativ för migrate: --force")]
    [InlineData(new[] { "backup" }, "--out saknas.")]
    [InlineData(new[] { "seed-demo", "--reset-passwords", "ja" }, "--reset-passwords tar inget värde.")]
    public async Task Wrong_command_lines_get_a_Swedish_message_the_usage_and_exit_code_2(string[] args, string message)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains("Användning: procurement", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999", "Hittar ingen")]
    [InlineData("R03", "passar inte")]
    public async Task A_user_for_an_unknown_or_unfitting_organisation_is_refused_with_exit_code_1(string organisation, string message)
    {
        var result = await RunAsync("create-user", "--email", "x@y.example", "--role", "Supplier", "--organisation", organisation);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_demo_prints_new_passwords_once_and_keeps_them_the_next_time()
    {
        var first = await RunAsync("seed-demo");
        var second = await RunAsync("seed-demo");
        var reset = await RunAsync("seed-demo", "--reset-passwords");

        Assert.Equal(0, first.ExitCode);
        foreach (var email in new[] { "admin@demo.test", "upphandlare@demo.test", "kommun@demo.test", "leverantor@demo.test" })
        {
            Assert.Matches($@"{Regex(email)}\s+\S+.*\s[a-z2-9]{{4}}-[a-z2-9]{{4}}-[a-z2-9]{{4}}-[a-z2-9]{{4}}", first.Output);
            Assert.Contains(email, second.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", second.Output);
        Assert.Contains("finns redan", second.Output, StringComparison.Ordinal);
        Assert.Matches(@"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", reset.Output);
        await using var connection = Open();
        Assert.Equal(4, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users WHERE email LIKE '%@demo.test'"));
    }

    [Fact]
    public async Task Backup_writes_a_copy_that_opens_and_has_the_same_rows()
    {
        await RunAsync("seed-demo");
        var target = Path.Combine(directory, "kopia.db");

        var result = await RunAsync("backup", "--out", target);
        var refused = await RunAsync("backup", "--out", target);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("finns redan", refused.Error, StringComparison.Ordinal);
        await using var original = Open();
        await using var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        Assert.Equal("ok", await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        foreach (var table in new[] { "organisations", "users", "user_roles", "journal", "schema_migrations", "counties" })
        {
            Assert.Equal(
                await original.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"),
                await copy.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));
        }

        Assert.Equal(4, await copy.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Procurement"] = $"Data Source={DatabasePath}",
        });
        return (code, output.ToString(), error.ToString());
    }
}
