using System.Text;

namespace Procurement.Cli.Offline;

/// <summary>
/// Writes the offline verbs' output: UTF-8 without BOM, comma-separated, LF, quoted only where needed. Written to a
/// temporary file next to the target and moved into place, so a reader never sees half a file.
/// </summary>
public static class CsvTableWriter
{
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            throw new CommandException($"Mappen {directory} finns inte.");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.NewLine = "\n";
                WriteRow(writer, header);
                foreach (var row in rows)
                {
                    WriteRow(writer, row);
                }
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CommandException($"{full} går inte att skriva (behörighet saknas).");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteRow(StreamWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Quote(fields[i]));
        }

        writer.WriteLine();
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
