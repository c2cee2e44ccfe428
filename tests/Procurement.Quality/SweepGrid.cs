using System.Globalization;
using Procurement.Domain.Merging;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Quality;

/// <summary>The settings "--sweep" tries (development sets only); edit freely while tuning.</summary>
public static class SweepGrid
{
    public static IEnumerable<(string, NearDuplicateClusterer)> Candidates()
    {
        foreach (var g in new[] { 0.5, 0.7 })
        foreach (var t in new[] { 0.15, 0.2, 0.25 })
        foreach (var r in new[] { 0.15, 0.2, 0.25 })
        foreach (var m in new[] { 0.3, 0.5, 0.7 })
            yield return (string.Create(CultureInfo.InvariantCulture, $"g={g} t={t} r={r} m={m}"),
                new NearDuplicateClusterer(TextAnalyzer.Swedish) { Threshold = t, GramWeight = g, RefineThreshold = r, RefineMinLinked = m });
    }
}
