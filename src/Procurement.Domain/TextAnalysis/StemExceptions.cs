namespace Procurement.Domain.TextAnalysis;

/// <summary>
/// Words whose Snowball stem would collide with an unrelated word (ledig and ledare both become "led"), kept as
/// data in stem-exceptions.sv.txt. Its own class so that it is loaded before the first word is stemmed.
/// </summary>
internal static class StemExceptions
{
    public static readonly IReadOnlyDictionary<string, string> Of = EmbeddedWordList.Lines("TextAnalysis.stem-exceptions.sv.txt")
        .Select(line => line.Split(':', 2, StringSplitOptions.TrimEntries))
        .SelectMany(pair => pair[1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(word => (Word: word, Stem: pair[0])))
        .ToDictionary(x => x.Word, x => x.Stem, StringComparer.Ordinal);
}
