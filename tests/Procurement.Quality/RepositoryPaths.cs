namespace Procurement.Quality;

/// <summary>Finds files of the repository from wherever the harness or a test runs (bin folders included).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string DataDirectory => Path.Combine(Root, "tests", "Procurement.Quality", "data");

    public static string DemoNeeds => Path.Combine(Root, "db", "seed", "demo", "needs.json");

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Procurement.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Hittar inte arkivets rot (Procurement.sln) ovanför " + AppContext.BaseDirectory);
    }
}
