namespace Procurement.Domain.Merging;

/// <summary>
/// An analysis works on a snapshot; while it runs, officers go on merging and rejecting. Before its suggestions are
/// saved they are brought up to date: needs taken meanwhile (merged, withdrawn) leave their groups, and a group that
/// now holds a pair an officer rejected, or fewer than two needs, is dropped.
/// </summary>
public static class StaleClusters
{
    public static IReadOnlyList<T> Refresh<T>(IReadOnlyList<T> suggestions, Func<T, SuggestedCluster> cluster, Func<T, SuggestedCluster, T> with,
        IReadOnlySet<string> taken, IReadOnlySet<(string, string)> cannotLink)
    {
        var fresh = new List<T>(suggestions.Count);
        foreach (var suggestion in suggestions)
        {
            var members = cluster(suggestion).MemberIds.Where(m => !taken.Contains(m)).ToList();
            if (members.Count < 2 || HasRejectedPair(members, cannotLink))
            {
                continue;
            }

            fresh.Add(members.Count == cluster(suggestion).MemberIds.Count ? suggestion : with(suggestion, cluster(suggestion) with { MemberIds = members }));
        }

        return fresh;
    }

    /// <summary>The same group, whatever the order of its members: used to keep an open suggestion (and its id) across analyses.</summary>
    public static string Signature(IEnumerable<string> memberIds) =>
        string.Join(',', memberIds.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal));

    private static bool HasRejectedPair(List<string> members, IReadOnlySet<(string, string)> cannotLink)
    {
        if (cannotLink.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < members.Count; i++)
        {
            for (var j = i + 1; j < members.Count; j++)
            {
                if (cannotLink.Contains((members[i], members[j])) || cannotLink.Contains((members[j], members[i])))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
