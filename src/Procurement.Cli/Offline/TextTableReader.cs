using System.Text;
using Procurement.Documents.Csv;

namespace Procurement.Cli.Offline;

/// <summary>
/// Reads the offline verbs' input: a UTF-8 CSV file whose header has at least the columns id and text (any order,
/// any case, other columns ignored). Everything wrong with the file is a <see cref="CommandException"/> that names
/// the line, so an operator can fix the file and run again.
/// </summary>
public static class TextTableReader
{
    private const string IdColumn = "id";
    private const string TextColumn = "text";

    public static IReadOnlyList<TextRow> Read(string path)
    {
        var text = Decode(path, ReadBytes(path));
                int idColumn = -1, textColumn = -1;
        var headerSeen = false;
        var rows = new List<TextRow>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in CsvReader.Read(text))
        {
            if (record.UnterminatedQuote)
            {
                throw new CommandException($"{path}: raden {record.Line} har ett citattecken som aldrig avslutas.");
            }

            if (record.IsBlank)
            {
                continue;
            }

            if (!headerSeen)
            {
                (idColumn, textColumn) = Columns(path, record);
                headerSeen = true;
                continue;
            }

            var id = Field(record, idColumn).Trim();
            if (id.Length == 0)
            {
                throw new CommandException($"{path}: raden {record.Line} saknar id.");
            }

            if (!firstLine.TryAdd(id, record.Line))
            {
                throw new CommandException($"{path}: id \"{id}\" finns två gånger, på rad {firstLine[id]} och rad {record.Line}.");
            }

            var value = Field(record, textColumn);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new CommandException($"{path}: texten på rad {record.Line} (id \"{id}\") är tom.");
            }

            rows.Add(new TextRow(id, value, record.Line));
        }

        if (!headerSeen)
        {
            throw new CommandException($"{path} är tom. Filen ska ha en rubrikrad med kolumnerna id och text.");
        }

        return rows.Count > 0 ? rows : throw new CommandException($"{path} har bara en rubrikrad och inga rader att läsa.");
    }

    private static byte[] ReadBytes(string path)
    {
        if (!File.Exists(path))
        {
            throw new CommandException($"Filen {path} finns inte.");
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CommandException($"Filen {path} går inte att läsa (behörighet saknas).");
        }
    }

    private static string Decode(string path, byte[] bytes)
    {
        try
        {
            // Throwing decoder: a file saved as Windows-1252 must be refused, not read as replacement characters.
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var line = ex.Index >= 0 ? bytes.AsSpan(0, Math.Min(ex.Index, bytes.Length)).Count((byte)'\n') + 1 : 1;
            throw new CommandException($"{path} är inte sparad som UTF-8 (första felaktiga tecknet på rad {line}). Spara den som UTF-8 och försök igen.");
        }
    }

    private static (int Id, int Text) Columns(string path, CsvRecord header)
    {
        var names = header.Fields.Select(f => f.Trim()).ToList();
        var id = names.FindIndex(n => n.Equals(IdColumn, StringComparison.OrdinalIgnoreCase));
        var text = names.FindIndex(n => n.Equals(TextColumn, StringComparison.OrdinalIgnoreCase));
        var missing = new[] { (id, IdColumn), (text, TextColumn) }.Where(c => c.Item1 < 0).Select(c => c.Item2).ToList();
        if (missing.Count > 0)
        {
            var what = missing.Count == 1 ? $"Kolumnen {missing[0]} saknas" : "Kolumnerna id och text saknas";
            throw new CommandException($"{path}: {what} i rubrikraden (rad {header.Line}, hittade: {string.Join(", ", names)}).");
        }

        return (id, text);
    }

    private static string Field(CsvRecord record, int column) => column < record.Fields.Count ? record.Fields[column] : "";
}
