using Dapper;

namespace Procurement.Data.TypeHandlers;

/// <summary>
/// Dapper's type map is global, so it is configured once per process. SQLite has no Guid, DateTimeOffset
/// decimal or date type (Dapper issue 718): they are stored as TEXT and converted by these handlers, which
/// pass native values straight through on SQL Server.
/// </summary>
public static class DapperConfiguration
{
    private static int configured;

    public static void EnsureConfigured()
    {
        if (Interlocked.Exchange(ref configured, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;

        // Dapper maps these types to a DbType before it looks for a handler; remove the built-in mapping
        // so the handlers also format parameters, not only parse results.
        foreach (var type in new[] { typeof(Guid), typeof(DateTimeOffset), typeof(decimal), typeof(DateOnly) })
        {
            SqlMapper.RemoveTypeMap(type);
            SqlMapper.RemoveTypeMap(typeof(Nullable<>).MakeGenericType(type));
        }

        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DecimalHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }
}
