using System.Text;
using System.Text.Json;
using Procurement.Domain.Standards;

namespace Procurement.Data.Seeding;

/// <summary>
/// The seed catalogue of standards (db/seed/standards.json, embedded): what the database is seeded with and
/// what the offline CLI verbs suggest from.
/// </summary>
public static class StandardsSeed
{
    private static readonly Lazy<IReadOnlyList<SeedStandard>> Catalogue = new(Load);
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<SeedStandard> Standards => Catalogue.Value;

    /// <summary>The catalogue as the suggester sees it.</summary>
    public static IReadOnlyList<StandardEntry> Entries() =>
        Standards.Select(s => s.ToEntry()).ToList();

    private static IReadOnlyList<SeedStandard> Load()
    {
        using var stream = typeof(StandardsSeed).Assembly.GetManifestResourceStream("seed/standards.json")
            ?? throw new InvalidOperationException("Referensdata saknas: seed/standards.json");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    public static IReadOnlyList<SeedStandard> Parse(string json)
    {
        var file = JsonSerializer.Deserialize<SeedFile>(json, Options)
            ?? throw new InvalidOperationException("Standardkatalogen är tom.");
        return file.Standards;
    }

    private sealed record SeedFile(IReadOnlyList<SeedStandard> Standards);
}

/// <summary>One standard of the seed file, with its clauses.</summary>
public sealed record SeedStandard(string Id, string Name, string Title, string Owner, string Version, string Url,
    string Kind, string Description, IReadOnlyList<string> Keywords, IReadOnlyList<SeedClause> Clauses)
{
    public StandardEntry ToEntry() => new(Id, Name, Title, Description, Keywords,
        Clauses.Select(c => new ClauseEntry(c.Id, c.Text, c.Keywords ?? [])).ToList());
}

/// <summary>A clause of a seed standard; keywords are optional.</summary>
public sealed record SeedClause(string Id, string Text, IReadOnlyList<string>? Keywords);
