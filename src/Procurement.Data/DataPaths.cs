namespace Procurement.Data;

/// <summary>
/// Where relative paths (the default SQLite file, the mail pickup folder) point. `dotnet run` starts the
/// web app in its project folder but the CLI in the caller's folder; resolving against the repository
/// root, when the process runs inside a checkout, lets both find the same <c>data/procurement.db</c>.
/// Outside a checkout (a published app) relative paths resolve against the working directory.
/// </summary>
public static class DataPaths
{
    public const string RepositoryMarker = "Procurement.sln";

    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        return Path.GetFullPath(Path.Combine(BaseDirectory(), path));
    }

    public static string BaseDirectory()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, RepositoryMarker)))
            {
                return directory.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
