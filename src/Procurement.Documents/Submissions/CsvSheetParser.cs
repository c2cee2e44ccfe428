using System.Text;

namespace Procurement.Documents.Submissions;

/// <summary>
/// RFC 4180 as Excel writes and reads it: fields separated by ';' (Swedish Excel), ',' or tab, detected from the
/// header line; quoted fields with doubled quotes and line breaks; CRLF, LF or CR between records. A first line
/// "sep=;" (which Excel understands and hides) sets the separator. Record numbers are Excel's row numbers.
/// </summary>
internal static class CsvSheetParser
{
    private const int NoSeparator = -1;

    public static void Parse(string text, SheetRowCollector collector)
    {
        var position = 0;
        var separator = ReadSepLine(text, ref position) ?? DetectSeparator(text, position);
        var cells = new List<SheetCell>();
        var field = new StringBuilder();
        var recordNumber = 0;

        while (position < text.Length && !collector.Done)
        {
            recordNumber++;
            cells.Clear();
            while (true)
            {
                cells.Add(new SheetCell(cells.Count, ReadField(text, ref position, separator, field), IsFormula: false));
                if (position < text.Length && text[position] == separator)
                {
                    position++;
                    continue;
                }

                SkipLineBreak(text, ref position);
                break;
            }

            collector.Add(recordNumber, cells);
        }
    }

    private static string ReadField(string text, ref int position, int separator, StringBuilder field)
    {
        if (position >= text.Length || text[position] != '"')
        {
            var start = position;
            while (position < text.Length && !IsFieldEnd(text[position], separator))
            {
                position++;
            }

            return text[start..position];
        }

        field.Clear();
        position++;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '"')
            {
                if (position + 1 < text.Length && text[position + 1] == '"')
                {
                    field.Append('"');
                    position += 2;
                    continue;
                }

                position++;
                break;
            }

            field.Append(c);
            position++;
        }

        // Like Excel, keep what follows a closing quote up to the separator ("a"b;) rather than refuse the file.
        while (position < text.Length && !IsFieldEnd(text[position], separator))
        {
            field.Append(text[position]);
            position++;
        }

        return field.ToString();
    }

    private static bool IsFieldEnd(char c, int separator) => c == separator || c == '\n' || c == '\r';

    private static void SkipLineBreak(string text, ref int position)
    {
        if (position < text.Length && text[position] == '\r')
        {
            position++;
        }

        if (position < text.Length && text[position] == '\n')
        {
            position++;
        }
    }

    /// <summary>Excel's "sep=;" first line; consumed when present.</summary>
    private static int? ReadSepLine(string text, ref int position)
    {
        if (text.Length >= 5 && text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase)
            && (text.Length == 5 || text[5] is '\r' or '\n'))
        {
            int separator = text[4];
            position = 5;
            SkipLineBreak(text, ref position);
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
}
