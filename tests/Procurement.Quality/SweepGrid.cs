using System.Globalization;
using Procurement.Domain.Merging;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Quality;

/// <summary>The settings "--sweep" tries (development sets only); edit freely while tuning.</summary>
public static class SweepGrid
{
    public static IEnumerable<(string, NearDuplicateClusterer)> Candidates()
    {
        foreach (var w in new[] { 0.0, 0.08, 0.15, 0.2 })
        foreach (var k in new[] { 12, 20 })
        foreach (var r in new[] { 0.25, 0.3 })
            yield return (string.Create(CultureInfo.InvariantCulture, $"latent w={w} max rank={k} r={r}"),
                new NearDuplicateClusterer(TextAnalyzer.Swedish) { LatentWeight = w, LatentMaxRank = k, RefineThreshold = r });
    }
}
