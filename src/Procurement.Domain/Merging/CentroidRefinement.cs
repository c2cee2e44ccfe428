using System.Runtime.CompilerServices;
namespace Procurement.Domain.Merging;

/// <summary>
/// Re-assigns nodes to the cluster whose centroid they are most like, after average-link agglomeration: a
/// colloquial phrasing that shares a few words with different members is closer to the group as a whole than to
/// any one of them. Each round scores every node against the centroids of its neighbours' clusters (its own
/// cluster without itself); a node moves to the best one at or above the threshold, and leaves a cluster it no
/// longer fits. Cannot-link pairs and contrast vetoes are honoured at every move. Moves are applied in node
/// order, so the result is deterministic.
/// </summary>
internal static class CentroidRefinement
{
    public static int[] Run(PairScorer scorer, int[] weights, int[] label, IReadOnlyList<(int A, int B, double Similarity)> edges,
        IReadOnlyList<(int A, int B)> cannotLink, double threshold, double minLinked, int rounds, CancellationToken cancellationToken,
        LatentSpace? latentSpace = null, int linkCap = int.MaxValue)
    {
        var n = weights.Length;
        var neighbours = new List<int>[n];
        for (var i = 0; i < n; i++) neighbours[i] = [];
        foreach (var (a, b, _) in edges)
        {
            neighbours[a].Add(b);
            neighbours[b].Add(a);
        }
        var cannot = new Dictionary<int, List<int>>();
        foreach (var (a, b) in cannotLink)
        {
            (cannot.TryGetValue(a, out var la) ? la : cannot[a] = []).Add(b);
            (cannot.TryGetValue(b, out var lb) ? lb : cannot[b] = []).Add(a);
        }
        var taking = scorer.Taking;
        var nextLabel = label.Max() + 1;

        for (var round = 0; round < rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Centroids (weighted sums of the unit vectors) of clusters of two items or more, one row per cluster,
            // summed in node order; and the sides their members take.
            var (membersOfRow, row, size) = ClusterRows.Of(label, weights);
            var rowTaking = new SideTaking[membersOfRow.Count];
            for (var r = 0; r < membersOfRow.Count; r++)
            {
                foreach (var i in membersOfRow[r]) rowTaking[r] = rowTaking[r].With(taking[i]);
            }
            var words = new Centroids(scorer.Words, membersOfRow, weights, cancellationToken);
            var grams = scorer.Grams is null ? null : new Centroids(scorer.Grams, membersOfRow, weights, cancellationToken);
            var latent = new Dictionary<int, DenseCentroid>();
            if (latentSpace is not null)
            {
                for (var i = 0; i < n; i++)
                {
                    var l = label[i];
                    if (size[l] < 2) continue;
                    var v = latentSpace.Vectors[i];
                    (latent.TryGetValue(l, out var c) ? c : latent[l] = new DenseCentroid(v.Length)).Add(v, weights[i]);
                }
                foreach (var c in latent.Values) c.Finish();
            }

            var proposal = new int[n];
            Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (int i) =>
            {
                var own = label[i];
                var best = -1;
                var bestScore = double.NegativeInfinity;
                var candidates = new List<int>(neighbours[i].Count + 1);
                foreach (var j in neighbours[i])
                {
                    if (row.ContainsKey(label[j])) candidates.Add(label[j]);
                }
                if (row.ContainsKey(own)) candidates.Add(own);
                candidates.Sort();
                var previous = int.MinValue;
                foreach (var l in candidates)
                {
                    if (l == previous) continue;
                    previous = l;
                    var self = l == own ? weights[i] : 0;
                    var rest = size[l] - self;
                    if (rest < 1) continue;
                    // Like the density guard of the agglomeration: an item must be related to enough of the
                    // members themselves, not only to their sum (no chaining through one shared member). Counted
                    // against at most linkCap members: an item keeps only its best neighbours, so in a group of
                    // hundreds (one need worded by hundreds of municipalities) it cannot be related to half of them.
                    long linked = 0;
                    foreach (var j in neighbours[i]) if (label[j] == l) linked += weights[j];
                    if (linked <= minLinked * Math.Min(rest, linkCap)) continue;
                    var score = scorer.Blend(words.Cosine(row[l], i, self), grams?.Cosine(row[l], i, self) ?? 0);
                    if (latentSpace is not null)
                    {
                        score = (1 - latentSpace.Weight) * score + latentSpace.Weight * latentSpace.Stretch(latent[l].Cosine(latentSpace.Vectors[i], self));
                    }
                    // Conflicts with any member (own cluster: other members; a member's own sides are in the union).
                    score *= scorer.Contrasts.Factor(taking[i], rowTaking[row[l]]);
                    if (score > bestScore) { bestScore = score; best = l; }
                }
                proposal[i] = bestScore >= threshold ? best : size[own] >= 2 ? -1 : own;
            });

            var changed = false;
            var membersOf = new Dictionary<int, HashSet<int>>();
            for (var i = 0; i < n; i++) (membersOf.TryGetValue(label[i], out var m) ? m : membersOf[label[i]] = []).Add(i);
            for (var i = 0; i < n; i++)
            {
                var target = proposal[i];
                if (target == label[i]) continue;
                if (target >= 0 && cannot.TryGetValue(i, out var partners) && partners.Any(p => label[p] == target)) continue;
                membersOf[label[i]].Remove(i);
                if (target < 0) target = nextLabel++;
                label[i] = target;
                (membersOf.TryGetValue(target, out var m) ? m : membersOf[target] = []).Add(i);
                changed = true;
            }
            if (!changed) break;
        }
        return label;
    }
}
