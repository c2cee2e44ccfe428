using System.Text.Encodings.Web;
using System.Text.Json;

namespace Procurement.Data.Standards;

/// <summary>
/// A standard with its clauses as one version saved it: what standard_versions.snapshot holds (JSON), and the
/// shape the catalogue seeder and the administrators' store both write.
/// </summary>
public sealed record StandardSnapshot(
    string Name,
    string Title,
    string Owner,
    string VersionLabel,
    string Url,
    string Kind,
    string Description,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<ClauseSnapshot> Clauses)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep å, ä, ö readable; never rendered as raw HTML
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static StandardSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<StandardSnapshot>(json, Json) ?? throw new InvalidOperationException("Tom ögonblicksbild av en standard.");

    /// <summary>Keywords as stored in standards.keywords and standard_clauses.keywords: a JSON array.</summary>
    public static string KeywordsJson(IEnumerable<string> keywords) => JsonSerializer.Serialize(keywords.ToArray(), Json);

    public static IReadOnlyList<string> ParseKeywords(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<string[]>(json, Json) ?? [];
}

/// <summary>A clause of a <see cref="StandardSnapshot"/>.</summary>
public sealed record ClauseSnapshot(string Id, string Text, IReadOnlyList<string> Keywords);
