using System.Collections.Concurrent;

namespace Procurement.Domain.TextAnalysis;

/// <summary>
/// What was worked out for a word, kept for the life of the process and shared by all threads, but bounded: a
/// long-running server meets ever new words, and past the bound they are simply worked out again each time.
/// </summary>
internal sealed class BoundedWordCache<TValue>
{
    /// <summary>Words kept at most: far more than the vocabulary of any procurement.</summary>
    public const int DefaultCapacity = 200_000;

    private readonly int capacity;
    private readonly ConcurrentDictionary<string, TValue> map = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> bySpan;

    // Counted apart: ConcurrentDictionary.Count takes every lock of the dictionary, on every miss.
    private int count;

    public BoundedWordCache(int capacity = DefaultCapacity)
    {
        this.capacity = capacity;
        bySpan = map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGetValue(string word, out TValue value) => map.TryGetValue(word, out value!);

    /// <summary>The same for a word not (yet) made into a string; <paramref name="key"/> is the kept word.</summary>
    public bool TryGetValue(ReadOnlySpan<char> word, out string key, out TValue value) => bySpan.TryGetValue(word, out key!, out value!);

    /// <summary>Keeps the value, unless the cache is full or another thread kept one first.</summary>
    public void Remember(string word, TValue value)
    {
        if (Volatile.Read(ref count) < capacity && map.TryAdd(word, value)) Interlocked.Increment(ref count);
    }
}
