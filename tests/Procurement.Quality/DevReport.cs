using System.Diagnostics;
using System.Globalization;
using System.Text;
using Procurement.Domain.Merging;

namespace Procurement.Quality;

/// <summary>
/// The development-only view used while tuning the engine: clusters-dev, clusters-dev2, clusters-dev3, clusters-demo, standards-dev
/// and standards-dev2, never the test sets. A set whose file is missing is skipped. "--errors" adds the worst false merges and missed pairs of each clustering set.
/// </summary>
public static class DevReport
{
    public static readonly string[] ClusterSets = ["clusters-dev", "clusters-dev2", "clusters-dev3", LabelledSets.Demo];

    public static readonly string[] StandardsSets = ["standards-dev", "standards-dev2"];

    public static string Build(bool errors, int errorCount = 25, NearDuplicateClusterer? clusterer = null)
    {
        clusterer ??= NearDuplicateClusterer.Swedish;
        var md = new StringBuilder();
        md.AppendLine("| Set | Items | Pairwise P | Pairwise R | Pairwise F1 | B³ P | B³ R | B³ F1 | Clusters | Near-misses merged | ms |")
          .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var details = new StringBuilder();
        foreach (var name in ClusterSets)
        {
            var set = LabelledSets.Clusters(name);
            if (set is null) continue;
            var gold = Evaluation.Gold(set);
            var watch = Stopwatch.StartNew();
            var predicted = Evaluation.EngineClustering(set.Items, out var clusters, clusterer);
            var ms = watch.ElapsedMilliseconds;
            var pw = Metrics.Pairwise(predicted, gold);
            var b3 = Metrics.BCubed(predicted, gold);
            var nearMisses = LabelledSets.NearMisses(name);
            md.AppendLine(Inv($"| {name} | {set.Items.Count} | {pw.Precision:0.000} | {pw.Recall:0.000} | {pw.F1:0.000} | {b3.Precision:0.000} | {b3.Recall:0.000} | {b3.F1:0.000} | {clusters} | {Metrics.NearMissesMerged(predicted, gold, nearMisses)}/{nearMisses.Count} | {ms} |"));
            if (errors) Errors(details, set, predicted, gold, errorCount, clusterer);
        }
        var standardsLines = 0;
        foreach (var name in StandardsSets)
        {
            var standards = LabelledSets.Standards(name);
            if (standards is null) continue;
            var s = Evaluation.Evaluate(standards).Engine;
            if (standardsLines++ == 0) md.AppendLine();
            md.AppendLine(Inv($"{name}: P@1 {s.PrecisionAt1:0.000}, R@3 {s.RecallAt3:0.000}, false links {s.FalseLinkRate:0.000}")).AppendLine();
        }
        return md.Append(details).ToString();
    }

    private static void Errors(StringBuilder md, ClusterSet set, IReadOnlyDictionary<string, string> predicted,
        IReadOnlyDictionary<string, string> gold, int count, NearDuplicateClusterer clusterer)
    {
        var items = set.Items;
        var falsePositives = new List<(double Sim, ClusterItem A, ClusterItem B)>();
        var falseNegatives = new List<(double Sim, ClusterItem A, ClusterItem B)>();
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                var samePredicted = predicted[items[i].Id] == predicted[items[j].Id];
                var sameGold = gold[items[i].Id] == gold[items[j].Id];
                if (samePredicted == sameGold) continue;
                var sim = clusterer.Similarity(items[i].Text, items[j].Text);
                (samePredicted ? falsePositives : falseNegatives).Add((sim, items[i], items[j]));
            }
        }
        md.AppendLine().AppendLine(Inv($"## {set.Name}: false merges ({falsePositives.Count} pairs), lowest similarity first")).AppendLine();
        // A false merge with low pair similarity is chaining; one with high similarity is a representation problem.
        foreach (var (sim, a, b) in falsePositives.OrderBy(p => p.Sim).Take(count / 2).Concat(falsePositives.OrderByDescending(p => p.Sim).Take(count / 2)))
        {
            md.AppendLine(Inv($"- {sim:0.000} [{a.Gold} | {b.Gold}] {a.Text}  ⟷  {b.Text}"));
        }
        md.AppendLine().AppendLine(Inv($"## {set.Name}: missed pairs ({falseNegatives.Count} pairs), highest similarity first")).AppendLine();
        foreach (var (sim, a, b) in falseNegatives.OrderByDescending(p => p.Sim).Take(count))
        {
            md.AppendLine(Inv($"- {sim:0.000} [{a.Gold}] {a.Text}  ⟷  {b.Text}"));
        }
        // Gold clusters the prediction splits the most: how many predicted pieces each has.
        md.AppendLine().AppendLine(Inv($"## {set.Name}: most split gold clusters")).AppendLine();
        foreach (var g in items.GroupBy(i => i.Gold).Where(g => g.Count() > 1)
                     .Select(g => (Gold: g.Key, Items: g.ToList(), Pieces: g.Select(i => predicted[i.Id]).Distinct().Count()))
                     .OrderByDescending(g => g.Pieces - 1.0 * 0).ThenBy(g => g.Gold).Take(8))
        {
            md.AppendLine(Inv($"- {g.Gold}: {g.Items.Count} items in {g.Pieces} pieces"));
            foreach (var item in g.Items.OrderBy(i => predicted[i.Id], StringComparer.Ordinal))
            {
                md.AppendLine(Inv($"    - ({predicted[item.Id]}) {item.Text}"));
            }
        }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Grid search over engine settings on the development sets only (clusters-dev, clusters-dev2, clusters-dev3, clusters-demo).</summary>
public static class DevSweep
{
    public static string Run(IEnumerable<(string Label, NearDuplicateClusterer Clusterer)> candidates)
    {
        var sets = DevReport.ClusterSets.Select(LabelledSets.Clusters).Where(s => s is not null).Select(s => s!).ToList();
        var md = new StringBuilder();
        var rows = new List<(double Score, string Line)>();
        foreach (var (label, clusterer) in candidates)
        {
            double score = 0;
            var line = new StringBuilder(label);
            foreach (var set in sets)
            {
                var gold = Evaluation.Gold(set);
                var predicted = Evaluation.EngineClustering(set.Items, out _, clusterer);
                var pw = Metrics.Pairwise(predicted, gold);
                var b3 = Metrics.BCubed(predicted, gold);
                score += pw.F1 + b3.F1;
                line.Append(CultureInfo.InvariantCulture, $" | {set.Name}: P {pw.Precision:0.000} R {pw.Recall:0.000} F1 {pw.F1:0.000} B3 {b3.F1:0.000}");
            }
            rows.Add((score, line.Insert(0, $"{score:0.000} ").ToString()));
            Console.Error.WriteLine(rows[^1].Line);
        }
        foreach (var (_, line) in rows.OrderByDescending(r => r.Score).Take(15)) md.AppendLine(line);
        return md.ToString();
    }
}
