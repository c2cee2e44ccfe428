using System.Text.RegularExpressions;
using System.Xml.Linq;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Web;

/// <summary>
/// Every Swedish UI text has an English translation with the same placeholders. Texts are found where the
/// UI shows them: L["…"], data annotation messages and names, form hints, and Sv("…") markers.
/// </summary>
public sealed partial class LocalizationTests
{
    private static readonly Regex[] WebPatterns =
    [
        LocalizerCall(), ErrorMessage(), DisplayName(), Hint(), SwedishMarker(),
    ];

    private static readonly Regex[] IdentityPatterns = [IdentityError(), Description()];

    [Fact]
    public void Every_Swedish_text_has_an_English_translation()
    {
        var english = EnglishResources();

        var missing = SwedishTexts().Where(t => !english.ContainsKey(t.Text)).Select(t => $"{t.File}: {t.Text}").ToList();

        Assert.True(missing.Count == 0, "Missing in SharedResource.en.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Translations_keep_every_placeholder()
    {
        var wrong = EnglishResources()
            .Where(p => !Placeholders(p.Key).SequenceEqual(Placeholders(p.Value)))
            .Select(p => $"{p.Key} → {p.Value}")
            .ToList();

        Assert.True(wrong.Count == 0, "Placeholders differ:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void No_two_texts_differ_only_in_case()
    {
        // Resource names are case-insensitive: "Region" and "region" would silently become one.
        var clashes = SwedishTexts().Select(t => t.Text).Distinct()
            .GroupBy(t => t, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(" / ", g))
            .ToList();

        Assert.True(clashes.Count == 0, "Texts differing only in case:\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void The_resource_file_holds_no_texts_the_app_no_longer_uses()
    {
        var used = SwedishTexts().Select(t => t.Text).ToHashSet();

        var unused = EnglishResources().Keys.Where(k => !used.Contains(k)).ToList();

        Assert.True(unused.Count == 0, "Unused translations:\n" + string.Join("\n", unused));
    }

    private static IEnumerable<(string File, string Text)> SwedishTexts()
    {
        var web = Repository.Path("src", "Procurement.Web");
        var files = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(web, "*.cshtml", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var pattern in WebPatterns)
            {
                foreach (Match match in pattern.Matches(text))
                {
                    yield return (Path.GetRelativePath(Repository.Root, file), Unescape(match.Groups[1].Value));
                }
            }
        }

        foreach (var file in Directory.EnumerateFiles(Repository.Path("src", "Procurement.Data", "Identity"), "*.cs"))
        {
            var text = File.ReadAllText(file);
            foreach (var pattern in IdentityPatterns)
            {
                foreach (Match match in pattern.Matches(text))
                {
                    yield return (Path.GetRelativePath(Repository.Root, file), Unescape(match.Groups[1].Value));
                }
            }
        }
    }

    private static Dictionary<string, string> EnglishResources() =>
        XDocument.Load(Repository.Path("src", "Procurement.Web", "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static IEnumerable<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal);

    private static string Unescape(string literal) => literal.Replace("\\\"", "\"", StringComparison.Ordinal);

    [GeneratedRegex(@"\b[Ll]\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"ErrorMessage\s*=\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ErrorMessage();

    [GeneratedRegex(@"Display\(Name\s*=\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex DisplayName();

    [GeneratedRegex(@"\bhint=""([^""]*)""")]
    private static partial Regex Hint();

    [GeneratedRegex(@"\bSv\(""((?:[^""\\]|\\.)*)""\)")]
    private static partial Regex SwedishMarker();

    [GeneratedRegex(@"Error\(nameof\(\w+\),\s*""((?:[^""\\]|\\.)*)""\)")]
    private static partial Regex IdentityError();

    [GeneratedRegex(@"Description\s*=\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Description();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
