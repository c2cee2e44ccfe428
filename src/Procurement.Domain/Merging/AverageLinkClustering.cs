using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    public sealed record Group(IReadOnlyList<int> Nodes);

    /// <summary>Two groups' cross pairs: the sum of their similarities and the number of them that are related.</summary>
    private readonly record struct Link(double Sum, double Linked);

    /// <summary>Highest average first, then by ids: the order merges are made in (joining uses it too).</summary>
    internal sealed class PairOrder : IComparer<(double Average, int A, int B)>
    {
        public static readonly PairOrder Instance = new();

        public int Compare((double Average, int A, int B) x, (double Average, int A, int B) y) =>
            y.Average != x.Average ? y.Average.CompareTo(x.Average) : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B);
    }

    // Runs once per clustering and long: compiled optimised at once rather than through the tiers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Group> Run(int[] weights, IEnumerable<(int A, int B, double Similarity)> edges,
        IEnumerable<(int A, int B)> cannotLink, double threshold, double minDensity, CancellationToken cancellationToken)
    {
        // Per pair of groups: the sum of the similarities of their cross pairs and, besides the mean, how many of
        // those pairs are related at all (a merge where half the pairs have nothing in common is a chain through a
        // few shared members, not one requirement).
        var n = weights.Length;
        var edgeList = edges as IReadOnlyList<(int A, int B, double Similarity)> ?? edges.ToList();
        var cannotList = cannotLink as IReadOnlyList<(int A, int B)> ?? cannotLink.ToList();
        var degree = new int[n];
        foreach (var (a, b, _) in edgeList)
        {
            degree[a]++;
            degree[b]++;
        }
        foreach (var (a, b) in cannotList)
        {
            degree[a]++;
            degree[b]++;
        }
        var links = new Dictionary<int, Link>[n];
        var size = new long[n];
        var members = new List<int>?[n];
        for (var i = 0; i < n; i++)
        {
            size[i] = weights[i];
            members[i] = [i];
        }
        // Each node's links from its edges (in edge order), then its cannot-links (in their order; ~index): every
        // node's dictionary gets the entries in the order one pass over both lists would give, so it can be filled
        // on its own, in parallel.
        var incidentStart = new int[n + 1];
        for (var i = 0; i < n; i++) incidentStart[i + 1] = incidentStart[i] + degree[i];
        var incident = new int[incidentStart[n]];
        var fill = incidentStart[..n];
        for (var e = 0; e < edgeList.Count; e++)
        {
            incident[fill[edgeList[e].A]++] = e;
            incident[fill[edgeList[e].B]++] = e;
        }
        for (var c = 0; c < cannotList.Count; c++)
        {
            incident[fill[cannotList[c].A]++] = ~c;
            incident[fill[cannotList[c].B]++] = ~c;
        }
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (int node) =>
        {
            var own = new Dictionary<int, Link>(degree[node]);
            for (var k = incidentStart[node]; k < incidentStart[node + 1]; k++)
            {
                var index = incident[k];
                if (index >= 0)
                {
                    var (a, b, s) = edgeList[index];
                    own[a == node ? b : a] = new Link(s * weights[a] * weights[b], (double)weights[a] * weights[b]);
                }
                else
                {
                    // Both sides of a pair always hold the same link, so this node's entry is the pair's.
                    var (a, b) = cannotList[~index];
                    var other = a == node ? b : a;
                    own[other] = new Link(double.NegativeInfinity, own.GetValueOrDefault(other).Linked);
                }
            }
            links[node] = own;
        });

        // One queue entry per node: its best pair (highest average, then ids), so the queue stays small. An entry
        // is an upper bound of the node's best: a pair's average only falls as a side grows, and the pairs whose
        // sum rises in a merge (or that the density guard lets go) are offered to the node's entry at once. A popped
        // entry that is out of date is recomputed and pushed again; so the merges and their order are those of a
        // queue over all pairs.
        var comparer = PairOrder.Instance;
        var queue = new PriorityQueue<(int Node, int Version), (double Average, int A, int B)>(n, comparer);
        var best = new (double Average, int A, int B)[n];
        var version = new int[n];
        var parked = new HashSet<int>?[n];
        // Every node's best pair, found in parallel and queued in node order.
        var initial = new (bool Found, (double Average, int A, int B) Top)[n];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, node => initial[node] = BestOf(node));
        for (var a = 0; a < n; a++) Settle(a, initial[a]);

        var touched = new List<(int Node, double Sum)>();
        while (queue.TryDequeue(out var entry, out var priority))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = entry.Node;
            if (members[node] is null || entry.Version != version[node]) continue;
            var (a, b) = (priority.A, priority.B);
            var other = a == node ? b : a;
            if (members[other] is null || !links[node].TryGetValue(other, out var pairLink)
                || pairLink.Sum / (size[a] * (double)size[b]) != priority.Average)
            {
                Refresh(node); // stale: one side has grown since
                continue;
            }
            var average = priority.Average;
            if (average < threshold) break;
            if (pairLink.Linked < minDensity * size[a] * (double)size[b])
            {
                (parked[a] ??= []).Add(b);
                (parked[b] ??= []).Add(a);
                Refresh(a);
                Refresh(b);
                continue;
            }

            // Keep the node with more links and fold the other into it.
            var (keep, drop) = links[a].Count >= links[b].Count ? (a, b) : (b, a);
            links[keep].Remove(drop);
            links[drop].Remove(keep);
            touched.Clear();
            var kept = links[keep];
            foreach (var (c, l) in links[drop])
            {
                var theirs = links[c];
                theirs.Remove(drop);
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(kept, c, out _);
                slot = new Link(slot.Sum + l.Sum, slot.Linked + l.Linked);
                theirs[keep] = slot;
                // The pair's sum as it stays until the offers below (each neighbour of the dropped side once).
                touched.Add((c, slot.Sum));
            }
            size[keep] += size[drop];
            members[keep]!.AddRange(members[drop]!);
            members[drop] = null;
            links[drop] = [];
            version[drop]++;
            if (parked[drop] is { } droppedParked)
            {
                foreach (var c in droppedParked) parked[c]?.Remove(drop);
                parked[drop] = null;
            }
            // The kept node's density changed: the pairs the guard held back are worth another look.
            var released = parked[keep];
            parked[keep] = null;
            if (released is not null)
            {
                foreach (var c in released)
                {
                    parked[c]?.Remove(keep);
                    if (members[c] is not null && links[c].TryGetValue(keep, out var l)) touched.Add((c, l.Sum));
                }
            }
            Refresh(keep);
            foreach (var (c, pairSum) in touched)
            {
                if (parked[c]?.Contains(keep) == true) continue;
                var key = Key(c, keep, pairSum);
                if (key.Average >= threshold && comparer.Compare(key, best[c]) < 0) Offer(c, key);
            }
        }

        var groups = new List<Group>();
        for (var i = 0; i < n; i++)
        {
            if (members[i] is { } m) groups.Add(new Group(m));
        }
        return groups;

        (double Average, int A, int B) Key(int a, int b, double sum) =>
            (sum / (size[a] * (double)size[b]), Math.Min(a, b), Math.Max(a, b));

        // The node's best pair from scratch, leaving out the pairs the density guard holds back (none under the threshold).
        (bool Found, (double Average, int A, int B) Top) BestOf(int node)
        {
            var found = false;
            (double Average, int A, int B) top = default;
            var held = parked[node];
            foreach (var (c, l) in links[node])
            {
                if (held is not null && held.Contains(c)) continue;
                var key = Key(node, c, l.Sum);
                if (key.Average < threshold) continue;
                if (!found || comparer.Compare(key, top) < 0) (top, found) = (key, true);
            }
            return (found, top);
        }

        void Refresh(int node) => Settle(node, BestOf(node));

        // Queues the node's best pair, or marks it as having none (its queued entries go stale).
        void Settle(int node, (bool Found, (double Average, int A, int B) Top) pair)
        {
            if (pair.Found)
            {
                Offer(node, pair.Top);
            }
            else
            {
                version[node]++;
                best[node] = (double.NegativeInfinity, -1, -1);
            }
        }

        void Offer(int node, (double Average, int A, int B) key)
        {
            best[node] = key;
            queue.Enqueue((node, ++version[node]), key);
        }
    }
}
