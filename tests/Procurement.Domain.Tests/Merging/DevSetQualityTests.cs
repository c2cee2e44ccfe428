using Procurement.Domain.Merging;

namespace Procurement.Domain.Tests.Merging;

public class DevSetQualityTests
{
    // The targets are pairwise F1 >= 0.6 and B-cubed F1 >= 0.8; the engine does not reach them yet
    // (measured on needs.json: pairwise F1 0.672, B-cubed F1 0.713 after vocabulary round three; 0.658 / 0.701 after round
    // two and the re-chosen thresholds; 0.622 / 0.681 after round one; 0.497 / 0.580 before).
    // These floors guard against regressions while the analysis is improved; raise them towards the targets as it
    // gets better.
    private const double PairwiseF1Floor = 0.66;
    private const double BCubedF1Floor = 0.70;

    [Fact]
    public void Clusters_the_demo_needs_at_least_as_well_as_measured()
    {
        var dev = DevSet.Load();
        var (p, r, f1, bcubed) = dev.Score(NearDuplicateClusterer.Swedish.Cluster(dev.Items));
        Assert.True(f1 >= PairwiseF1Floor, $"pairwise P={p:F3} R={r:F3} F1={f1:F3}");
        Assert.True(bcubed >= BCubedF1Floor, $"B-cubed F1={bcubed:F3}");
    }
}
