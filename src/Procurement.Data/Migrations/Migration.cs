using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Procurement.Data.Dialects;

namespace Procurement.Data.Migrations;

/// <summary>One forward-only migration script, <c>db/&lt;dialect&gt;/NNNN_name.sql</c>, embedded in this assembly.</summary>
public sealed partial record Migration(int Version, string Name, string Script)
{
    /// <summary>SHA-256 of the script with line endings normalised, so a checkout on Windows matches.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Script.ReplaceLineEndings("\n"))));

    public static IReadOnlyList<Migration> LoadAll(ISqlDialect dialect)
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(dialect.MigrationResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[dialect.MigrationResourcePrefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migrationsfilen {fileName} ska heta NNNN_namn.sql.");
            }

            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                ReadResource(assembly, resource)));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Två migrationer har nummer {duplicate.Key:0000}.");
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
