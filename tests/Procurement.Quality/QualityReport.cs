using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Procurement.Quality;

/// <summary>Runs every available set and writes docs/merge-quality.md (English, like the other docs).</summary>
public static class QualityReport
{
    public const string Command = "dotnet run -c Release --project tests/Procurement.Quality -- --write docs/merge-quality.md";

    // Development sets first (see LabelledSets.Development), then the unseen test sets.
    private static readonly string[] ClusterSets = ["clusters-dev", "clusters-dev2", "clusters-dev3", LabelledSets.Demo, "clusters-test", "clusters-test2"];
    private static readonly string[] StandardsSets = ["standards-dev", "standards-dev2", "standards-test"];

    public static string Build(DateTimeOffset now)
    {
        var clusterSets = ClusterSets.Select(n => (Name: n, Set: LabelledSets.Clusters(n))).ToList();
        var standardsSets = StandardsSets.Select(n => (Name: n, Set: LabelledSets.Standards(n))).ToList();
        // The baseline's threshold is chosen on the first available development set (clusters-dev, else clusters-dev2,
        // else the demo set, which always exists) and then applied unchanged to the others.
        var dev = clusterSets.Where(s => LabelledSets.IsDevelopment(s.Name)).Select(s => s.Set).First(s => s is not null)!;
        var threshold = Evaluation.BestThreshold(dev);
        var clusters = clusterSets.Where(s => s.Set is not null).Select(s => Evaluation.Evaluate(s.Set!, threshold)).ToList();
        var standards = standardsSets.Where(s => s.Set is not null).Select(s => Evaluation.Evaluate(s.Set!)).ToList();
        var missing = clusterSets.Where(s => s.Set is null).Select(s => s.Name)
            .Concat(standardsSets.Where(s => s.Set is null).Select(s => s.Name)).ToList();

        var md = new StringBuilder();
        md.AppendLine("# Merge and standards quality").AppendLine()
          .AppendLine(Inv($"Produced by `{Command}` on {now:yyyy-MM-dd HH:mm} UTC, with the engine of commit {GitCommit()}."))
          .AppendLine("Re-run it whenever the text engine (`Procurement.Domain.TextAnalysis`, `Merging`, `Standards`) or the sets change.").AppendLine();
        ReportWriter.Definitions(md);
        ReportWriter.Sets(md, clusters, standards, missing, dev.Name, threshold);
        ReportWriter.Clustering(md, clusters);
        ReportWriter.Standards(md, standards);
        ReportWriter.TargetTable(md, clusters, standards);
        return md.ToString();
    }

    /// <summary>The commit the report was made from, so its figures can be traced to an engine; "unknown" without git.</summary>
    private static string GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                WorkingDirectory = RepositoryPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            var commit = git?.StandardOutput.ReadToEnd().Trim();
            git?.WaitForExit();
            var dirty = git?.ExitCode == 0 && IsDirty() ? " plus uncommitted changes" : "";
            return string.IsNullOrEmpty(commit) || git?.ExitCode != 0 ? "unknown" : $"`{commit}`{dirty}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static bool IsDirty()
    {
        using var git = Process.Start(new ProcessStartInfo("git", "status --porcelain --untracked-files=no -- src")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
        });
        var output = git?.StandardOutput.ReadToEnd() ?? "";
        git?.WaitForExit();
        return output.Trim().Length > 0;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
