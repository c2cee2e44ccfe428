namespace Procurement.Documents.Csv;

/// <summary>
/// One record of a CSV text. <see cref="Number"/> counts records from 1 (Excel's row number, a "sep=" line not
/// counted); <see cref="Line"/> is the physical line it starts on, which differs once quoted fields hold line
/// breaks. <see cref="UnterminatedQuote"/> marks a quoted field that ran to the end of the text.
/// </summary>
public sealed record CsvRecord(int Number, int Line, IReadOnlyList<string> Fields, bool UnterminatedQuote)
{
    /// <summary>A blank line reads as one empty field; so does a row of empty fields.</summary>
    public bool IsBlank => Fields.All(f => f.Length == 0);
}
