namespace Procurement.Domain.Merging;

/// <summary>
/// Pairs of needs the officer said do not belong together (a rejected suggestion): the clusterer never puts
/// them in one group again. Both orders of each pair are in the set, so any lookup finds it.
/// </summary>
public static class CannotLink
{
    public static IReadOnlySet<(string, string)> FromGroups(IEnumerable<IReadOnlyList<string>> rejectedGroups)
    {
        var pairs = new HashSet<(string, string)>();
        foreach (var group in rejectedGroups)
        {
            for (var i = 0; i < group.Count; i++)
            {
                for (var j = i + 1; j < group.Count; j++)
                {
                    pairs.Add((group[i], group[j]));
                    pairs.Add((group[j], group[i]));
                }
            }
        }

        return pairs;
    }
}
