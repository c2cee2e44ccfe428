using System.Text;

namespace Procurement.Documents.Csv;

/// <summary>
/// The one CSV reader: RFC 4180 as Excel writes and reads it. Fields separated by ';' (Swedish Excel), ',' or tab,
/// detected from the header line; quoted fields with doubled quotes and line breaks; CRLF, LF or CR between
/// records; a leading BOM is ignored. A first line "sep=;" (which Excel understands and hides) sets the separator.
/// Lenient like Excel: what follows a closing quote is kept, and a quote left open runs to the end of the text
/// (reported on the record, so strict callers can refuse the file).
/// </summary>
public static class CsvReader
{
    private const int NoSeparator = -1;

    /// <summary>Reads records lazily, so a caller that has seen enough can stop.</summary>
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var cursor = new Cursor(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            cursor.Position = 1;
        }

        var separator = ReadSepLine(cursor) ?? DetectSeparator(text, cursor.Position);
        var number = 0;
        while (cursor.Position < text.Length)
        {
            number++;
            var line = cursor.Line;
            var fields = new List<string>();
            var unterminated = false;
            while (true)
            {
                fields.Add(ReadField(cursor, separator, ref unterminated));
                if (cursor.Position < text.Length && text[cursor.Position] == separator)
                {
                    cursor.Position++;
                    continue;
                }

                SkipLineBreak(cursor);
                break;
            }

            yield return new CsvRecord(number, line, fields, unterminated);
        }
    }

    private static string ReadField(Cursor cursor, int separator, ref bool unterminated)
    {
        var text = cursor.Text;
        if (cursor.Position >= text.Length || text[cursor.Position] != '"')
        {
            var start = cursor.Position;
            while (cursor.Position < text.Length && !IsFieldEnd(text[cursor.Position], separator))
            {
                cursor.Position++;
            }

            return text[start..cursor.Position];
        }

        var field = cursor.Field.Clear();
        cursor.Position++;
        var closed = false;
        while (cursor.Position < text.Length)
        {
            var c = text[cursor.Position];
            if (c == '"')
            {
                if (cursor.Position + 1 < text.Length && text[cursor.Position + 1] == '"')
                {
                    field.Append('"');
                    cursor.Position += 2;
                    continue;
                }

                cursor.Position++;
                closed = true;
                break;
            }

            // A line break inside quotes is data, but it still starts a new physical line.
            if (c == '\n' || (c == '\r' && (cursor.Position + 1 >= text.Length || text[cursor.Position + 1] != '\n')))
            {
                cursor.Line++;
            }

            field.Append(c);
            cursor.Position++;
        }

        unterminated |= !closed;

        // Like Excel, keep what follows a closing quote up to the separator ("a"b;) rather than refuse the file.
        while (cursor.Position < text.Length && !IsFieldEnd(text[cursor.Position], separator))
        {
            field.Append(text[cursor.Position]);
            cursor.Position++;
        }

        return field.ToString();
    }

    private static bool IsFieldEnd(char c, int separator) => c == separator || c == '\n' || c == '\r';

    private static void SkipLineBreak(Cursor cursor)
    {
        var text = cursor.Text;
        var broke = false;
        if (cursor.Position < text.Length && text[cursor.Position] == '\r')
        {
            cursor.Position++;
            broke = true;
        }

        if (cursor.Position < text.Length && text[cursor.Position] == '\n')
        {
            cursor.Position++;
            broke = true;
        }

        if (broke)
        {
            cursor.Line++;
        }
    }

    /// <summary>Excel's "sep=;" first line; consumed when present.</summary>
    private static int? ReadSepLine(Cursor cursor)
    {
        var rest = cursor.Text.AsSpan(cursor.Position);
        if (rest.Length >= 5 && rest.StartsWith("sep=", StringComparison.OrdinalIgnoreCase)
            && (rest.Length == 5 || rest[5] is '\r' or '\n'))
        {
            int separator = rest[4];
            cursor.Position += 5;
            SkipLineBreak(cursor);
            return separator;
        }

        return null;
    }

    /// <summary>The separator that occurs most often, outside quotes, on the first non-blank line.</summary>
    private static int DetectSeparator(string text, int position)
    {
        // Skip blank lines: the header is the first non-empty row.
        while (true)
        {
            var lineEnd = text.IndexOfAny(['\r', '\n'], position);
            var line = lineEnd < 0 ? text.AsSpan(position) : text.AsSpan(position, lineEnd - position);
            if (!line.IsWhiteSpace() || lineEnd < 0)
            {
                break;
            }

            position = lineEnd + 1;
        }

        int semicolons = 0, commas = 0, tabs = 0;
        var quoted = false;
        for (var i = position; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                if (c is '\r' or '\n')
                {
                    break;
                }

                switch (c)
                {
                    case ';': semicolons++; break;
                    case ',': commas++; break;
                    case '\t': tabs++; break;
                }
            }
        }

        if (semicolons == 0 && commas == 0 && tabs == 0)
        {
            return NoSeparator;
        }

        // Ties go to the Swedish Excel separator, then tab, then comma.
        if (semicolons >= tabs && semicolons >= commas)
        {
            return ';';
        }

        return tabs >= commas ? '\t' : ',';
    }

    /// <summary>Where the reader is; a class because iterators cannot pass locals by reference.</summary>
    private sealed class Cursor(string text)
    {
        public string Text { get; } = text;

        public int Position { get; set; }

        public int Line { get; set; } = 1;

        public StringBuilder Field { get; } = new();
    }
}
