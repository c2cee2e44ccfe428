using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Procurement.Data.TypeHandlers;

/// <summary>SQLite: TEXT in the "D" format, lower case. SQL Server: UNIQUEIDENTIFIER.</summary>
public sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
{
    public override void SetValue(IDbDataParameter parameter, Guid value)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString("D");
        }
        else
        {
            parameter.DbType = DbType.Guid;
            parameter.Value = value;
        }
    }

    public override Guid Parse(object value) => value switch
    {
        Guid guid => guid,
        string text => Guid.Parse(text),
        byte[] bytes => new Guid(bytes),
        _ => throw new DataException($"Kan inte läsa {value.GetType().Name} som Guid."),
    };
}
