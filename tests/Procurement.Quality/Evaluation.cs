using System.Diagnostics;
using System.Globalization;
using Procurement.Data.Seeding;
using Procurement.Domain.Merging;
using Procurement.Domain.Standards;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Quality;

public sealed record ClusterResult(ClusterSet Set, Scores EnginePairwise, Scores EngineBCubed, int EngineClusters, TimeSpan EngineTime,
    double ChosenThreshold, Scores BaselinePairwise, Scores BaselineBCubed, double BestThreshold, Scores BestPairwise, Scores BestBCubed,
    int NearMisses, int EngineNearMissesMerged, int BaselineNearMissesMerged);

public sealed record StandardsResult(StandardsSet Set, StandardsScores Engine, StandardsScores Baseline, TimeSpan EngineTime);

/// <summary>Runs the engine and the baselines on a set and scores them against its gold labels.</summary>
public static class Evaluation
{
    /// <summary>Item id → label as the engine clusters: its suggested clusters, every other item on its own.</summary>
    public static IReadOnlyDictionary<string, string> EngineClustering(IReadOnlyList<ClusterItem> items, out int clusters,
        NearDuplicateClusterer? clusterer = null)
    {
        var suggested = (clusterer ?? NearDuplicateClusterer.Swedish).Cluster(items.Select(i => new ClusterInput(i.Id, i.Text)).ToList());
        clusters = suggested.Count;
        var labels = items.ToDictionary(i => i.Id, i => "s:" + i.Id, StringComparer.Ordinal);
        for (var c = 0; c < suggested.Count; c++)
        {
            foreach (var id in suggested[c].MemberIds)
            {
                labels[id] = "c:" + c.ToString(CultureInfo.InvariantCulture);
            }
        }

        return labels;
    }

    public static IReadOnlyDictionary<string, string> Gold(ClusterSet set) =>
        set.Items.ToDictionary(i => i.Id, i => i.Gold, StringComparer.Ordinal);

    /// <summary>The baseline threshold with the best pairwise F1 on <paramref name="set"/> (ties: the lower one).</summary>
    public static double BestThreshold(ClusterSet set) => BestThreshold(TfIdfBaseline.Build(Texts(set)), Gold(set));

    public static ClusterResult Evaluate(ClusterSet set, double chosenThreshold)
    {
        var gold = Gold(set);
        var watch = Stopwatch.StartNew();
        var engine = EngineClustering(set.Items, out var clusters);
        var elapsed = watch.Elapsed;
        var baseline = TfIdfBaseline.Build(Texts(set));
        var chosen = baseline.Cluster(chosenThreshold);
        var best = BestThreshold(baseline, gold);
        var bestClustering = baseline.Cluster(best);
        var nearMisses = LabelledSets.NearMisses(set.Name);
        return new ClusterResult(set, Metrics.Pairwise(engine, gold), Metrics.BCubed(engine, gold), clusters, elapsed,
            chosenThreshold, Metrics.Pairwise(chosen, gold), Metrics.BCubed(chosen, gold),
            best, Metrics.Pairwise(bestClustering, gold), Metrics.BCubed(bestClustering, gold),
            nearMisses.Count, Metrics.NearMissesMerged(engine, gold, nearMisses), Metrics.NearMissesMerged(chosen, gold, nearMisses));
    }

    public static StandardsResult Evaluate(StandardsSet set)
    {
        var catalogue = StandardsSeed.Entries();
        var suggester = new StandardSuggester(TextAnalyzer.Swedish, catalogue);
        var baseline = new KeywordBaseline(catalogue);
        var watch = Stopwatch.StartNew();
        var engine = set.Items.Select(i => new StandardsCase(i.Gold,
            suggester.Suggest(i.Text, 3).Select(s => (s.StandardId, s.Confident)).ToList())).ToList();
        var elapsed = watch.Elapsed;
        var plain = set.Items.Select(i => new StandardsCase(i.Gold, baseline.Suggest(i.Text))).ToList();
        return new StandardsResult(set, Metrics.Standards(engine), Metrics.Standards(plain), elapsed);
    }

    private static double BestThreshold(TfIdfBaseline baseline, IReadOnlyDictionary<string, string> gold) =>
        TfIdfBaseline.Thresholds.Select(t => (t, f1: Metrics.Pairwise(baseline.Cluster(t), gold).F1))
            .OrderByDescending(x => x.f1).ThenBy(x => x.t).First().t;

    private static List<(string, string)> Texts(ClusterSet set) => set.Items.Select(i => (i.Id, i.Text)).ToList();
}
