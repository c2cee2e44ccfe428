using System.Text;
using Procurement.Cli;
using Procurement.Data.Seeding;
using Procurement.Documents.Csv;
using Procurement.Web.Infrastructure.Demo;

namespace Procurement.IntegrationTests.Cli;

/// <summary>
/// The file verbs cluster and suggest-standards: run in-process with no database configured at all, on a file of
/// several thousand needs made from the demo themes' phrasings, each written in several ways that mean the same.
/// </summary>
public sealed class OfflineCliTests : IDisposable
{
    // Ways of writing one phrasing that any analysis must treat as the same text (case, punctuation, a line break
    // inside the quoted field, quotes around it).
    private static readonly Func<string, string>[] Variations =
    [
        t => t,
        t => t.ToUpperInvariant(),
        t => t.ToLowerInvariant() + "!!",
        t => ReplaceFirst(t, " ", "\n"),
        t => $"\"{t}\"",
        t => "  " + t + "  ",
    ];

    private readonly string directory = Path.Combine(Path.GetTempPath(), "procurement-offline-cli-tests", Guid.NewGuid().ToString("N"));

    public OfflineCliTests() => Directory.CreateDirectory(directory);

    [Fact]
    public async Task Cluster_labels_every_row_in_input_order_and_gives_the_same_phrasing_the_same_label()
    {
        var (input, rows) = WriteDemoNeeds();
        var output = Path.Combine(directory, "kluster.csv");

        var result = await RunAsync("cluster", "--input", input, "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var lines = File.ReadAllText(output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,cluster", lines[0]);
        var labels = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(rows.Select(r => r.Id), labels.Select(l => l[0]));
        Assert.All(labels, l => Assert.True(int.TryParse(l[1], out _), l[1]));
        var labelOf = labels.ToDictionary(l => l[0], l => l[1]);
        foreach (var phrasing in rows.GroupBy(r => r.Phrasing))
        {
            Assert.Single(phrasing.Select(r => labelOf[r.Id]).Distinct());
        }

        // Labels are numbered in order of first appearance.
        var firsts = labels.Select(l => int.Parse(l[1], System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        Assert.Equal(Enumerable.Range(1, firsts.Count), firsts);
        Assert.Matches(@"^\d{1,3}( \d{3})* rader, [\d ]+ förslag på dubbletter i [\d ]+ grupp(er)? → ", result.Output);
        Assert.StartsWith($"{rows.Count / 1000} {rows.Count % 1000:000} rader", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Fact]
    public async Task Suggest_standards_writes_up_to_three_ranked_catalogue_standards_per_id()
    {
        var requirements = DemoContent.Load().Requirements;
        var rows = Enumerable.Range(0, 20).SelectMany(round => requirements.Select((r, i) => ($"k-{round:00}-{i:000}", Variations[round % Variations.Length](r.Text)))).ToList();
        var input = WriteCsv("krav.csv", "ID,Rubrik,Text", rows.Select(r => new[] { r.Item1, "rubrik", r.Item2 }));
        var output = Path.Combine(directory, "standarder.csv");

        var result = await RunAsync("suggest-standards", "--input", input, "--output", output);

        Assert.Equal(0, result.ExitCode);
        var records = CsvReader.Read(File.ReadAllText(output)).ToList();
        Assert.Equal(["id", "standard_id", "rank", "confident"], records[0].Fields);
        var catalogue = StandardsSeed.Entries().Select(s => s.Id).ToHashSet();
        var inputIds = rows.Select(r => r.Item1).ToHashSet();
        var byId = records.Skip(1).GroupBy(r => r.Fields[0]).ToList();
        Assert.NotEmpty(byId);
        foreach (var suggestions in byId)
        {
            Assert.Contains(suggestions.Key, inputIds);
            Assert.InRange(suggestions.Count(), 1, 3);
            Assert.Equal(Enumerable.Range(1, suggestions.Count()).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), suggestions.Select(s => s.Fields[2]));
            Assert.All(suggestions, s => Assert.Contains(s.Fields[1], catalogue));
            Assert.All(suggestions, s => Assert.Contains(s.Fields[3], new[] { "0", "1" }));
            Assert.Equal(suggestions.Count(), suggestions.Select(s => s.Fields[1]).Distinct().Count());
        }

        Assert.StartsWith("3 000 rader, ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Semicolons_a_BOM_any_header_case_and_extra_columns_are_accepted()
    {
        var input = Path.Combine(directory, "excel.csv");
        File.WriteAllText(input, "\uFEFFKommun;TEXT;Id\r\nUppsala;\"Bokning; med semikolon\";x1\r\n\r\nLund;Bokning med semikolon;x2\r\n", new UTF8Encoding(false));
        var output = Path.Combine(directory, "ut.csv");

        var result = await RunAsync("cluster", "--input", input, "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("id,cluster\nx1,1\nx2,1\n", File.ReadAllText(output));
        Assert.Contains("2 rader, 2 förslag på dubbletter i 1 grupp → ", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("suggest-standards")]
    public async Task Bad_files_are_refused_with_a_message_that_names_the_problem_and_exit_code_1(string verb)
    {
        var cases = new (byte[] Content, string Message)[]
        {
            (Utf8("id,namn\n1,a\n"), "Kolumnen text saknas i rubrikraden (rad 1, hittade: id, namn)"),
            (Utf8("nr,beskrivning\n1,a\n"), "Kolumnerna id och text saknas i rubrikraden"),
            (Utf8(""), "är tom"),
            (Utf8("\uFEFF\r\n\r\n"), "är tom"),
            (Utf8("id,text\n"), "har bara en rubrikrad"),
            (Utf8("id,text\n1,Ett krav\n2,Ett annat\n1,Igen\n"), "id \"1\" finns två gånger, på rad 2 och rad 4"),
            (Utf8("id,text\n1,Ett krav\n2,\"två\nrader\"\n2,Igen\n"), "på rad 3 och rad 5"),
            (Utf8("id,text\n1,Ett krav\n2,  \n"), "texten på rad 3 (id \"2\") är tom"),
            (Utf8("id,text\n1,Ett krav\n,Utan id\n"), "raden 3 saknar id"),
            (Utf8("id,text\n1,Ett krav\n2,\"öppen\n3,mer\n"), "raden 3 har ett citattecken som aldrig avslutas"),
            ([.. Utf8("id,text\n1,ok\n2,"), 0xE5, 0x72, (byte)'\n'], "är inte sparad som UTF-8 (första felaktiga tecknet på rad 3)"),
        };

        foreach (var (content, message) in cases)
        {
            var input = Path.Combine(directory, $"{Guid.NewGuid():N}.csv");
            File.WriteAllBytes(input, content);
            var output = Path.Combine(directory, "ut.csv");

            var result = await RunAsync(verb, "--input", input, "--output", output);

            Assert.True(1 == result.ExitCode, $"{message}: {result.Error}");
            Assert.Contains(message, result.Error, StringComparison.Ordinal);
            Assert.StartsWith("Fel: ", result.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(output), message);
        }
    }

    [Fact]
    public async Task A_missing_input_file_or_output_folder_is_exit_code_1()
    {
        var missing = await RunAsync("cluster", "--input", Path.Combine(directory, "finns-inte.csv"), "--output", Path.Combine(directory, "ut.csv"));
        var input = WriteCsv("ok.csv", "id,text", [["1", "Ett krav"]]);
        var noFolder = await RunAsync("suggest-standards", "--input", input, "--output", Path.Combine(directory, "saknas", "ut.csv"));

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("finns-inte.csv finns inte", missing.Error, StringComparison.Ordinal);
        Assert.Equal(1, noFolder.ExitCode);
        Assert.Contains("saknas finns inte", noFolder.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "cluster", "--output", "ut.csv" }, "--input saknas.")]
    [InlineData(new[] { "cluster", "--input", "in.csv" }, "--output saknas.")]
    [InlineData(new[] { "suggest-standards", "--input", "in.csv" }, "--output saknas.")]
    [InlineData(new[] { "suggest-standards", "--input", "--output", "ut.csv" }, "--input saknar värde.")]
    [InlineData(new[] { "cluster", "--input", "in.csv", "--output", "ut.csv", "--max", "3" }, "Okänt alternativ för cluster: --max")]
    public async Task Wrong_command_lines_get_the_usage_and_exit_code_2(string[] args, string message)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains("cluster --input FIL --output UT", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
    }

    private static string Quote(string field) => $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Every phrasing of every demo theme in every variation: several thousand rows, shuffled with a fixed seed.</summary>
    private (string Path, List<(string Id, string Phrasing)> Rows) WriteDemoNeeds()
    {
        var phrasings = DemoContent.Load().Needs.SelectMany(t => t.Phrasings).ToList();
        var rows = phrasings.SelectMany(p => Variations.Select(v => (Text: v(p), Phrasing: p))).ToArray();
        new Random(7).Shuffle(rows);
        var numbered = rows.Select((r, i) => (Id: $"behov-{i + 1:00000}", r.Text, r.Phrasing)).ToList();
        Assert.InRange(numbered.Count, 3000, 10_000);
        var path = WriteCsv("behov.csv", "kommun,id,text", numbered.Select(r => new[] { "Uppsala, kommun", r.Id, r.Text }));
        return (path, numbered.Select(r => (r.Id, r.Phrasing)).ToList());
    }

    private string WriteCsv(string name, string header, IEnumerable<string[]> rows)
    {
        var path = Path.Combine(directory, name);
        var text = new StringBuilder(header).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return path;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
