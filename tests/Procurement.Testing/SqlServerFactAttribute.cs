namespace Procurement.Testing;

/// <summary>
/// A fact that needs a SQL Server: it runs when PROCUREMENT_TEST_SQLSERVER holds a connection string and is
/// skipped otherwise (the one skip the project allows), like Dapper's own provider tests.
/// </summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string Variable = "PROCUREMENT_TEST_SQLSERVER";

    public SqlServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"Ingen SQL Server: sätt {Variable} för att köra testet.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
