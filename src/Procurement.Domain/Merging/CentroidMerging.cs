namespace Procurement.Domain.Merging;

/// <summary>
/// Joins groups that are fragments of one need, after average-link agglomeration. Average link compares the mean
/// similarity of all cross pairs with a fixed threshold, and a pair without an edge counts as 0; every text keeps
/// only its best neighbours, so when hundreds of municipalities word one need differently no text can have an edge
/// to most of the others, the mean falls as a group grows, and the need ends up as many groups of a few dozen. The
/// centroids of two groups do not depend on which edges were kept: two fragments of one need have centroids about
/// as alike as the texts within each, two different needs that share words stay well apart.
/// So the groups (two items or more) are agglomerated once more on the mean similarity over all cross pairs, measured
/// exactly: the mean of the cosines of all cross pairs is the dot product of the two groups' summed vectors over the
/// number of pairs, whether or not the pairs had edges. Groups that share an edge are joined, highest mean first, while
/// it reaches the average-link threshold and no cannot-link pair stands between them. It is looser than average link
/// in two ways: every small similarity counts (average link only sees kept edges), and there is no density guard. The
/// contrast factor is stricter: it applies to the whole pair of groups as soon as any members take opposite sides.
/// After a join the cross sums with the rest are the sums of both sides' (Lance–Williams), so only a pair that one
/// side had not met needs a new dot product. Serial and in a fixed order (mean, then group ids): deterministic. On a
/// few hundred texts average link has already made these joins and next to nothing changes; it is a remedy for scale.
/// </summary>
internal static class CentroidMerging
{
    public static int[] Run(PairScorer scorer, int[] weights, int[] label, IReadOnlyList<(int A, int B, double Similarity)> edges,
        IReadOnlyList<(int A, int B)> cannotLink, double threshold, CancellationToken cancellationToken)
    {
        var n = weights.Length;
        var (membersOfRow, rowOf, _) = ClusterRows.Of(label, weights);
        var rows = membersOfRow.Count;
        if (rows < 2) return label;
        var rowOfNode = new int[n];
        for (var i = 0; i < n; i++) rowOfNode[i] = rowOf.TryGetValue(label[i], out var r) ? r : -1;

        // Per row: the rows it shares an edge with (their cross sums, filled below) and the rows it must never join.
        var cross = new Dictionary<int, double>[rows];
        var forbidden = new HashSet<int>[rows];
        for (var r = 0; r < rows; r++)
        {
            cross[r] = [];
            forbidden[r] = [];
        }
        var pairs = new List<(int A, int B)>();
        foreach (var (a, b, _) in edges)
        {
            int ra = rowOfNode[a], rb = rowOfNode[b];
            if (ra < 0 || rb < 0 || ra == rb || cross[ra].ContainsKey(rb)) continue;
            cross[ra][rb] = cross[rb][ra] = 0;
            pairs.Add(ra < rb ? (ra, rb) : (rb, ra));
        }
        if (pairs.Count == 0) return label;
        foreach (var (a, b) in cannotLink)
        {
            int ra = rowOfNode[a], rb = rowOfNode[b];
            if (ra < 0 || rb < 0 || ra == rb) continue;
            forbidden[ra].Add(rb);
            forbidden[rb].Add(ra);
        }

        var rowSize = new long[rows];
        var taking = new SideTaking[rows];
        for (var r = 0; r < rows; r++)
        {
            foreach (var i in membersOfRow[r])
            {
                rowSize[r] += weights[i];
                taking[r] = taking[r].With(scorer.Taking[i]);
            }
        }
        var words = new Centroids(scorer.Words, membersOfRow, weights, cancellationToken);
        var grams = scorer.Grams is null ? null : new Centroids(scorer.Grams, membersOfRow, weights, cancellationToken);

        // The cross sums of the first pairs, in parallel.
        var sums = new double[pairs.Count];
        Parallel.For(0, pairs.Count, new ParallelOptions { CancellationToken = cancellationToken }, k => sums[k] = CrossSum(pairs[k].A, pairs[k].B));
        for (var k = 0; k < pairs.Count; k++) cross[pairs[k].A][pairs[k].B] = cross[pairs[k].B][pairs[k].A] = sums[k];

        var version = new int[rows];
        var queue = new PriorityQueue<(int A, int B, int VersionA, int VersionB), (double Average, int A, int B)>(AverageLinkClustering.PairOrder.Instance);
        foreach (var (a, b) in pairs) Offer(a, b);

        var alive = new bool[rows];
        Array.Fill(alive, true);
        var updates = new List<(int Other, double Sum)>();
        while (queue.TryDequeue(out var entry, out _))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (a, b) = (entry.A, entry.B);
            if (!alive[a] || !alive[b] || entry.VersionA != version[a] || entry.VersionB != version[b]) continue;
            // Fold the smaller group into the larger (ties: the lower row).
            var (keep, drop) = rowSize[a] >= rowSize[b] ? (a, b) : (b, a);
            // The joined group's cross sum with each neighbour of either side: the two sums, one of them computed now
            // where that side had not met the neighbour (before the centroids are added up).
            updates.Clear();
            foreach (var (c, sum) in cross[keep])
            {
                if (c != drop) updates.Add((c, sum + (cross[drop].TryGetValue(c, out var other) ? other : CrossSum(drop, c))));
            }
            foreach (var (c, sum) in cross[drop])
            {
                if (c != keep && !cross[keep].ContainsKey(c)) updates.Add((c, sum + CrossSum(keep, c)));
            }
            alive[drop] = false;
            version[keep]++;
            words.Absorb(keep, drop);
            grams?.Absorb(keep, drop);
            rowSize[keep] += rowSize[drop];
            taking[keep] = taking[keep].With(taking[drop]);
            membersOfRow[keep].AddRange(membersOfRow[drop]);
            foreach (var c in cross[drop].Keys) cross[c].Remove(drop);
            cross[drop] = [];
            foreach (var (c, sum) in updates) cross[keep][c] = cross[c][keep] = sum;
            foreach (var c in forbidden[drop])
            {
                forbidden[c].Remove(drop);
                forbidden[c].Add(keep);
                forbidden[keep].Add(c);
            }
            forbidden[drop] = [];
            foreach (var (c, _) in updates) Offer(Math.Min(keep, c), Math.Max(keep, c));
        }

        var result = (int[])label.Clone();
        for (var r = 0; r < rows; r++)
        {
            if (!alive[r]) continue;
            var into = label[membersOfRow[r][0]];
            foreach (var i in membersOfRow[r]) result[i] = into;
        }
        return result;

        // The sum of the blended cosines (without contrasts) of all cross pairs of two groups.
        double CrossSum(int ra, int rb) =>
            scorer.Blend(words.Dot(ra, rb), grams?.Dot(ra, rb) ?? 0);

        // Queued when the mean, times the contrast factor of the two groups' sides, reaches the threshold.
        void Offer(int ra, int rb)
        {
            if (forbidden[ra].Contains(rb)) return;
            var mean = cross[ra][rb] / (rowSize[ra] * (double)rowSize[rb]);
            mean *= scorer.Contrasts.Factor(taking[ra], taking[rb]);
            if (mean >= threshold) queue.Enqueue((ra, rb, version[ra], version[rb]), (mean, ra, rb));
        }
    }
}
