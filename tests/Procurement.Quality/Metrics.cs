namespace Procurement.Quality;

/// <summary>
/// The quality measures of docs/merge-quality.md. Clusterings are maps item id → cluster label over the same
/// items; a singleton is a label of its own.
/// </summary>
public static class Metrics
{
    /// <summary>
    /// Over unordered pairs of items: a pair is predicted when both share a predicted label, gold when both share a
    /// gold label. Precision is 1 when no pair is predicted (nothing was claimed), recall 1 when no pair is gold.
    /// </summary>
    public static Scores Pairwise(IReadOnlyDictionary<string, string> predicted, IReadOnlyDictionary<string, string> gold)
    {
        CheckSameItems(predicted, gold);
        // Counted from the contingency table rather than over n² pairs: a pair agrees iff it shares both labels.
        var both = Pairs(predicted.Keys.GroupBy(id => (predicted[id], gold[id])).Select(g => g.Count()));
        var predictedPairs = Pairs(predicted.Values.GroupBy(l => l).Select(g => g.Count()));
        var goldPairs = Pairs(gold.Values.GroupBy(l => l).Select(g => g.Count()));
        return new Scores(predictedPairs == 0 ? 1 : (double)both / predictedPairs, goldPairs == 0 ? 1 : (double)both / goldPairs);
    }

    /// <summary>
    /// B-cubed: for each item, the share of its predicted cluster that is in its gold cluster (precision) and the
    /// share of its gold cluster that is in its predicted cluster (recall), averaged over items.
    /// </summary>
    public static Scores BCubed(IReadOnlyDictionary<string, string> predicted, IReadOnlyDictionary<string, string> gold)
    {
        CheckSameItems(predicted, gold);
        if (predicted.Count == 0)
        {
            return new Scores(1, 1);
        }

        var predictedSize = predicted.Values.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var goldSize = gold.Values.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var overlap = predicted.Keys.GroupBy(id => (predicted[id], gold[id])).ToDictionary(g => g.Key, g => g.Count());
        double precision = 0, recall = 0;
        foreach (var (id, label) in predicted)
        {
            var shared = overlap[(label, gold[id])];
            precision += (double)shared / predictedSize[label];
            recall += (double)shared / goldSize[gold[id]];
        }

        return new Scores(precision / predicted.Count, recall / predicted.Count);
    }

    /// <summary>
    /// P@1 over requirements with gold links that got a suggestion (is the first one gold?); R@3 over all gold links
    /// (micro: how many are among the first three suggestions); false-link rate over requirements whose gold is empty
    /// (the share with any confident suggestion); coverage: requirements with gold links that got any suggestion;
    /// and the share of empty-gold requirements with any suggestion, confident or not.
    /// </summary>
    public static StandardsScores Standards(IReadOnlyList<StandardsCase> cases)
    {
        var withGold = cases.Where(c => c.Gold.Count > 0).ToList();
        var emptyGold = cases.Where(c => c.Gold.Count == 0).ToList();
        var suggestedWithGold = withGold.Where(c => c.Suggestions.Count > 0).ToList();
        var goldLinks = withGold.Sum(c => c.Gold.Count);
        var found = withGold.Sum(c => c.Gold.Count(g => c.Suggestions.Take(3).Any(s => s.StandardId == g)));
        return new StandardsScores(
            Rate(suggestedWithGold.Count(c => c.Gold.Contains(c.Suggestions[0].StandardId)), suggestedWithGold.Count),
            Rate(found, goldLinks),
            Rate(emptyGold.Count(c => c.Suggestions.Any(s => s.Confident)), emptyGold.Count),
            Rate(suggestedWithGold.Count, withGold.Count),
            Rate(emptyGold.Count(c => c.Suggestions.Count > 0), emptyGold.Count),
            cases.Count, withGold.Count, emptyGold.Count, goldLinks);
    }

    /// <summary>
    /// How many of the given pairs of gold clusters (close but different needs) the prediction merges: some item of
    /// one shares a predicted cluster with some item of the other.
    /// </summary>
    public static int NearMissesMerged(IReadOnlyDictionary<string, string> predicted, IReadOnlyDictionary<string, string> gold,
        IReadOnlyList<(string A, string B)> nearMisses)
    {
        var labelsOf = gold.GroupBy(p => p.Value, p => predicted[p.Key]).ToDictionary(g => g.Key, g => g.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return nearMisses.Count(p => labelsOf.TryGetValue(p.A, out var a) && labelsOf.TryGetValue(p.B, out var b) && a.Overlaps(b));
    }

    private static double? Rate(int count, int of) => of == 0 ? null : (double)count / of;

    private static long Pairs(IEnumerable<int> sizes) => sizes.Sum(n => (long)n * (n - 1) / 2);

    private static void CheckSameItems(IReadOnlyDictionary<string, string> predicted, IReadOnlyDictionary<string, string> gold)
    {
        if (predicted.Count != gold.Count || predicted.Keys.Any(k => !gold.ContainsKey(k)))
        {
            throw new ArgumentException("Predicted and gold clusterings must label the same items.", nameof(predicted));
        }
    }
}
