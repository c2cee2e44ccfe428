namespace Procurement.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// Bound from <c>Database:Provider</c> and <c>ConnectionStrings:Procurement</c> (environment:
/// <c>Database__Provider</c>, <c>ConnectionStrings__Procurement</c>).
/// </summary>
public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "Procurement";

    /// <summary>
    /// With no settings the web app and the CLI, both started from the repository root, share this file.
    /// Relative paths resolve as <see cref="DataPaths"/> describes.
    /// </summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/procurement.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string? ConnectionString { get; set; }

    public string EffectiveConnectionString =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : Provider == DatabaseProvider.Sqlite ? DefaultSqliteConnectionString
        : throw new InvalidOperationException(
            "Database:Provider är SqlServer men ConnectionStrings:Procurement saknas.");
}
