namespace Procurement.Domain.Tests;

/// <summary>Finds files of the repository (seed data) from the test's output folder.</summary>
internal static class RepoFiles
{
    public static string Path(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Procurement.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Repository root (Procurement.sln) not found.");
        return System.IO.Path.Combine(dir.FullName, relative);
    }
}
