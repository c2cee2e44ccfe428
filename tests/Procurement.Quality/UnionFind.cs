namespace Procurement.Quality;

/// <summary>Disjoint sets over 0..n-1 with path halving and union by size.</summary>
public sealed class UnionFind
{
    private readonly int[] parent;
    private readonly int[] size;

    public UnionFind(int count)
    {
        parent = [.. Enumerable.Range(0, count)];
        size = [.. Enumerable.Repeat(1, count)];
    }

    public int Find(int item)
    {
        while (parent[item] != item)
        {
            parent[item] = parent[parent[item]];
            item = parent[item];
        }

        return item;
    }

    public void Union(int a, int b)
    {
        var (x, y) = (Find(a), Find(b));
        if (x == y)
        {
            return;
        }

        if (size[x] < size[y])
        {
            (x, y) = (y, x);
        }

        parent[y] = x;
        size[x] += size[y];
    }
}
