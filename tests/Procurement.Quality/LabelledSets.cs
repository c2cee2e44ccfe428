using System.Text;
using System.Text.Json;
using Procurement.Documents.Csv;

namespace Procurement.Quality;

/// <summary>A labelled text: its id, its text and its gold cluster label.</summary>
public sealed record ClusterItem(string Id, string Text, string Gold);

/// <summary>A labelled text: its id, its text and the standards it should link to (none: it should link to nothing).</summary>
public sealed record StandardsItem(string Id, string Text, IReadOnlySet<string> Gold);

public sealed record ClusterSet(string Name, string Source, IReadOnlyList<ClusterItem> Items)
{
    public int GoldClusters => Items.Select(i => i.Gold).Distinct(StringComparer.Ordinal).Count();
}

public sealed record StandardsSet(string Name, string Source, IReadOnlyList<StandardsItem> Items);

/// <summary>
/// The labelled sets of tests/Procurement.Quality/data (CSV, header id,text,cluster or id,text,standards) and the
/// demo themes of db/seed/demo/needs.json as a clustering set (each theme one cluster, each phrasing one item).
/// A missing file is a set not yet written, not an error.
/// </summary>
public static class LabelledSets
{
    public const string Demo = "clusters-demo";

    /// <summary>
    /// The sets that may be looked at while tuning the engine. Every other set (clusters-test, standards-test) is an
    /// unseen test set.
    /// </summary>
    public static readonly IReadOnlySet<string> Development = new HashSet<string>(StringComparer.Ordinal)
    {
        "clusters-dev", "clusters-dev2", "clusters-dev3", Demo, "standards-dev", "standards-dev2",
    };

    public static bool IsDevelopment(string name) => Development.Contains(name);

    public static ClusterSet? Clusters(string name)
    {
        if (name == Demo)
        {
            return DemoClusters();
        }

        var rows = ReadCsv(name, "cluster");
        // An item without a gold cluster is a singleton: it should be merged with nothing.
        return rows is null ? null : new ClusterSet(name, $"tests/Procurement.Quality/data/{name}.csv",
            rows.Select(r => new ClusterItem(r.Id, r.Text, r.Label.Length > 0 ? r.Label : "\u0000" + r.Id)).ToList());
    }

    public static StandardsSet? Standards(string name)
    {
        var rows = ReadCsv(name, "standards");
        return rows is null ? null : new StandardsSet(name, $"tests/Procurement.Quality/data/{name}.csv",
            rows.Select(r => new StandardsItem(r.Id, r.Text,
                r.Label.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal))).ToList());
    }

    /// <summary>The development set the engine was tuned on: every phrasing of every demo theme.</summary>
    public static ClusterSet DemoClusters()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.DemoNeeds, Encoding.UTF8));
        var items = new List<ClusterItem>();
        foreach (var theme in document.RootElement.EnumerateArray())
        {
            var id = theme.GetProperty("id").GetString()!;
            var n = 0;
            foreach (var phrasing in theme.GetProperty("phrasings").EnumerateArray())
            {
                items.Add(new ClusterItem($"{id}#{++n}", phrasing.GetString()!, id));
            }
        }

        return new ClusterSet(Demo, "db/seed/demo/needs.json", items);
    }

    /// <summary>
    /// The gold clusters of a set that are deliberately close but different needs (file {set}-nearmiss.csv,
    /// header cluster_a,cluster_b,difference); empty when the set has none.
    /// </summary>
    public static IReadOnlyList<(string A, string B)> NearMisses(string name) =>
        ReadColumns(name + "-nearmiss", "cluster_a", "cluster_b")?.Select(r => (r[0], r[1])).ToList() ?? [];

    private static List<(string Id, string Text, string Label)>? ReadCsv(string name, string labelColumn) =>
        ReadColumns(name, "id", "text", labelColumn)?.Select(r => (r[0], r[1], r[2])).ToList();

    private static List<string[]>? ReadColumns(string name, params string[] columns)
    {
        var path = Path.Combine(RepositoryPaths.DataDirectory, name + ".csv");
        if (!File.Exists(path))
        {
            return null;
        }

        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
        var records = CsvReader.Read(text).Where(r => !r.IsBlank).ToList();
        if (records.Count == 0 || records.Any(r => r.UnterminatedQuote))
        {
            throw new InvalidDataException($"{path}: tom fil eller citattecken som aldrig avslutas.");
        }

        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var indexes = columns.Select(c => header.IndexOf(c) is var i and >= 0 ? i : throw new InvalidDataException($"{path}: kolumnen {c} saknas.")).ToArray();
        return records.Skip(1).Select(r => indexes.Select(i => i < r.Fields.Count ? r.Fields[i].Trim() : "").ToArray()).ToList();
    }
}
