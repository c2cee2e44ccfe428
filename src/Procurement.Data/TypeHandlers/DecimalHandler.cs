using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Procurement.Data.TypeHandlers;

/// <summary>
/// Money stays decimal. SQLite would turn it into a binary double, so it is stored as TEXT in invariant
/// culture, scale included (12.50 stays 12.50). SQL Server: DECIMAL.
/// </summary>
public sealed class DecimalHandler : SqlMapper.TypeHandler<decimal>
{
    public override void SetValue(IDbDataParameter parameter, decimal value)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            parameter.DbType = DbType.Decimal;
            parameter.Value = value;
        }
    }

    public override decimal Parse(object value) => value switch
    {
        decimal d => d,
        string text => decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture),
        long l => l,
        int i => i,
        double dbl => (decimal)dbl,
        _ => throw new DataException($"Kan inte läsa {value.GetType().Name} som decimal."),
    };
}
