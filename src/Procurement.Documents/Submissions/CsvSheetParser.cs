using Procurement.Documents.Csv;

namespace Procurement.Documents.Submissions;

/// <summary>
/// A submitted CSV file fed to the row collector through the shared <see cref="CsvReader"/>. Record numbers are
/// Excel's row numbers. Lenient like Excel: a quote left open simply runs to the end of the file.
/// </summary>
internal static class CsvSheetParser
{
    public static void Parse(string text, SheetRowCollector collector)
    {
        foreach (var record in CsvReader.Read(text))
        {
            if (collector.Done)
            {
                break;
            }

            collector.Add(record.Number, record.Fields.Select((value, column) => new SheetCell(column, value, IsFormula: false)).ToList());
        }
    }
}
