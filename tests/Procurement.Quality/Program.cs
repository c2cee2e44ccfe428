using System.Text;
using Procurement.Quality;

// Prints the quality report; "--write FILE" also saves it (relative paths from the current directory).
// "--dev-only" evaluates only the development sets (clusters-dev, clusters-dev2, clusters-dev3, clusters-demo, standards-dev,
// standards-dev2) — the only view to iterate against; "--errors" (with --dev-only) adds the worst false merges and
// missed pairs.
if (args.Contains("--sweep"))
{
    Console.Out.Write(DevSweep.Run(SweepGrid.Candidates()));
    return 0;
}

if (args.Contains("--dev-only"))
{
    var errors = args.Contains("--errors");
    Console.Out.Write(DevReport.Build(errors));
    return 0;
}

var write = args.Length == 2 && args[0] == "--write" ? args[1] : null;
if (args.Length > 0 && write is null)
{
    await Console.Error.WriteLineAsync("Användning: dotnet run -c Release --project tests/Procurement.Quality [-- --write docs/merge-quality.md | --dev-only [--errors]]");
    return 2;
}

var report = QualityReport.Build(DateTimeOffset.UtcNow);
Console.Out.Write(report);
if (write is not null)
{
    await File.WriteAllTextAsync(write, report, new UTF8Encoding(false));
    await Console.Error.WriteLineAsync($"Rapporten är sparad i {Path.GetFullPath(write)}.");
}

return 0;
