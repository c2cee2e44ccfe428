using System.Text;
using static Procurement.Documents.Tests.Submissions.TestFiles;

namespace Procurement.Documents.Tests.Submissions;

public sealed class FileTypeTests
{
    private const string Unsupported = "Filtypen stöds inte. Använd mallen (.xlsx) eller en CSV-fil sparad som UTF-8.";
    private const string Unreadable = "Filen kunde inte läsas som en Excel-fil (.xlsx).";

    private static byte[] Workbook()
    {
        var builder = new XlsxBuilder();
        return builder.TextRow(1, "Kravtext").TextRow(2, "Krav").Build();
    }

    [Theory]
    [InlineData("behov.xlsx")]
    [InlineData("behov.csv")]
    [InlineData("behov")]
    [InlineData("BEHOV.XLSX")]
    public void An_xlsx_file_is_recognised_by_its_content_whatever_its_name(string fileName) =>
        Assert.Equal("Krav", Assert.Single(Rows(Read(Workbook(), fileName))).Text);

    [Theory]
    [InlineData("behov.csv")]
    [InlineData("behov.CSV")]
    [InlineData("behov.txt")]
    public void Text_is_read_as_CSV_from_csv_and_txt_files(string fileName) =>
        Assert.Single(Rows(Read(Encoding.UTF8.GetBytes("Kravtext\nKrav\n"), fileName)));

    [Theory]
    [InlineData("behov.pdf")]
    [InlineData("behov.xlsx")]
    [InlineData("behov")]
    public void Text_in_a_file_that_is_not_csv_or_txt_is_refused(string fileName) =>
        Assert.Equal(Unsupported, Problem(Read(Encoding.UTF8.GetBytes("Kravtext\nKrav\n"), fileName)));

    [Theory]
    [InlineData("behov.pdf")]
    [InlineData("behov.csv")]
    public void A_PDF_is_refused_as_an_unsupported_file_type(string fileName)
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");

        Assert.Equal(Unsupported, Problem(Read(pdf, fileName)));
    }

    [Fact]
    public void An_old_xls_file_is_refused_as_an_unsupported_file_type()
    {
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        Assert.Equal(Unsupported, Problem(Read(xls, "behov.csv")));
        Assert.Equal(Unsupported, Problem(Read(xls, "behov.xls")));
    }

    [Fact]
    public void Binary_content_with_a_csv_name_is_refused_as_an_unsupported_file_type() =>
        Assert.Equal(Unsupported, Problem(Read([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "behov.csv")));

    [Fact]
    public void A_truncated_xlsx_file_is_reported_as_unreadable_not_thrown()
    {
        var workbook = Workbook();

        Assert.Equal(Unreadable, Problem(Read(workbook[..(workbook.Length / 2)], "behov.xlsx")));
    }

    [Fact]
    public void A_zip_header_followed_by_garbage_is_reported_as_unreadable()
    {
        byte[] garbage = [0x50, 0x4B, 0x03, 0x04, .. Enumerable.Range(0, 200).Select(i => (byte)(i * 7))];

        Assert.Equal(Unreadable, Problem(Read(garbage, "behov.xlsx")));
    }

    [Fact]
    public void A_zip_file_that_is_not_a_workbook_is_reported_as_unreadable()
    {
        using var memory = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("Inte en arbetsbok.");
        }

        Assert.Equal(Unreadable, Problem(Read(memory.ToArray(), "behov.xlsx")));
    }

    [Fact]
    public void The_stream_is_read_from_its_position_and_left_open()
    {
        using var stream = new MemoryStream([.. "skräp"u8, .. "Kravtext\nKrav\n"u8]);
        stream.Position = "skräp"u8.Length;

        var sheet = Procurement.Documents.Submissions.SubmissionSheetReader.Read(stream, "behov.csv");

        Assert.Single(Rows(sheet));
        Assert.True(stream.CanRead);
    }
}
