using Procurement.Documents.Csv;

namespace Procurement.Documents.Tests.Csv;

public sealed class CsvReaderTests
{
    [Fact]
    public void Records_know_the_physical_line_they_start_on_when_quoted_fields_hold_line_breaks()
    {
        var records = CsvReader.Read("\uFEFFid,text\r\n1,\"två\r\nrader\"\r\n2,\"tre\nlånga\nrader\"\n3,en\n").ToList();

        Assert.Equal([1, 2, 4, 7], records.Select(r => r.Line));
        Assert.Equal([1, 2, 3, 4], records.Select(r => r.Number));
        Assert.Equal(["id", "text"], records[0].Fields);
        Assert.Equal("två\r\nrader", records[1].Fields[1]);
        Assert.All(records, r => Assert.False(r.UnterminatedQuote));
    }

    [Fact]
    public void A_quote_left_open_is_reported_on_its_record()
    {
        var records = CsvReader.Read("id;text\n1;\"öppen\n2;text\n").ToList();

        Assert.Equal(2, records.Count);
        Assert.True(records[1].UnterminatedQuote);
        Assert.Equal(2, records[1].Line);
        Assert.Equal("öppen\n2;text\n", records[1].Fields[1]);
    }

    [Fact]
    public void The_separator_is_taken_from_the_header_and_doubled_quotes_are_one()
    {
        var records = CsvReader.Read("text;id\n\"säger \"\"hej\"\", och går\";7\n").ToList();

        Assert.Equal(["säger \"hej\", och går", "7"], records[1].Fields);
        Assert.True(records.All(r => !r.IsBlank));
    }
}
