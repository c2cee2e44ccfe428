using System.Text;

namespace Procurement.Documents.Submissions;

/// <summary>
/// Reads a submitted spreadsheet (the .xlsx template or a UTF-8 CSV file) into unvalidated rows. Never throws for
/// what is in the file: anything wrong with it comes back as a <see cref="SheetProblem"/>. The rows are checked
/// afterwards with <see cref="Domain.Submissions.SubmissionRowRules"/>.
/// </summary>
public static class SubmissionSheetReader
{
    public const int MaxRows = 50_000;

    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly byte[] PdfSignature = "%PDF"u8.ToArray();
    private static readonly byte[] CompoundFileSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>
    /// Reads <paramref name="content"/> from its current position to the end; does not dispose it. The format
    /// is taken from the content (an .xlsx is a ZIP file); <paramref name="fileName"/> only decides whether
    /// other content may be read as CSV (.csv and .txt).
    /// </summary>
    public static SubmissionSheet Read(Stream content, string fileName)
    {
        var bytes = ReadAll(content);
        var collector = new SheetRowCollector();

        if (bytes.Length == 0)
        {
            return collector.Finish();
        }

        if (bytes.AsSpan().StartsWith(ZipSignature))
        {
            XlsxSheetParser.Parse(bytes, collector);
            return collector.Finish();
        }

        var extension = Path.GetExtension(fileName);
        var isText = extension.Equals(".csv", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".txt", StringComparison.OrdinalIgnoreCase);
        if (!isText)
        {
            collector.Fail(SheetMessages.UnsupportedType);
            return collector.Finish();
        }

        // UTF-16 ("Unicode text" in Excel) is text, just not the text we read; anything binary is not text at all.
        if (bytes.AsSpan().StartsWith((byte[])[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((byte[])[0xFE, 0xFF]))
        {
            collector.Fail(SheetMessages.NotUtf8);
            return collector.Finish();
        }

        if (LooksBinary(bytes))
        {
            collector.Fail(SheetMessages.UnsupportedType);
            return collector.Finish();
        }

        if (!TryDecodeUtf8(bytes, out var text))
        {
            collector.Fail(SheetMessages.NotUtf8);
            return collector.Finish();
        }

        CsvSheetParser.Parse(text, collector);
        return collector.Finish();
    }

    private static byte[] ReadAll(Stream content)
    {
        using var memory = new MemoryStream();
        content.CopyTo(memory);
        return memory.ToArray();
    }

    private static bool LooksBinary(byte[] bytes) =>
        bytes.AsSpan().StartsWith(PdfSignature)
        || bytes.AsSpan().StartsWith(CompoundFileSignature)
        || bytes.AsSpan(0, Math.Min(bytes.Length, 8192)).Contains((byte)0);

    private static bool TryDecodeUtf8(byte[] bytes, out string text)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith(Utf8Bom))
        {
            span = span[Utf8Bom.Length..];
        }

        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(span);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }
}
