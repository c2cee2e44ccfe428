using Procurement.Domain.Merging;

namespace Procurement.Domain.Tests.Merging;

public sealed class StaleClustersTests
{
    private static readonly SuggestedCluster[] Clusters =
    [
        new(["a", "b", "c"], 0.9, ["sms"]),
        new(["d", "e"], 0.8, ["faktura"]),
        new(["f", "g", "h"], 0.7, ["bankid"]),
    ];

    private static IReadOnlyList<SuggestedCluster> Refresh(IReadOnlySet<string> taken, IReadOnlySet<(string, string)> cannotLink) =>
        StaleClusters.Refresh(Clusters, c => c, (_, c) => c, taken, cannotLink);

    [Fact]
    public void Nothing_changed_meanwhile_keeps_every_group_as_it_was()
    {
        Assert.Equal(Clusters, Refresh(new HashSet<string>(), new HashSet<(string, string)>()));
    }

    [Fact]
    public void A_need_merged_meanwhile_leaves_its_group_and_a_group_left_with_one_need_goes()
    {
        var fresh = Refresh(new HashSet<string> { "a", "d" }, new HashSet<(string, string)>());

        Assert.Equal([["b", "c"], ["f", "g", "h"]], fresh.Select(c => c.MemberIds));
    }

    [Fact]
    public void A_group_holding_a_pair_rejected_meanwhile_is_dropped_whichever_way_the_pair_is_stored()
    {
        var fresh = Refresh(new HashSet<string>(), new HashSet<(string, string)> { ("h", "f") });

        Assert.Equal([["a", "b", "c"], ["d", "e"]], fresh.Select(c => c.MemberIds));
    }

    [Fact]
    public void The_signature_ignores_order_and_case()
    {
        Assert.Equal(StaleClusters.Signature(["B", "a"]), StaleClusters.Signature(["A", "b"]));
        Assert.NotEqual(StaleClusters.Signature(["a", "b"]), StaleClusters.Signature(["a", "c"]));
    }
}
