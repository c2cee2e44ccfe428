using Microsoft.Extensions.Caching.Memory;

namespace Procurement.Web.Features.Triage;

/// <summary>
/// Pages of the needs list and its filter choices, kept under the procurement's version stamp (procurements.list_version,
/// moved by database triggers on every change to its needs, their support, its participants or categories). A changed list has a
/// new stamp, so no instance serves it stale; what the stamp does not cover (organisations, which the reference-data seeder may correct) lives five minutes.
/// Its own cache with its own size limit (<c>Triage:CacheEntries</c>, default 2000; 0 turns it off, which the load
/// tool uses to measure the database path), so it cannot crowd out anything else.
/// </summary>
public sealed class TriageCache : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly MemoryCache? cache;

    public TriageCache(IConfiguration configuration)
    {
        var entries = configuration.GetValue("Triage:CacheEntries", 2000);
        cache = entries > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = entries }) : null;
    }

    public async Task<T> GetOrLoadAsync<T>(object key, Func<Task<T>> load)
    {
        if (cache is null)
        {
            return await load();
        }

        if (cache.TryGetValue(key, out T? cached))
        {
            return cached!;
        }

        var value = await load();
        cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return value;
    }

    public void Dispose() => cache?.Dispose();
}
