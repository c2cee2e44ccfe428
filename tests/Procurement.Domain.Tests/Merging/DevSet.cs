using System.Text.Json;
using Procurement.Domain.Merging;

namespace Procurement.Domain.Tests.Merging;

/// <summary>db/seed/demo/needs.json as labelled data: each theme's phrasings are one gold cluster.</summary>
internal sealed record DevSet(List<ClusterInput> Items, Dictionary<string, string> Gold)
{
    public static DevSet Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoFiles.Path("db/seed/demo/needs.json")));
        var items = new List<ClusterInput>();
        var gold = new Dictionary<string, string>();
        foreach (var theme in doc.RootElement.EnumerateArray())
        {
            var id = theme.GetProperty("id").GetString()!;
            var k = 0;
            foreach (var p in theme.GetProperty("phrasings").EnumerateArray())
            {
                var itemId = $"{id}#{k++}";
                items.Add(new ClusterInput(itemId, p.GetString()!));
                gold[itemId] = id;
            }
        }
        return new DevSet(items, gold);
    }

    /// <summary>Pairwise precision/recall/F1 over all unordered pairs and B-cubed F1.</summary>
    public (double P, double R, double F1, double BCubedF1) Score(IReadOnlyList<SuggestedCluster> clusters)
    {
        var predicted = new Dictionary<string, string>();
        for (var i = 0; i < clusters.Count; i++)
        {
            foreach (var m in clusters[i].MemberIds) predicted[m] = "c" + i;
        }
        foreach (var item in Items) predicted.TryAdd(item.Id, "s" + item.Id);
        long tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < Items.Count; i++)
        {
            for (var j = i + 1; j < Items.Count; j++)
            {
                var p = predicted[Items[i].Id] == predicted[Items[j].Id];
                var g = Gold[Items[i].Id] == Gold[Items[j].Id];
                if (p && g) tp++;
                else if (p) fp++;
                else if (g) fn++;
            }
        }
        var precision = tp / (double)Math.Max(1, tp + fp);
        var recall = tp / (double)Math.Max(1, tp + fn);
        var byPredicted = Items.GroupBy(x => predicted[x.Id]).ToDictionary(g => g.Key, g => g.ToList());
        var byGold = Items.GroupBy(x => Gold[x.Id]).ToDictionary(g => g.Key, g => g.Count());
        double bp = 0, br = 0;
        foreach (var item in Items)
        {
            var same = byPredicted[predicted[item.Id]];
            var both = same.Count(x => Gold[x.Id] == Gold[item.Id]);
            bp += both / (double)same.Count;
            br += both / (double)byGold[Gold[item.Id]];
        }
        bp /= Items.Count;
        br /= Items.Count;
        return (precision, recall, 2 * precision * recall / Math.Max(1e-9, precision + recall), 2 * bp * br / (bp + br));
    }
}
