using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Procurement.Data;
using Procurement.Data.Dialects;
using Procurement.Data.Migrations;
using Procurement.Data.TypeHandlers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Procurement.IntegrationTests.Database;

/// <summary>The SQLite and SQL Server migrations must describe the same database.</summary>
public sealed partial class MigrationScriptsTests
{
    private static readonly IReadOnlyList<Migration> Sqlite = Migration.LoadAll(new SqliteDialect());
    private static readonly IReadOnlyList<Migration> SqlServer = Migration.LoadAll(new SqlServerDialect());
    private static readonly int[] Reserved = [3];

    [Fact]
    public void Both_dialects_have_the_same_migrations_by_number_and_name()
    {
        Assert.NotEmpty(Sqlite);
        Assert.Equal(Sqlite.Select(m => (m.Version, m.Name)), SqlServer.Select(m => (m.Version, m.Name)));
        // No gaps, except numbers reserved for a migration written on another branch at the same time (0003 while
        // 0004_standards was written); drop a number from Reserved once its migration is merged.
        Assert.Equal(Enumerable.Range(1, Sqlite[^1].Version), Sqlite.Select(m => m.Version).Union(Reserved).Order());
    }

    [Fact]
    public void Both_dialects_describe_the_same_tables_and_columns()
    {
        var sqlite = Schema(Sqlite);
        var sqlServer = Schema(SqlServer);

        Assert.Equal(sqlite.Keys.Order(), sqlServer.Keys.Order());
        foreach (var table in sqlite.Keys)
        {
            Assert.True(sqlite[table].SetEquals(sqlServer[table]),
                $"Table {table}: SQLite has {string.Join(", ", sqlite[table].Order())}; SQL Server has {string.Join(", ", sqlServer[table].Order())}.");
        }
    }

    [Fact]
    public async Task The_script_reader_agrees_with_the_schema_SQLite_actually_builds()
    {
        DapperConfiguration.EnsureConfigured();
        var path = Path.Combine(Path.GetTempPath(), $"schema-{Guid.NewGuid():N}.db");
        try
        {
            using var source = new SqliteDataSource($"Data Source={path}");
            await new MigrationRunner(source, new SqliteDialect(), TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync();
            await using var connection = await source.OpenConnectionAsync();
            var actual = new Dictionary<string, HashSet<string>>();
            foreach (var table in await connection.QueryAsync<string>(new SqliteDialect().ListTablesSql))
            {
                actual[table] = (await connection.QueryAsync<string>("SELECT name FROM pragma_table_info(@table)", new { table }))
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
            }

            actual.Remove("schema_migrations"); // made by the runner, not by a script
            var parsed = Schema(Sqlite);
            Assert.Equal(actual.Keys.Order(), parsed.Keys.Order());
            Assert.All(actual, pair => Assert.True(pair.Value.SetEquals(parsed[pair.Key]), pair.Key));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    /// <summary>Tables and their columns from CREATE TABLE / ALTER TABLE … ADD / DROP statements, in order.</summary>
    private static Dictionary<string, HashSet<string>> Schema(IEnumerable<Migration> migrations)
    {
        var tables = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var migration in migrations)
        {
            var script = LineComment().Replace(migration.Script, "");
            foreach (Match create in CreateTable().Matches(script))
            {
                var body = Body(script, create.Index + create.Length);
                tables[create.Groups["name"].Value] = SplitTopLevel(body)
                    .Select(part => part.Trim())
                    .Where(part => part.Length > 0 && !Constraint().IsMatch(part))
                    .Select(part => part.Split((char[])[' ', '\t', '\n', '\r'], 2)[0].Trim('[', ']', '"'))
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
            }

            foreach (Match add in AddColumn().Matches(script))
            {
                tables[add.Groups["table"].Value].Add(add.Groups["column"].Value);
            }

            foreach (Match drop in DropColumn().Matches(script))
            {
                tables[drop.Groups["table"].Value].Remove(drop.Groups["column"].Value);
            }

            foreach (Match drop in DropTable().Matches(script))
            {
                tables.Remove(drop.Groups["table"].Value);
            }
        }

        return tables;
    }

    private static string Body(string script, int openParenthesis)
    {
        var depth = 1;
        for (var i = openParenthesis; i < script.Length; i++)
        {
            depth += script[i] == '(' ? 1 : script[i] == ')' ? -1 : 0;
            if (depth == 0)
            {
                return script[openParenthesis..i];
            }
        }

        throw new InvalidOperationException("Unbalanced CREATE TABLE.");
    }

    private static IEnumerable<string> SplitTopLevel(string body)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            depth += body[i] == '(' ? 1 : body[i] == ')' ? -1 : 0;
            if (body[i] == ',' && depth == 0)
            {
                yield return body[start..i];
                start = i + 1;
            }
        }

        yield return body[start..];
    }

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?\[?(?<name>\w+)\]?\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"^(CONSTRAINT|PRIMARY\s+KEY|UNIQUE|FOREIGN\s+KEY|CHECK)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Constraint();

    [GeneratedRegex(@"ALTER\s+TABLE\s+\[?(?<table>\w+)\]?\s+ADD\s+(COLUMN\s+)?\[?(?<column>\w+)\]?", RegexOptions.IgnoreCase)]
    private static partial Regex AddColumn();

    [GeneratedRegex(@"ALTER\s+TABLE\s+\[?(?<table>\w+)\]?\s+DROP\s+COLUMN\s+\[?(?<column>\w+)\]?", RegexOptions.IgnoreCase)]
    private static partial Regex DropColumn();

    [GeneratedRegex(@"DROP\s+TABLE\s+(IF\s+EXISTS\s+)?\[?(?<table>\w+)\]?", RegexOptions.IgnoreCase)]
    private static partial Regex DropTable();
}
