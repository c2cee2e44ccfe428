using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Tests.TextAnalysis;

public class BoundedWordCacheTests
{
    [Fact]
    public void Keeps_words_up_to_its_capacity_and_finds_them_by_string_or_span()
    {
        var cache = new BoundedWordCache<int>(capacity: 2);

        cache.Remember("boka", 1);
        cache.Remember("boka", 9); // the first value stays
        cache.Remember("hall", 2);
        cache.Remember("bastu", 3); // full: not kept

        Assert.True(cache.TryGetValue("boka", out var boka));
        Assert.Equal(1, boka);
        Assert.True(cache.TryGetValue("Se hall".AsSpan(3), out var key, out var hall));
        Assert.Equal(("hall", 2), (key, hall));
        Assert.False(cache.TryGetValue("bastu", out _));
    }
}
