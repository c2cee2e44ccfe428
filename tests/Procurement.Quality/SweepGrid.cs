using System.Globalization;
using Procurement.Domain.Merging;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Quality;

/// <summary>The settings "--sweep" tries (development sets only); edit freely while tuning.</summary>
public static class SweepGrid
{
    public static IEnumerable<(string, NearDuplicateClusterer)> Candidates()
    {
        foreach (var join in new[] { false, true })
        foreach (var t in new[] { 0.21, 0.23, 0.25 })
        foreach (var r in new[] { 0.26, 0.28, 0.3 })
            yield return (string.Create(CultureInfo.InvariantCulture, $"join={join} t={t} r={r}"),
                new NearDuplicateClusterer(TextAnalyzer.Swedish) { JoinFragments = join, Threshold = t, RefineThreshold = r });
    }
}
