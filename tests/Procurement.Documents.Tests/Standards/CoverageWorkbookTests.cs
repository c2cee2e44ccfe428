using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Procurement.Documents.Standards;

namespace Procurement.Documents.Tests.Standards;

public sealed class CoverageWorkbookTests
{
    private static readonly CoverageSheet Sheet = new(
        "Täckning",
        "Täckning av standarder – DEMO-1 Lokalbokning",
        "1 avsnitt täckta, 1 luckor, 0 konflikter.",
        ["Standard", "Namn", "Avsnitt", "Vad avsnittet kräver", "Status", "Täcks av", "Bör-krav", "Konflikter"],
        [
            new("DOS-WCAG", "WCAG 2.1", "WCAG-AA", "Webbtjänster uppfyller WCAG 2.1 AA.", "Täckt", "K-3.1.1:2 Tillgänglighet", "", ""),
            new("DOS-WCAG", "WCAG 2.1", "WCAG-DOCS", "Dokument är tillgängliga.\u0001", "Lucka – endast bör-krav", "", "K-4.1:1 Dokument", "K-3.1.1:2: Annan nivå"),
        ]);

    [Fact]
    public void The_workbook_is_valid_and_reads_back_row_by_row()
    {
        var bytes = CoverageWorkbook.Xlsx(Sheet);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
        Assert.Equal("Täckning", sheet.Name!.Value);
        var rows = ((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .ToDictionary(r => r.RowIndex!.Value, r => r.Elements<Cell>().Select(c => c.InnerText).ToList());
        Assert.Equal("Täckning av standarder – DEMO-1 Lokalbokning", rows[1][0]);
        Assert.Equal(Sheet.Columns, rows[CoverageWorkbook.HeaderRow]);
        Assert.Equal(["DOS-WCAG", "WCAG 2.1", "WCAG-AA", "Webbtjänster uppfyller WCAG 2.1 AA.", "Täckt", "K-3.1.1:2 Tillgänglighet", "", ""], rows[5]);
        Assert.Equal("Dokument är tillgängliga.", rows[6][3]); // a control character XML cannot hold is dropped
        Assert.Equal("Lucka – endast bör-krav", rows[6][4]);
    }

    [Fact]
    public void An_empty_report_is_a_valid_workbook_with_its_header()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(CoverageWorkbook.Xlsx(Sheet with { Rows = [] })), isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        Assert.Equal(3, document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Count());
    }
}
