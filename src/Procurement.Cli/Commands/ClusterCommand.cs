using System.Globalization;
using Procurement.Cli.Offline;
using Procurement.Domain.Merging;

namespace Procurement.Cli.Commands;

/// <summary>
/// cluster --input FIL --output FIL: groups near-duplicate texts with the merging engine, offline. Every input row
/// gets a label (1, 2, 3… in order of first appearance); rows with the same label are suggested duplicates.
/// </summary>
public static class ClusterCommand
{
    public static readonly IReadOnlyList<string> Header = ["id", "cluster"];

    public static async Task<int> RunAsync(CommandLine command, TextWriter output)
    {
        command.Allow("input", "output");
        var input = command.Required("input");
        var target = command.Required("output");
        var rows = TextTableReader.Read(input);

        var clusters = NearDuplicateClusterer.Swedish.Cluster(rows.Select(r => new ClusterInput(r.Id, r.Text)).ToList());
        var labels = Labels(rows, clusters);
        CsvTableWriter.Write(target, Header,
            rows.Select(r => (IReadOnlyList<string>)[r.Id, labels[r.Id].ToString(CultureInfo.InvariantCulture)]));

        var suggested = clusters.Sum(c => c.MemberIds.Count);
        await output.WriteLineAsync(
            $"{SwedishCount.Of(rows.Count, "rad", "rader")}, {SwedishCount.Of(suggested)} förslag på dubbletter i {SwedishCount.Of(clusters.Count, "grupp", "grupper")} → {target}");
        return 0;
    }

    /// <summary>Numbers groups by the first row that belongs to them; a row in no suggested group is a group of its own.</summary>
    private static Dictionary<string, int> Labels(IReadOnlyList<TextRow> rows, IReadOnlyList<SuggestedCluster> clusters)
    {
        var clusterOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < clusters.Count; c++)
        {
            foreach (var id in clusters[c].MemberIds)
            {
                clusterOf.TryAdd(id, c);
            }
        }

        var labelOfCluster = new Dictionary<int, int>();
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 1;
        foreach (var row in rows)
        {
            if (!clusterOf.TryGetValue(row.Id, out var cluster))
            {
                labels[row.Id] = next++;
            }
            else if (labelOfCluster.TryGetValue(cluster, out var label))
            {
                labels[row.Id] = label;
            }
            else
            {
                labelOfCluster[cluster] = next;
                labels[row.Id] = next++;
            }
        }

        return labels;
    }
}
