using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Procurement.Documents.Submissions;
using Procurement.Domain.Submissions;
using static Procurement.Documents.Tests.Submissions.TestFiles;

namespace Procurement.Documents.Tests.Submissions;

public sealed class TemplateTests
{
    private static readonly ImportCategory[] Categories = [new(1, "Möbler"), new(2, "Belysning, el"), new(3, "Textil")];

    private static SpreadsheetDocument Open(byte[] xlsx) => SpreadsheetDocument.Open(new MemoryStream(xlsx), isEditable: false);

    private static WorksheetPart Part(SpreadsheetDocument document, string name)
    {
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
    }

    private static List<string> Texts(SpreadsheetDocument document, WorksheetPart part)
    {
        var shared = document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        return [.. part.Worksheet.Descendants<Cell>().Select(c => shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)])];
    }

    [Fact]
    public void The_xlsx_template_read_back_has_no_requirements() =>
        Assert.Equal("Filen innehåller inga krav.", Problem(Read(SubmissionSheetTemplate.Xlsx(Categories), "mall.xlsx")));

    [Fact]
    public void The_xlsx_template_without_categories_read_back_has_no_requirements() =>
        Assert.Equal("Filen innehåller inga krav.", Problem(Read(SubmissionSheetTemplate.Xlsx([]), "mall.xlsx")));

    [Fact]
    public void The_CSV_template_read_back_has_no_requirements() =>
        Assert.Equal("Filen innehåller inga krav.", Problem(Read(SubmissionSheetTemplate.Csv(), "mall.csv")));

    [Fact]
    public void The_CSV_template_is_a_UTF_8_header_with_BOM_and_CRLF() =>
        Assert.Equal([.. Encoding.UTF8.GetPreamble(), .. "Kravtext;Typ;Motiv;Kategori\r\n"u8], SubmissionSheetTemplate.Csv());

    [Fact]
    public void The_CSV_template_filled_in_is_read()
    {
        var filled = SubmissionSheetTemplate.Csv().Concat(Encoding.UTF8.GetBytes("Krav;SKA;;Textil\r\n")).ToArray();

        var row = Assert.Single(Rows(Read(filled, "mall.csv")));

        Assert.Equal(("Krav", "SKA", "Textil"), (row.Text, row.Kind, row.Category));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_xlsx_template_is_a_valid_Open_XML_document(bool withCategories)
    {
        using var document = Open(SubmissionSheetTemplate.Xlsx(withCategories ? Categories : []));

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void The_xlsx_template_has_the_needs_sheet_first_then_instructions_and_a_hidden_list_sheet()
    {
        using var document = Open(SubmissionSheetTemplate.Xlsx(Categories));

        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();

        Assert.Equal(["Behov", "Instruktioner", "Listor"], sheets.Select(s => s.Name!.Value));
        Assert.Null(sheets[0].State);
        Assert.Null(sheets[1].State);
        Assert.Equal(SheetStateValues.Hidden, sheets[2].State!.Value);
    }

    [Fact]
    public void The_needs_sheet_has_a_bold_frozen_header_with_the_four_columns()
    {
        using var document = Open(SubmissionSheetTemplate.Xlsx(Categories));
        var part = Part(document, "Behov");

        Assert.Equal(["Kravtext", "Typ", "Motiv", "Kategori"], Texts(document, part));

        var pane = part.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1D, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);

        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var formats = stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var fonts = stylesheet.Fonts!.Elements<Font>().ToList();
        Assert.All(part.Worksheet.Descendants<Cell>(), cell =>
            Assert.NotNull(fonts[(int)formats[(int)cell.StyleIndex!.Value].FontId!.Value].Bold));

        var columns = part.Worksheet.Descendants<Column>().ToList();
        Assert.Equal(4, columns.Count);
        Assert.All(columns, c => Assert.True(c.Width!.Value >= 10));
        Assert.True(formats[(int)columns[0].Style!.Value].Alignment!.WrapText!.Value);
        Assert.True(formats[(int)columns[2].Style!.Value].Alignment!.WrapText!.Value);
    }

    [Fact]
    public void Typ_and_Kategori_have_drop_down_lists_on_rows_2_to_50001()
    {
        using var document = Open(SubmissionSheetTemplate.Xlsx(Categories));
        var validations = Part(document, "Behov").Worksheet.Descendants<DataValidation>().ToList();

        Assert.Equal(2, validations.Count);
        Assert.All(validations, v => Assert.Equal(DataValidationValues.List, v.Type!.Value));
        Assert.Equal("B2:B50001", validations[0].SequenceOfReferences!.InnerText);
        Assert.Equal("\"SKA,BÖR,KVAL,KV\"", validations[0].Formula1!.Text);
        Assert.Equal("D2:D50001", validations[1].SequenceOfReferences!.InnerText);

        var name = document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>()
            .Single(n => n.Name == validations[1].Formula1!.Text);
        Assert.Equal("Listor!$A$1:$A$3", name.Text);
        Assert.Equal(["Möbler", "Belysning, el", "Textil"], Texts(document, Part(document, "Listor")));
    }

    [Fact]
    public void Without_categories_only_Typ_has_a_drop_down_list()
    {
        using var document = Open(SubmissionSheetTemplate.Xlsx([]));

        var validation = Assert.Single(Part(document, "Behov").Worksheet.Descendants<DataValidation>());

        Assert.Equal("B2:B50001", validation.SequenceOfReferences!.InnerText);
        Assert.Null(document.WorkbookPart!.Workbook.DefinedNames);
    }

    [Fact]
    public void The_instructions_explain_each_column_and_refuse_formulas()
    {
        using var document = Open(SubmissionSheetTemplate.Xlsx(Categories));

        var lines = Texts(document, Part(document, "Instruktioner"));

        Assert.InRange(lines.Count, 6, 8);
        foreach (var word in new[] { "Kravtext", "Typ", "Motiv", "Kategori", "Formler" })
        {
            Assert.Contains(lines, line => line.StartsWith(word, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_xlsx_template_filled_in_is_read_from_the_needs_sheet()
    {
        using var memory = new MemoryStream();
        memory.Write(SubmissionSheetTemplate.Xlsx(Categories));
        memory.Position = 0;
        using (var document = SpreadsheetDocument.Open(memory, isEditable: true))
        {
            var part = Part(document, "Behov");
            part.Worksheet.GetFirstChild<SheetData>()!.Append(new Row(
                new Cell { CellReference = "A2", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("Krav")) },
                new Cell { CellReference = "D2", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("Textil")) })
            {
                RowIndex = 2U,
            });
        }

        var row = Assert.Single(Rows(Read(memory.ToArray(), "mall.xlsx")));

        Assert.Equal(3, SubmissionRowRules.Validate(row, Categories).Row!.CategoryNumber);
    }
}
