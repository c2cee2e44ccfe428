namespace Procurement.Domain.Merging;

/// <summary>
/// Average-link agglomerative clustering over a sparse similarity graph: two groups merge only while the mean
/// similarity over all their cross pairs (missing edges count as 0) stays above the threshold. Unlike single
/// link over a threshold graph this does not chain A~B~C into one group when A and C are unrelated.
/// Nodes carry a weight (identical texts collapsed into one node). Cannot-link pairs poison their groups'
/// link for good. Merges happen in a fixed order (similarity, then ids), so the result is deterministic.
/// </summary>
internal static class AverageLinkClustering
{
    public sealed record Group(IReadOnlyList<int> Nodes, double InternalSum, long Size);

    public static List<Group> Run(int[] weights, IEnumerable<(int A, int B, double Similarity)> edges,
        IEnumerable<(int A, int B)> cannotLink, double threshold, double minDensity, CancellationToken cancellationToken)
    {
        // Besides the mean, the share of cross pairs that are related at all: a merge where half the pairs have
        // nothing in common is a chain through a few shared members, not one requirement.
        var linked = new Dictionary<int, double>[weights.Length];
        var n = weights.Length;
        var links = new Dictionary<int, double>[n];
        var size = new long[n];
        var internalSum = new double[n];
        var members = new List<int>?[n];
        for (var i = 0; i < n; i++)
        {
            links[i] = [];
            linked[i] = [];
            size[i] = weights[i];
            internalSum[i] = weights[i] * (weights[i] - 1) / 2.0;
            members[i] = [i];
        }
        foreach (var (a, b, s) in edges)
        {
            var sum = s * weights[a] * weights[b];
            links[a][b] = sum;
            links[b][a] = sum;
            linked[a][b] = linked[b][a] = (double)weights[a] * weights[b];
        }
        foreach (var (a, b) in cannotLink)
        {
            links[a][b] = double.NegativeInfinity;
            links[b][a] = double.NegativeInfinity;
        }

        var queue = new PriorityQueue<(int A, int B), (double Average, int A, int B)>(Comparer<(double Average, int A, int B)>.Create(
            (x, y) => y.Average != x.Average ? y.Average.CompareTo(x.Average) : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B)));
        for (var a = 0; a < n; a++)
        {
            foreach (var (b, sum) in links[a])
            {
                if (a < b) Push(a, b, sum);
            }
        }

        while (queue.TryDequeue(out var pair, out var priority))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (a, b) = pair;
            if (members[a] is null || members[b] is null || !links[a].TryGetValue(b, out var sum)) continue;
            var average = sum / (size[a] * (double)size[b]);
            if (average != priority.Average) continue; // stale: one side has grown since
            if (average < threshold) break;
            if (linked[a].GetValueOrDefault(b) < minDensity * size[a] * (double)size[b]) continue;

            // Keep the node with more links and fold the other into it.
            var (keep, drop) = links[a].Count >= links[b].Count ? (a, b) : (b, a);
            links[keep].Remove(drop);
            links[drop].Remove(keep);
            linked[keep].Remove(drop);
            linked[drop].Remove(keep);
            foreach (var (c, l) in linked[drop])
            {
                linked[c].Remove(drop);
                linked[keep][c] = linked[c][keep] = linked[keep].GetValueOrDefault(c) + l;
            }
            linked[drop] = [];
            foreach (var (c, s) in links[drop])
            {
                links[c].Remove(drop);
                var merged = links[keep].GetValueOrDefault(c) + s;
                links[keep][c] = merged;
                links[c][keep] = merged;
            }
            internalSum[keep] += internalSum[drop] + sum;
            size[keep] += size[drop];
            members[keep]!.AddRange(members[drop]!);
            members[drop] = null;
            links[drop] = [];
            foreach (var (c, s) in links[keep]) Push(Math.Min(keep, c), Math.Max(keep, c), s);
        }

        var groups = new List<Group>();
        for (var i = 0; i < n; i++)
        {
            if (members[i] is { } m) groups.Add(new Group(m, internalSum[i], size[i]));
        }
        return groups;

        void Push(int a, int b, double sum)
        {
            var average = sum / (size[a] * (double)size[b]);
            if (average >= threshold) queue.Enqueue((a, b), (average, a, b));
        }
    }
}
