using System.Globalization;
using Procurement.Domain.Merging;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Quality;

/// <summary>The settings "--sweep" tries (development sets only); edit freely while tuning.</summary>
public static class SweepGrid
{
    public static IEnumerable<(string, NearDuplicateClusterer)> Candidates()
    {
        foreach (var g in new[] { 0.4, 0.5, 0.6 })
        foreach (var t in new[] { 0.15, 0.2, 0.25 })
        foreach (var r in new[] { 0.15, 0.2, 0.25 })
        foreach (var p in new[] { 0.6, 1.0 })
            yield return (string.Create(CultureInfo.InvariantCulture, $"g={g} t={t} r={r} p={p}"),
                new NearDuplicateClusterer(TextAnalyzer.Swedish) { Threshold = t, GramWeight = g, RefineThreshold = r, PartWeight = p });
    }
}
